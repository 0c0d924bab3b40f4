package org.monosweep.benchmarks.dispatch;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.monosweep.spec.CellId;

/**
 * The two legs of a slot's gap between cells, per cell, from the runner's stamps and the
 * coordinator's announcements:
 * <ul>
 *   <li><b>report leg</b>: the runner returned, until the coordinator announced the cell done.
 *       The worker's {@code CellCompleted} crossing the wire, the coordinator's mailbox and its
 *       handling of the report (bookkeeping, the results writer's message, the events);
 *   <li><b>dispatch leg</b>: the coordinator announced the cell assigned, until the runner
 *       started it. {@code RunCell} through the producer controller, over the wire to the
 *       consumer controller, the worker's {@code CellStarted}, and the training executor.
 * </ul>
 * Announcements are stamped when the listener handles them, slightly late, which lengthens the
 * report leg and shortens the dispatch leg by the same listener lag; their sum holds.
 */
final class DispatchLegs {
  private final double[] reportMillis;
  private final double[] dispatchMillis;

  private DispatchLegs(double[] reportMillis, double[] dispatchMillis) {
    this.reportMillis = reportMillis;
    this.dispatchMillis = dispatchMillis;
  }

  /** The legs of every cell that ran once and was both assigned and completed. */
  static DispatchLegs of(List<HoldLog.Hold> holds, Map<CellId, Long> assignedAt,
      Map<CellId, Long> completedAt) {
    double[] report = holds.stream().filter(h -> completedAt.containsKey(h.cellId()))
        .mapToDouble(h -> (completedAt.get(h.cellId()) - h.interval().end()) / 1e6)
        .sorted().toArray();
    double[] dispatch = holds.stream().filter(h -> assignedAt.containsKey(h.cellId()))
        .mapToDouble(h -> (h.interval().start() - assignedAt.get(h.cellId())) / 1e6)
        .sorted().toArray();
    return new DispatchLegs(report, dispatch);
  }

  /** The report leg of each cell that has both stamps, sorted, in ms. */
  double[] reportMillis() {
    return reportMillis.clone();
  }

  /** The dispatch leg of each cell that has both stamps, sorted, in ms. */
  double[] dispatchMillis() {
    return dispatchMillis.clone();
  }

  /** The mean of {@code sortedMillis}; 0 when empty. */
  static double mean(double[] sortedMillis) {
    return Arrays.stream(sortedMillis).average().orElse(0);
  }

  /** The {@code q}-quantile (nearest rank) of {@code sortedMillis}; 0 when empty. */
  static double quantile(double[] sortedMillis, double q) {
    if (sortedMillis.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(q * sortedMillis.length);
    return sortedMillis[Math.min(sortedMillis.length, Math.max(1, rank)) - 1];
  }

  /** Two lines: each leg's mean, median and 99th percentile. */
  List<String> describe() {
    return List.of(
        line("report leg (runner returned -> coordinator announced the cell done)", reportMillis),
        line("dispatch leg (coordinator announced the assignment -> runner started)",
            dispatchMillis));
  }

  private static String line(String what, double[] millis) {
    return String.format(Locale.ROOT, "%s: mean %.3f ms, p50 %.3f ms, p99 %.3f ms over %d cells",
        what, mean(millis), quantile(millis, 0.5), quantile(millis, 0.99), millis.length);
  }
}
