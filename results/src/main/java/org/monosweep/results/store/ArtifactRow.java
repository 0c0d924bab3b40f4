package org.monosweep.results.store;

import java.util.Objects;
import org.monosweep.spec.CellId;

/**
 * A file a finished cell produced.
 *
 * @param cellId the cell
 * @param kind for example {@code onnx-encoder}
 * @param path where it lies
 * @param sizeBytes its size
 * @param sha256 its hex digest
 */
public record ArtifactRow(CellId cellId, String kind, String path, long sizeBytes, String sha256) {
  public ArtifactRow {
    Objects.requireNonNull(cellId, "cellId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
  }
}
