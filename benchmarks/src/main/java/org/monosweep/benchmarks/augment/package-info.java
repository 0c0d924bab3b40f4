/**
 * The augmentation benchmarks, against a naive rotate-crop-resize-jitter baseline built on
 * {@code java.awt} ({@code NaiveAugmenter}) rendering the same patches. {@link
 * org.monosweep.benchmarks.augment.AugmentBench} ({@code bench augment}) measures whole batches
 * on one thread and on all, per wall and per CPU second; {@link
 * org.monosweep.benchmarks.augment.PatchGeneratorBenchmark} is the single-thread kernel under
 * JMH, which {@link org.monosweep.benchmarks.augment.KernelBench} ({@code bench kernel}) runs.
 */
package org.monosweep.benchmarks.augment;
