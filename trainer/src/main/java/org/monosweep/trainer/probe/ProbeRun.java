package org.monosweep.trainer.probe;

import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.monosweep.spec.ProbeSettings;
import org.monosweep.trainer.model.Seeds;

/**
 * What both probe backends share: settings, the seeded initial head and batch order, and the
 * listener. The head starts Xavier-uniform (as in the reference), bias 0; its D x C values are
 * drawn row-major from {@code Seeds.derive(seed, "probe:" + layer)}, the batch order of epoch e
 * from {@code Seeds.derive(seed, "probe-order:" + layer + ":" + e)}.
 */
record ProbeRun(String layer, ProbeSettings settings, long seed, ProbeListener listener,
    BooleanSupplier cancelled) {

  float[] initialWeights(int dim, int classes) {
    Random random = new Random(Seeds.derive(seed, "probe:" + layer));
    double bound = Math.sqrt(6.0 / (dim + classes));
    float[] w = new float[dim * classes];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
    }
    return w;
  }

  int[] order(int epoch, int rows) {
    Random random = new Random(Seeds.derive(seed, "probe-order:" + layer + ":" + epoch));
    int[] p = new int[rows];
    for (int i = 0; i < rows; i++) {
      p[i] = i;
    }
    for (int i = rows - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  void checkCancelled() {
    if (cancelled.getAsBoolean()) {
      throw new CancellationException("probe of " + layer + " cancelled");
    }
  }
}
