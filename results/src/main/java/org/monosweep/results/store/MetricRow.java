package org.monosweep.results.store;

import java.util.Objects;
import org.monosweep.spec.CellId;

/**
 * One training metric value of a finished cell.
 *
 * @param cellId the cell
 * @param attempt the attempt that produced the result
 * @param phase {@code train} or {@code probe:<layer>}
 * @param epoch 1-based epoch
 * @param step global optimiser step at the end of the epoch
 * @param name for example {@code loss}
 * @param value the value (NaN is kept: a diverged loss is information)
 */
public record MetricRow(CellId cellId, int attempt, String phase, int epoch, long step, String name,
    double value) {
  public MetricRow {
    Objects.requireNonNull(cellId, "cellId");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(name, "name");
  }
}
