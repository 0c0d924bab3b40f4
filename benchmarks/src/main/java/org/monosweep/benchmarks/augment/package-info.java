/**
 * Throughput benchmark of the fused patch sampler against a naive rotate-crop-resize-jitter
 * baseline built on {@code java.awt}; {@link org.monosweep.benchmarks.augment.AugmentBench} is a plain
 * {@code main} that the CLI's {@code bench augment} command delegates to.
 */
package org.monosweep.benchmarks.augment;
