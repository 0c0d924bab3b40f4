package org.monosweep.onnx.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.monosweep.protocol.CellResult.ArtifactRef;

/**
 * {@code monosweep export SWEEP --where "method=rotnet and n=1" --best conv2 --to DIR}: selects
 * finished cells by their settings and copies their ONNX models, each cell into
 * {@code DIR/<cell id>/} with a Markdown model card ({@code MODEL_CARD.md}: settings, probe
 * table, files with sha256, how to run them) and a {@code SHA256SUMS} file.
 *
 * <p>Only cells with exported ONNX models are candidates. With a best layer, the one cell with
 * the highest probe accuracy on that layer is chosen (ties go to the smaller cell id), and its
 * encoder and that layer's classifier are copied; without one, every matching cell is copied
 * with all its models. Each file's sha256 is checked against the stored one before it is
 * copied; files are written whole (temporary sibling, then an atomic move).
 */
public final class ModelExport {
  /** The model card's file name. */
  public static final String MODEL_CARD = "MODEL_CARD.md";
  /** The checksum file's name. */
  public static final String CHECKSUMS = "SHA256SUMS";

  private ModelExport() {}

  /**
   * Parses {@code where}, selects and copies. One call per CLI command.
   *
   * @param candidates the sweep's finished cells
   * @param where a {@link ModelFilter} text; null or blank for all cells
   * @param bestLayer {@code convK} to copy only the best cell on that layer; null for all
   *     matching cells
   * @param toDir the target folder (created when missing)
   * @return what was copied, one entry per cell
   * @throws IllegalArgumentException for a bad filter, an unknown layer, no matching cell, or a
   *     model file that is missing or changed since it was recorded
   * @throws IOException when copying fails
   */
  public static List<ExportedModel> selectAndCopy(List<ExportCandidate> candidates, String where,
      String bestLayer, Path toDir) throws IOException {
    List<ExportCandidate> chosen = select(candidates, ModelFilter.parse(where), bestLayer);
    List<ExportedModel> out = new ArrayList<>();
    for (ExportCandidate candidate : chosen) {
      out.add(copy(candidate, bestLayer, toDir));
    }
    return out;
  }

  /**
   * The candidates to copy: those matching {@code filter} that have ONNX models, sorted by cell
   * id; with {@code bestLayer}, only the one with the highest probe on it.
   *
   * @throws IllegalArgumentException when nothing matches, or no match has a probe on
   *     {@code bestLayer} (listing the layers there are)
   */
  public static List<ExportCandidate> select(List<ExportCandidate> candidates, ModelFilter filter,
      String bestLayer) {
    List<ExportCandidate> matching = candidates.stream().filter(filter::matches)
        .sorted(Comparator.comparing(ExportCandidate::cellId)).toList();
    String what = filter.terms().isEmpty() ? "" : " matching '" + filter + "'";
    if (matching.isEmpty()) {
      throw new IllegalArgumentException("no finished cell" + what + " (of " + candidates.size()
          + " finished cells)");
    }
    List<ExportCandidate> withModels = matching.stream().filter(c -> !c.models().isEmpty())
        .toList();
    if (withModels.isEmpty()) {
      throw new IllegalArgumentException(matching.size() + " finished cells" + what
          + ", but none has exported ONNX models");
    }
    if (bestLayer == null || bestLayer.isBlank()) {
      return withModels;
    }
    List<ExportCandidate> probed = withModels.stream()
        .filter(c -> c.probeTop1().containsKey(bestLayer)).toList();
    if (probed.isEmpty()) {
      TreeSet<String> layers = new TreeSet<>();
      withModels.forEach(c -> layers.addAll(c.probeTop1().keySet()));
      throw new IllegalArgumentException("--best " + bestLayer + ": no cell" + what
          + " has a probe on " + bestLayer + "; probed layers are " + String.join(", ", layers));
    }
    ExportCandidate best = probed.get(0);
    for (ExportCandidate c : probed) {
      if (c.probeTop1().get(bestLayer) > best.probeTop1().get(bestLayer)) {
        best = c;
      }
    }
    return List.of(best);
  }

  /**
   * Copies one cell's models (the encoder and {@code bestLayer}'s classifier when
   * {@code bestLayer} is given, else all) into {@code toDir/<cell id>/} with its model card.
   */
  public static ExportedModel copy(ExportCandidate candidate, String bestLayer, Path toDir)
      throws IOException {
    List<ArtifactRef> models = candidate.models();
    if (bestLayer != null && !bestLayer.isBlank()) {
      models = models.stream().filter(a -> a.kind().equals(OnnxExport.ENCODER_KIND)
          || a.kind().equals(OnnxExport.CLASSIFIER_KIND_PREFIX + bestLayer)).toList();
    }
    if (models.isEmpty()) {
      throw new IllegalArgumentException("cell " + candidate.cellId() + " has no ONNX models to"
          + " copy");
    }
    Path directory = toDir.resolve(candidate.cellId());
    Files.createDirectories(directory);
    List<Path> files = new ArrayList<>();
    Map<ArtifactRef, Map<String, String>> metadata = new LinkedHashMap<>();
    StringBuilder sums = new StringBuilder();
    for (ArtifactRef artifact : models) {
      Path source = Path.of(artifact.path());
      if (!Files.isRegularFile(source)) {
        throw new IllegalArgumentException("cell " + candidate.cellId() + ": " + artifact.kind()
            + " file " + source + " is missing");
      }
      byte[] bytes = Files.readAllBytes(source);
      String sha = ArtifactFiles.sha256(bytes);
      if (!sha.equalsIgnoreCase(artifact.sha256())) {
        throw new IllegalArgumentException("cell " + candidate.cellId() + ": " + source
            + " changed since it was recorded (sha256 " + sha + ", recorded "
            + artifact.sha256() + "); not copying it");
      }
      Path target = directory.resolve(source.getFileName().toString());
      ArtifactFiles.write(target, bytes, artifact.kind());
      files.add(target);
      metadata.put(artifact, OnnxExport.metadata(bytes));
      sums.append(sha).append("  ").append(target.getFileName()).append('\n');
    }
    Path checksums = directory.resolve(CHECKSUMS);
    writeText(checksums, sums.toString());
    Path card = directory.resolve(MODEL_CARD);
    writeText(card, ModelCard.render(candidate, bestLayer, metadata));
    return new ExportedModel(candidate, directory, files, card, checksums);
  }

  private static void writeText(Path file, String text) throws IOException {
    Path temp = file.resolveSibling("." + file.getFileName() + ".part");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
