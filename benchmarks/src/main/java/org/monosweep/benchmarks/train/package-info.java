/**
 * The training benchmarks' commands: {@code bench train} ({@link
 * org.monosweep.benchmarks.train.TrainBench}: RotNet images/s and probe time per layer), and
 * {@code bench gan} and {@code bench cluster}, whose options become the settings of the trainer's
 * own {@code GanBench} and {@code ClusterBench}, which stay beside the package-private steps they
 * measure. All train through the code paths a cell uses; none is part of a sweep.
 */
package org.monosweep.benchmarks.train;
