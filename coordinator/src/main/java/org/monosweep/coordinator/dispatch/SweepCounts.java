package org.monosweep.coordinator.dispatch;

/**
 * How many cells of a sweep are in each state.
 *
 * @param total every cell of the sweep
 * @param pending waiting for a slot
 * @param inFlight assigned to a slot or running there
 * @param done finished with a result (earlier runs' results included)
 * @param failed given up
 */
public record SweepCounts(int total, int pending, int inFlight, int done, int failed) {
  /** Whether every cell is done or failed. */
  public boolean finished() {
    return done + failed == total;
  }
}
