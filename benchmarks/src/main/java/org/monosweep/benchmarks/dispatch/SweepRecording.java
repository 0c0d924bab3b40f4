package org.monosweep.benchmarks.dispatch;

import java.util.List;
import java.util.Map;
import org.monosweep.spec.CellId;

/**
 * What the {@link SweepRecorder} saw of one sweep, in nanoseconds of the benchmark's clock.
 *
 * @param spawnedAt when the coordinator was spawned (before it registered the sweep in H2)
 * @param startedAt when {@code SweepStarted} arrived: the cells are registered, dispatch begins
 * @param finishedAt when {@code SweepFinished} arrived: every cell ended and the results writer
 *     has flushed, so every result is committed to H2
 * @param pending when the sweep had cells not yet handed to a slot
 * @param total the sweep's cells
 * @param done cells done at the end
 * @param failed cells failed at the end
 * @param assignedAt when the coordinator announced each cell's (latest) assignment to a slot
 * @param completedAt when the coordinator announced each cell done, having handled its report
 */
record SweepRecording(long spawnedAt, long startedAt, long finishedAt, List<Interval> pending,
    int total, int done, int failed, Map<CellId, Long> assignedAt, Map<CellId, Long> completedAt) {
  SweepRecording {
    pending = List.copyOf(pending);
    assignedAt = Map.copyOf(assignedAt);
    completedAt = Map.copyOf(completedAt);
  }

  /** From spawning the coordinator to {@code SweepStarted}: registering the cells in H2. */
  long registrationNanos() {
    return startedAt - spawnedAt;
  }
}
