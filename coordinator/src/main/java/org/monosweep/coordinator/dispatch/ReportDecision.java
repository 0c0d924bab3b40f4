package org.monosweep.coordinator.dispatch;

import java.time.Duration;
import java.time.Instant;
import org.monosweep.spec.Cell;
import org.monosweep.spec.CellId;

/**
 * What a {@link CellBook} made of a worker's report, for the sweep actor to carry out: record it,
 * tell the listener, hand the cell out again, or drop the report.
 */
public sealed interface ReportDecision {

  /**
   * The report changes nothing: it names an unknown cell, an attempt that was superseded, or
   * repeats what is already known (a redelivered attempt reporting a second time).
   */
  record Ignored(CellId cellId, int attempt, IgnoreReason reason) implements ReportDecision {}

  /** The attempt is now running on {@code node}. */
  record Started(Cell cell, int attempt, String node) implements ReportDecision {}

  /** The attempt finished; the cell is done. */
  record Completed(Cell cell, int attempt, String node, Duration took) implements ReportDecision {}

  /**
   * The attempt failed and the cell goes back to pending, to be handed out again as attempt
   * {@code attempt + 1} no sooner than {@code notBefore}.
   */
  record Retrying(Cell cell, int attempt, String node, String reason, Instant notBefore)
      implements ReportDecision {}

  /**
   * The attempt failed for good (not retryable, or the last allowed); the cell is failed.
   *
   * @param took how long the last attempt ran
   */
  record GaveUp(Cell cell, int attempt, String node, String reason, Duration took)
      implements ReportDecision {}

  /** Why a report was dropped. */
  enum IgnoreReason {
    /** The cell is not part of this sweep. */
    UNKNOWN_CELL,
    /** The report belongs to an attempt that a later one superseded (or that already ended). */
    STALE_ATTEMPT,
    /** The report repeats one already taken into account. */
    DUPLICATE
  }
}
