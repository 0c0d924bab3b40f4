package org.monosweep.onnx.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One cell's models as {@code monosweep export} copied them.
 *
 * @param candidate the cell
 * @param directory the cell's folder under the target, {@code DIR/<cell id>}
 * @param files the copied ONNX files
 * @param modelCard the Markdown model card, {@code MODEL_CARD.md}
 * @param checksums {@code SHA256SUMS}, for {@code sha256sum -c}
 */
public record ExportedModel(ExportCandidate candidate, Path directory, List<Path> files,
    Path modelCard, Path checksums) {
  public ExportedModel {
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(directory, "directory");
    files = List.copyOf(files);
    Objects.requireNonNull(modelCard, "modelCard");
    Objects.requireNonNull(checksums, "checksums");
  }
}
