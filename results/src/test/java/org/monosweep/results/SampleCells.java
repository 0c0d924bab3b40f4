package org.monosweep.results;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.monosweep.protocol.CellResult;
import org.monosweep.spec.AugmentationSubset;
import org.monosweep.spec.Cell;
import org.monosweep.spec.DatasetKind;
import org.monosweep.spec.DatasetRef;
import org.monosweep.spec.EncoderKind;
import org.monosweep.spec.Hyperparameters;
import org.monosweep.spec.Method;
import org.monosweep.spec.ProbeSettings;
import org.monosweep.spec.SampleSize;
import org.monosweep.spec.TrainBudget;

/** Cells, results and database URLs for the results tests. */
public final class SampleCells {

  /** The Fashion-MNIST dataset where the Debian package installs it. */
  public static final DatasetRef FASHION =
      new DatasetRef(DatasetKind.FASHION_MNIST, "/usr/share/datasets/fashion-mnist");

  private SampleCells() {}

  /** A unique in-memory database that lives until the JVM ends. */
  public static String memoryUrl() {
    return "jdbc:h2:mem:results-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  }

  /** A small-encoder Fashion-MNIST cell. */
  public static Cell cell(Method method, SampleSize n, AugmentationSubset augmentation, long seed) {
    return Cell.of(method, n, augmentation, seed, FASHION, "", EncoderKind.SMALL4,
        new TrainBudget(2, 1000, 64), ProbeSettings.paper(), Hyperparameters.EMPTY);
  }

  /** A rotnet N=1 cell with augmentation {@code all} and the given seed. */
  public static Cell rotnet(long seed) {
    return cell(Method.ROTNET, SampleSize.of(1), AugmentationSubset.ALL, seed);
  }

  /** {@code count} distinct rotnet cells (seeds 0..count-1). */
  public static List<Cell> rotnets(int count) {
    List<Cell> cells = new ArrayList<>();
    for (int seed = 0; seed < count; seed++) {
      cells.add(rotnet(seed));
    }
    return cells;
  }

  /** A result with probes conv1.. of the given accuracies, two metrics and one artifact. */
  public static CellResult result(double... top1) {
    return result(List.of(), top1);
  }

  /** As {@link #result(double...)}, with warning flags. */
  public static CellResult result(List<String> flags, double... top1) {
    List<CellResult.ProbeAccuracy> probes = new ArrayList<>();
    for (int i = 0; i < top1.length; i++) {
      probes.add(new CellResult.ProbeAccuracy("conv" + (i + 1), top1[i], 36, 1000 * (i + 1)));
    }
    return new CellResult(probes,
        List.of(new CellResult.EpochMetric("train", 1, 16, "loss", 1.25),
            new CellResult.EpochMetric("train", 2, 32, "loss", Double.NaN)),
        List.of(new CellResult.ArtifactRef("onnx-encoder", "runs/x/encoder.onnx", 4096, "ab".repeat(32))),
        12.5, 3.25, flags);
  }
}
