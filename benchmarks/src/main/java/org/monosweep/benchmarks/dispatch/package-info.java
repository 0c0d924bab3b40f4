/**
 * {@code monosweep bench dispatch}: what the path between a free slot and its next cell costs.
 * {@link org.monosweep.benchmarks.dispatch.DispatchBench} runs one {@code DispatchRun} per cell duration:
 * a {@code BenchCluster} of a coordinator system and node systems on loopback TCP, whose slots run
 * the simulated runner under a {@code HoldLog}, and a {@code SweepHost} that starts the real
 * coordinator and results writer once every slot is listed and feeds a {@code SweepRecorder}.
 * {@code SlotTimeline} turns the holds and pending stretches into busy and idle slot time,
 * {@code DispatchFigures} into the printed figures, and {@code StoreAudit} checks what H2 holds.
 */
package org.monosweep.benchmarks.dispatch;
