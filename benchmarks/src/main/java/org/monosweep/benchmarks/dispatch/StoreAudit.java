package org.monosweep.benchmarks.dispatch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.monosweep.results.store.CellRow;
import org.monosweep.results.store.CellStatus;
import org.monosweep.results.store.ResultStore;
import org.monosweep.spec.Cell;
import org.monosweep.spec.CellId;
import org.monosweep.spec.SweepSpec;

/**
 * What H2 holds for a finished benchmark sweep: whether every cell of the spec is stored exactly
 * once, DONE, after exactly one start, with its probe rows.
 *
 * @param expected the spec's cells
 * @param rows the sweep's cell rows in the store
 * @param doneOnce spec cells stored once, DONE, started once over all runs
 * @param probeRows probe rows of the sweep's cells
 * @param expectedProbeRows one per conv layer of each cell
 */
record StoreAudit(int expected, int rows, int doneOnce, int probeRows, int expectedProbeRows) {

  /** Reads the sweep back from {@code store}. */
  static StoreAudit of(ResultStore store, SweepSpec spec) {
    Objects.requireNonNull(store, "store");
    List<CellRow> rows = store.cells(spec.name());
    Map<CellId, Integer> copies = new HashMap<>();
    Map<CellId, CellRow> byId = new HashMap<>();
    for (CellRow row : rows) {
      copies.merge(row.id(), 1, Integer::sum);
      byId.put(row.id(), row);
    }
    int doneOnce = 0;
    int expectedProbes = 0;
    for (Cell cell : spec.cells()) {
      expectedProbes += cell.encoder().convLayers();
      CellRow row = byId.get(cell.id());
      if (copies.getOrDefault(cell.id(), 0) == 1 && row.state().status() == CellStatus.DONE
          && row.state().attempts() == 1) {
        doneOnce++;
      }
    }
    return new StoreAudit(spec.cells().size(), rows.size(), doneOnce,
        store.probes(spec.name()).size(), expectedProbes);
  }

  /** Every cell DONE exactly once with all its probes, and nothing else stored. */
  boolean ok() {
    return doneOnce == expected && rows == expected && probeRows == expectedProbeRows;
  }

  /** One line for the benchmark's output. */
  String describe() {
    return String.format(java.util.Locale.ROOT,
        "H2 check: %d of %d cells DONE exactly once (one row, one start), %d rows, %d of %d probe"
            + " rows: %s", doneOnce, expected, rows, probeRows, expectedProbeRows,
        ok() ? "OK" : "FAILED");
  }
}
