package org.monosweep.trainer.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/** Cells and contexts for tests. */
public final class TestCells {
  private TestCells() {}

  /** A small4 cell on synthetic data. */
  public static Cell cell(Method method, long seed, TrainBudget budget, ProbeSettings probe,
      Map<String, String> params) {
    return Cell.of(method, SampleSize.FULL, AugmentationSubset.NONE, seed,
        new DatasetRef(DatasetKind.FASHION_MNIST, "synthetic"), "", EncoderKind.SMALL4, budget,
        probe, new Hyperparameters(params));
  }

  /** Probe settings of a few epochs, lr 0.01 dropped by 5 at epoch 2. */
  public static ProbeSettings probe(int epochs) {
    return new ProbeSettings(epochs, 0.01, List.of(2), 5, 0.9, 5e-4, 64, 0, 0);
  }

  /** Records progress calls. */
  public static final class Recorder implements CellRunContext.ProgressListener {
    /** One call. */
    public record Call(String phase, int epoch, int epochs, double loss, double perSecond) {}

    /** Calls so far. */
    public final List<Call> calls = new ArrayList<>();

    @Override
    public void onEpoch(String phase, int epoch, int epochs, double loss, double perSecond) {
      calls.add(new Call(phase, epoch, epochs, loss, perSecond));
    }
  }

  /** A context with a recorder and a never-set cancellation flag. */
  public static CellRunContext context(Path dir, Recorder recorder) {
    return new CellRunContext(dir, recorder, () -> false);
  }
}
