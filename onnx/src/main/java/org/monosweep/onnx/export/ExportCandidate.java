package org.monosweep.onnx.export;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.monosweep.protocol.CellResult.ArtifactRef;
import org.monosweep.protocol.CellResult.ProbeAccuracy;
import org.monosweep.protocol.CellResult;
import org.monosweep.spec.Cell;

/**
 * A finished cell whose models {@code monosweep export} may copy: its settings (as spec labels),
 * probe accuracies and artifacts, as the results store holds them.
 *
 * @param sweep the sweep's name
 * @param cellId the cell id
 * @param method method label ({@code rotnet})
 * @param n N label ({@code 1}, {@code full})
 * @param augmentation augmentation subset label ({@code scale+rotation}, {@code all})
 * @param seed the seed
 * @param source the N = 1 source image, or empty
 * @param dataset dataset kind label ({@code fashion-mnist})
 * @param encoder encoder label ({@code small4})
 * @param probeTop1 probe test accuracy by layer
 * @param artifacts the cell's files; paths absolute or relative to the working directory
 */
public record ExportCandidate(String sweep, String cellId, String method, String n,
    String augmentation, long seed, String source, String dataset, String encoder,
    Map<String, Double> probeTop1, List<ArtifactRef> artifacts) {

  public ExportCandidate {
    Objects.requireNonNull(sweep, "sweep");
    Objects.requireNonNull(cellId, "cellId");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(n, "n");
    Objects.requireNonNull(augmentation, "augmentation");
    source = source == null ? "" : source;
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(encoder, "encoder");
    probeTop1 = Collections.unmodifiableMap(new LinkedHashMap<>(probeTop1));
    artifacts = List.copyOf(artifacts);
  }

  /** The candidate of a finished cell and its result. */
  public static ExportCandidate of(String sweep, Cell cell, CellResult result) {
    Map<String, Double> top1 = new LinkedHashMap<>();
    for (ProbeAccuracy probe : result.probes()) {
      top1.put(probe.layer(), probe.top1());
    }
    return new ExportCandidate(sweep, cell.id().value(), cell.method().label(), cell.n().label(),
        cell.augmentation().label(), cell.seed(), cell.source(), cell.dataset().kind().label(),
        cell.encoder().label(), top1, result.artifacts());
  }

  /** The artifacts that are ONNX models (kinds starting {@code onnx-}). */
  public List<ArtifactRef> models() {
    return artifacts.stream().filter(a -> a.kind().startsWith("onnx-")).toList();
  }
}
