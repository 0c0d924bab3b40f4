package org.monosweep.benchmarks.dispatch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;
import org.monosweep.spec.CellId;
import org.monosweep.trainer.train.CellRunner;

/**
 * Time-stamps every cell a runner runs: wraps a {@link CellRunner} and records, on the slot's
 * own thread, when {@code run} was entered and left. Those are the stretches a slot was held;
 * everything between them is the dispatch path's. Safe for all slots of all nodes at once.
 */
final class HoldLog {
  /** One run of a cell. */
  record Hold(CellId cellId, Interval interval) {}

  private final LongSupplier ticker;
  private final ConcurrentLinkedQueue<Hold> holds = new ConcurrentLinkedQueue<>();

  private HoldLog(LongSupplier ticker) {
    this.ticker = ticker;
  }

  /** An empty log reading {@code ticker} (nanoseconds). */
  static HoldLog create(LongSupplier ticker) {
    return new HoldLog(Objects.requireNonNull(ticker, "ticker"));
  }

  /** {@code runner}, recording each run here, failed runs included. */
  CellRunner around(CellRunner runner) {
    Objects.requireNonNull(runner, "runner");
    return (cell, context) -> {
      long start = ticker.getAsLong();
      try {
        return runner.run(cell, context);
      } finally {
        holds.add(new Hold(cell.id(), new Interval(start, ticker.getAsLong())));
      }
    };
  }

  /** Every hold so far, in the order they ended. */
  List<Hold> holds() {
    return List.copyOf(holds);
  }

  /** The stretches slots were held, in the order they ended. */
  List<Interval> intervals() {
    return holds.stream().map(Hold::interval).toList();
  }

  /** How many times each cell was run. */
  Map<CellId, Integer> runsPerCell() {
    Map<CellId, Integer> runs = new HashMap<>();
    holds.forEach(h -> runs.merge(h.cellId(), 1, Integer::sum));
    return runs;
  }
}
