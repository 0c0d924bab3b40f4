package org.monosweep.spec;

import java.util.List;
import java.util.Objects;

/**
 * A parsed, validated sweep: its name, where it came from, and its expanded cells in the
 * deterministic grid order.
 *
 * @param name the sweep's name (unique in a results store)
 * @param origin the file (or resource) the spec was read from, for messages
 * @param cells the grid after expansion and include/exclude rules, in stable order, no duplicates
 */
public record SweepSpec(String name, String origin, List<Cell> cells) {
  public SweepSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(origin, "origin");
    cells = List.copyOf(cells);
  }
}
