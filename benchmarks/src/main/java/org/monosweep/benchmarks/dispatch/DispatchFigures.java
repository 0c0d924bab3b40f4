package org.monosweep.benchmarks.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The figures of one measured sweep, each with the formula it comes from. Wall is the window
 * from the sweep's start (cells registered, dispatch begins) to its end (every result committed
 * to H2); registering the cells in H2 beforehand is reported apart, as a one-off per sweep.
 *
 * @param cellHold how long each cell held its slot (nominal)
 * @param cells cells in the sweep
 * @param slots worker slots
 * @param registrationNanos registering the cells in H2, before the window
 * @param wallNanos the window's length
 * @param heldNanos the sum over cells of the time each actually held its slot
 * @param idleWhilePendingNanos slot time idle while cells were pending
 * @param drainNanos from the end of the last cell's hold to the window's end: the last reports
 *     crossing the wire and the results writer draining its backlog into H2
 */
record DispatchFigures(Duration cellHold, int cells, int slots, long registrationNanos,
    long wallNanos, long heldNanos, long idleWhilePendingNanos, long drainNanos) {

  DispatchFigures {
    Objects.requireNonNull(cellHold, "cellHold");
    if (cells < 1 || slots < 1) {
      throw new IllegalArgumentException("figures need cells and slots, got " + cells + " cells, "
          + slots + " slots");
    }
  }

  /** The figures of {@code timeline}, a sweep of {@code cells} cells. */
  static DispatchFigures of(Duration cellHold, int cells, SlotTimeline timeline,
      long registrationNanos) {
    return new DispatchFigures(cellHold, cells, timeline.slots(), registrationNanos,
        timeline.window().length(), timeline.heldNanos(), timeline.idleWhilePendingNanos(),
        timeline.window().end() - timeline.lastHoldEnd());
  }

  /** {@code cells / wall}: throughput of the whole path, H2 writes included. */
  double cellsPerSecond() {
    return cells / seconds(wallNanos);
  }

  /**
   * {@code (slots x wall - sum of hold time) / cells}, in ms: the slot time each cell cost beyond
   * its own hold (dispatch, the wire, reports, start-up and tail included).
   */
  double overheadMsPerCell() {
    return (slots * (double) wallNanos - heldNanos) / cells / 1e6;
  }

  /**
   * {@code (wall - sum of hold / slots) / cells}, in ms: the wall time each cell adds to the
   * sweep beyond a perfect packing of the holds on the slots; the slot-time overhead amortised
   * over the slots that work in parallel. For 0 ms cells it equals wall / cells.
   */
  double amortisedOverheadMs() {
    return overheadMsPerCell() / slots;
  }

  /** {@code wall / cells}, in ms: the sweep's time per cell, over all slots together. */
  double wallMsPerCell() {
    return wallNanos / 1e6 / cells;
  }

  /** {@code idle slot time while cells were pending / (slots x wall)}, in [0, 1]. */
  double idleFraction() {
    return wallNanos == 0 ? 0.0 : idleWhilePendingNanos / (slots * (double) wallNanos);
  }

  /** The figures, one per line, each with its formula and inputs. */
  List<String> describe() {
    double wall = seconds(wallNanos);
    double held = seconds(heldNanos);
    return List.of(
        format("registration (RegisterSweep of %d cells into H2, before the window): %.2f s",
            cells, seconds(registrationNanos)),
        format("wall (SweepStarted -> SweepFinished, every result committed to H2): %.3f s,"
            + " of which %.3f s after the last cell's hold (last reports, H2 drain)", wall,
            seconds(drainNanos)),
        format("throughput = cells / wall = %d / %.3f s = %.1f cells/s", cells, wall,
            cellsPerSecond()),
        format("overhead per cell = (slots x wall - sum of hold) / cells"
            + " = (%d x %.3f s - %.3f s) / %d = %.3f ms of slot time", slots, wall, held, cells,
            overheadMsPerCell()),
        format("amortised overhead per cell = (wall - sum of hold / slots) / cells"
            + " = (%.3f s - %.3f s / %d) / %d = %.4f ms of wall time", wall, held, slots, cells,
            amortisedOverheadMs()),
        format("wall per cell = wall / cells = %.3f s / %d = %.4f ms", wall, cells,
            wallMsPerCell()),
        format("idle while pending = idle slot time while cells were pending / (slots x wall)"
            + " = %.3f s / (%d x %.3f s) = %.3f %%", seconds(idleWhilePendingNanos), slots, wall,
            100 * idleFraction()));
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
