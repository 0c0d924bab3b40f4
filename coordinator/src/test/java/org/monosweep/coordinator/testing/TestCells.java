package org.monosweep.coordinator.testing;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.monosweep.spec.AugmentationSubset;
import org.monosweep.spec.Cell;
import org.monosweep.spec.DatasetKind;
import org.monosweep.spec.DatasetRef;
import org.monosweep.spec.EncoderKind;
import org.monosweep.spec.Hyperparameters;
import org.monosweep.spec.Method;
import org.monosweep.spec.ProbeSettings;
import org.monosweep.spec.SampleSize;
import org.monosweep.spec.SweepSpec;
import org.monosweep.spec.TrainBudget;

/** Small cells and sweeps for tests; cells differ by seed only. */
public final class TestCells {
  private TestCells() {}

  /** A tiny rotnet cell with the given seed. */
  public static Cell cell(long seed) {
    return Cell.of(Method.ROTNET, SampleSize.of(1), AugmentationSubset.ALL, seed,
        new DatasetRef(DatasetKind.FASHION_MNIST, "/data/fashion"), "/img/source.jpg",
        EncoderKind.SMALL4, new TrainBudget(2, 128, 64), ProbeSettings.paper(),
        new Hyperparameters(Map.of()));
  }

  /** {@code n} cells with seeds 0 .. n-1. */
  public static List<Cell> cells(int n) {
    return IntStream.range(0, n).mapToObj(TestCells::cell).toList();
  }

  /** A sweep of {@code n} cells. */
  public static SweepSpec sweep(String name, int n) {
    return new SweepSpec(name, "test:" + name, cells(n));
  }
}
