package org.monosweep.benchmarks.dispatch;

import java.util.List;
import java.util.stream.LongStream;
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

/** Sweeps of made-up cells for the dispatch benchmark: distinct cells that differ by seed only. */
final class SyntheticSweep {
  private SyntheticSweep() {}

  /**
   * A sweep of {@code cells} rotnet cells with seeds 0 .. cells-1 (distinct ids).
   *
   * @throws IllegalArgumentException if {@code cells} is less than 1
   */
  static SweepSpec of(String name, int cells) {
    if (cells < 1) {
      throw new IllegalArgumentException("a benchmark sweep needs at least one cell, got " + cells);
    }
    List<Cell> grid = LongStream.range(0, cells).mapToObj(SyntheticSweep::cell).toList();
    return new SweepSpec(name, "synthetic:" + name, grid);
  }

  private static Cell cell(long seed) {
    return Cell.of(Method.ROTNET, SampleSize.FULL, AugmentationSubset.NONE, seed,
        new DatasetRef(DatasetKind.FASHION_MNIST, "synthetic"), "", EncoderKind.SMALL4,
        new TrainBudget(1, 64, 64), ProbeSettings.paper(), Hyperparameters.EMPTY);
  }
}
