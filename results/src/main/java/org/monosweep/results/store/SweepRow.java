package org.monosweep.results.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A registered sweep and how far it got.
 *
 * @param name the sweep's name, unique in the store
 * @param origin where its spec came from (the spec file), as last registered
 * @param created when it was first registered
 * @param counts its cells by status
 */
public record SweepRow(String name, String origin, Instant created, StatusCounts counts) {
  public SweepRow {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(counts, "counts");
  }
}
