package org.monosweep.protocol;

import java.util.List;

/**
 * The outcome of a finished cell. Files (models, checkpoints) travel by path, never inline.
 *
 * @param probes top-1 accuracy of the linear probe on each conv layer, conv1 first
 * @param metrics per-epoch training metrics (loss, images/s, ...)
 * @param artifacts files the cell produced
 * @param trainSeconds wall time of method training
 * @param probeSeconds wall time of probe training and evaluation
 * @param flags warnings that do not fail the cell (for example {@code mode-collapse: ...})
 */
public record CellResult(
    List<ProbeAccuracy> probes,
    List<EpochMetric> metrics,
    List<ArtifactRef> artifacts,
    double trainSeconds,
    double probeSeconds,
    List<String> flags) implements CborSerializable {

  public CellResult {
    probes = List.copyOf(probes);
    metrics = List.copyOf(metrics);
    artifacts = List.copyOf(artifacts);
    flags = List.copyOf(flags);
  }

  /**
   * One layer's probe.
   *
   * @param layer {@code conv1} ... {@code convK}
   * @param top1 test accuracy in [0, 1]
   * @param epochs probe epochs trained
   * @param featureDim the probe's input dimension
   */
  public record ProbeAccuracy(String layer, double top1, int epochs, int featureDim)
      implements CborSerializable {}

  /**
   * One metric value.
   *
   * @param phase {@code train} or {@code probe:<layer>}
   * @param epoch 1-based epoch
   * @param step global optimiser step at the end of the epoch
   * @param name for example {@code loss} or {@code images_per_second}
   * @param value the value
   */
  public record EpochMetric(String phase, int epoch, long step, String name, double value)
      implements CborSerializable {}

  /**
   * A file a cell produced.
   *
   * @param kind for example {@code onnx-encoder}, {@code checkpoint}
   * @param path where it lies
   * @param sizeBytes its size
   * @param sha256 its hex digest
   */
  public record ArtifactRef(String kind, String path, long sizeBytes, String sha256)
      implements CborSerializable {}
}
