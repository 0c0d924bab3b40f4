package org.monosweep.results.store;

/**
 * How many cells of a sweep are in each {@link CellStatus}.
 *
 * @param pending cells not started or waiting for a retry
 * @param running cells with an attempt in flight
 * @param done finished cells
 * @param failed cells that failed their last allowed attempt
 * @param interrupted cells stopped while running
 */
public record StatusCounts(int pending, int running, int done, int failed, int interrupted) {

  /** No cells at all. */
  public static final StatusCounts NONE = new StatusCounts(0, 0, 0, 0, 0);

  public StatusCounts {
    if (pending < 0 || running < 0 || done < 0 || failed < 0 || interrupted < 0) {
      throw new IllegalArgumentException("counts are never negative");
    }
  }

  /** The number of cells in {@code status}. */
  public int get(CellStatus status) {
    switch (status) {
      case PENDING:
        return pending;
      case RUNNING:
        return running;
      case DONE:
        return done;
      case FAILED:
        return failed;
      case INTERRUPTED:
        return interrupted;
      default:
        throw new IllegalArgumentException("unknown status " + status);
    }
  }

  /** A copy with {@code count} cells in {@code status}. */
  public StatusCounts with(CellStatus status, int count) {
    return new StatusCounts(
        status == CellStatus.PENDING ? count : pending,
        status == CellStatus.RUNNING ? count : running,
        status == CellStatus.DONE ? count : done,
        status == CellStatus.FAILED ? count : failed,
        status == CellStatus.INTERRUPTED ? count : interrupted);
  }

  /** All cells of the sweep. */
  public int total() {
    return pending + running + done + failed + interrupted;
  }
}
