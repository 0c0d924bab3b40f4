package org.monosweep.spec;

import java.util.Objects;

/**
 * Where a cell's labelled dataset lives.
 *
 * @param kind the layout
 * @param path the folder holding the files
 */
public record DatasetRef(DatasetKind kind, String path) {
  public DatasetRef {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(path, "path");
  }
}
