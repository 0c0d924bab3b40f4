package org.monosweep.coordinator.dispatch;

/** Where a cell stands in its sweep; the tag of a {@link CellState}. */
public enum CellStatus {
  /** Waiting for a free slot (never tried, or waiting to be retried). */
  PENDING,
  /** Sent to a slot that has not yet reported that it started. */
  ASSIGNED,
  /** A node reported that it is training the cell. */
  RUNNING,
  /** Finished with a result. */
  DONE,
  /** Failed on its last allowed attempt, or with a failure that a retry cannot fix. */
  FAILED;

  /** Whether the cell will not change any more ({@link #DONE} or {@link #FAILED}). */
  public boolean isFinal() {
    return this == DONE || this == FAILED;
  }

  /** Whether an attempt of the cell is out on a slot ({@link #ASSIGNED} or {@link #RUNNING}). */
  public boolean inFlight() {
    return this == ASSIGNED || this == RUNNING;
  }
}
