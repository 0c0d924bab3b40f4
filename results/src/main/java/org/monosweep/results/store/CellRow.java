package org.monosweep.results.store;

import java.util.Objects;
import org.monosweep.spec.CellId;

/**
 * A cell as stored: its id, settings and state.
 *
 * @param id the canonical cell id
 * @param settings what the cell trains
 * @param state where it stands
 */
public record CellRow(CellId id, CellSettings settings, CellState state) {
  public CellRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(state, "state");
  }
}
