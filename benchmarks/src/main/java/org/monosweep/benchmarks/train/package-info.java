/**
 * Benchmarks run by hand on a node ({@code java -cp ... org.monosweep.benchmarks.train.TrainBench}):
 * training throughput of the built-in trainers and probe training time, measured through the
 * same code paths a cell uses. Not part of a sweep.
 */
package org.monosweep.benchmarks.train;
