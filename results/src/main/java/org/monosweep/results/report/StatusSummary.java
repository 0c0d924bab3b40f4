package org.monosweep.results.report;

import java.util.ArrayList;
import java.util.List;
import org.monosweep.results.store.ResultStore;
import org.monosweep.results.store.StatusCounts;
import org.monosweep.results.store.SweepRow;

/**
 * What {@code monosweep status} prints: every sweep in the store with its cells done out of
 * total, failed, running, interrupted and pending.
 *
 * @param sweeps the sweeps, oldest first
 */
public record StatusSummary(List<SweepRow> sweeps) {

  public StatusSummary {
    sweeps = List.copyOf(sweeps);
  }

  /** Reads every sweep's counts from {@code store}. */
  public static StatusSummary load(ResultStore store) {
    return new StatusSummary(store.sweeps());
  }

  /** An aligned plain-text table, one line per sweep, ending with a newline. */
  public String toText() {
    if (sweeps.isEmpty()) {
      return "No sweeps in the results store yet.\n";
    }
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"sweep", "done/total", "failed", "running", "interrupted", "pending"});
    for (SweepRow sweep : sweeps) {
      StatusCounts c = sweep.counts();
      lines.add(new String[] {sweep.name(), c.done() + "/" + c.total(), Integer.toString(c.failed()),
          Integer.toString(c.running()), Integer.toString(c.interrupted()),
          Integer.toString(c.pending())});
    }
    int[] widths = new int[lines.get(0).length];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (String[] line : lines) {
      // The name column is left-aligned, the numbers right-aligned, two spaces apart.
      text.append(line[0]).append(" ".repeat(widths[0] - line[0].length()));
      for (int i = 1; i < line.length; i++) {
        text.append("  ").append(" ".repeat(widths[i] - line[i].length())).append(line[i]);
      }
      text.append('\n');
    }
    return text.toString();
  }
}
