/**
 * Stand-ins for real training, for measuring and testing the machinery around it. {@link
 * org.monosweep.gpunode.simulate.SimulatedCellRunner} is a {@code CellRunner} that holds its
 * slot's thread for a fixed time and returns a synthetic result, so the dispatch benchmark, a
 * {@code node --simulate} process and chaos tests exercise the real worker, wire and results path
 * without a GPU or a dataset. How it reads time and waits is a package-private {@code Pause},
 * so tests drive that time by hand.
 */
package org.monosweep.gpunode.simulate;
