/**
 * The actors of a worker node. A {@link org.monosweep.gpunode.actor.NodeGuardian} advertises the
 * node's slots (one per GPU, one on a CPU-only machine) by spawning one {@link
 * org.monosweep.gpunode.actor.CellWorker} per slot. Each worker registers a {@code
 * ConsumerController} under {@code ServiceKeys.CELL_WORKERS}, so the coordinator finds it and
 * hands it one {@code RunCell} at a time; the worker runs the cell with a {@code CellRunner} on a
 * blocking executor, never on an actor thread, renews its lease with {@code CellAlive} while the
 * cell runs, uploads the cell's files to the coordinator's artifact store when the job names one
 * (no shared file system), reports to the coordinator, and only then confirms the delivery and
 * takes the next cell. {@link org.monosweep.gpunode.actor.CellWorkerSettings} holds the renewal
 * interval and upload timeout.
 */
package org.monosweep.gpunode.actor;
