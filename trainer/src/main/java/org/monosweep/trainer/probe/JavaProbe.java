package org.monosweep.trainer.probe;

/**
 * The same probe as {@link NativeProbe} in plain Java, single-threaded: the reference the
 * native one is tested against, and the other side of the benchmark's comparison. Same
 * initialisation, batch order, standardisation and update rule.
 */
final class JavaProbe {
  private JavaProbe() {}

  static NativeProbe.Result train(ProbeRun run, float[] train, int[] trainLabels, float[] test,
      int[] testLabels, float[] mean, float[] inverseStd, int classes) {
    int rows = trainLabels.length;
    int dim = mean.length;
    int batchSize = Math.min(run.settings().batchSize(), rows);
    int epochs = run.settings().epochs();
    float momentum = (float) run.settings().momentum();
    float decay = (float) run.settings().weightDecay();
    float[] w = run.initialWeights(dim, classes);
    float[] b = new float[classes];
    float[] vw = new float[dim * classes];
    float[] vb = new float[classes];
    float[] gw = new float[dim * classes];
    float[] gb = new float[classes];
    float[] x = new float[dim];
    float[] logits = new float[classes];
    float[][] g = new float[batchSize][classes];
    for (int epoch = 0; epoch < epochs; epoch++) {
      run.checkCancelled();
      float lr = (float) run.settings().learningRateAt(epoch);
      int[] order = run.order(epoch, rows);
      long start = System.nanoTime();
      double lossSum = 0;
      for (int from = 0; from < rows; from += batchSize) {
        int n = Math.min(batchSize, rows - from);
        java.util.Arrays.fill(gw, 0f);
        java.util.Arrays.fill(gb, 0f);
        for (int i = 0; i < n; i++) {
          int row = order[from + i];
          standardize(train, row, dim, mean, inverseStd, x);
          forward(x, w, b, classes, logits);
          lossSum += softmaxGradient(logits, trainLabels[row], n, g[i]);
          for (int d = 0; d < dim; d++) {
            float xv = x[d];
            int base = d * classes;
            for (int c = 0; c < classes; c++) {
              gw[base + c] += xv * g[i][c];
            }
          }
          for (int c = 0; c < classes; c++) {
            gb[c] += g[i][c];
          }
        }
        update(w, vw, gw, lr, momentum, decay);
        update(b, vb, gb, lr, momentum, decay);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      run.listener().onEpoch(run.layer(), epoch + 1, epochs, lossSum / rows, rows / seconds);
    }
    int correct = 0;
    for (int row = 0; row < testLabels.length; row++) {
      standardize(test, row, dim, mean, inverseStd, x);
      forward(x, w, b, classes, logits);
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (logits[c] > logits[best]) {
          best = c;
        }
      }
      if (best == testLabels[row]) {
        correct++;
      }
    }
    double top1 = testLabels.length == 0 ? 0 : (double) correct / testLabels.length;
    return new NativeProbe.Result(w, b, top1);
  }

  private static void standardize(float[] values, int row, int dim, float[] mean,
      float[] inverseStd, float[] out) {
    int base = row * dim;
    for (int d = 0; d < dim; d++) {
      out[d] = (values[base + d] - mean[d]) * inverseStd[d];
    }
  }

  private static void forward(float[] x, float[] w, float[] b, int classes, float[] logits) {
    System.arraycopy(b, 0, logits, 0, classes);
    for (int d = 0; d < x.length; d++) {
      float xv = x[d];
      int base = d * classes;
      for (int c = 0; c < classes; c++) {
        logits[c] += xv * w[base + c];
      }
    }
  }

  /** Writes (softmax - onehot) / n to {@code g}; returns the sample's cross-entropy. */
  private static double softmaxGradient(float[] logits, int label, int n, float[] g) {
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    double z = 0;
    for (float l : logits) {
      z += Math.exp(l - max);
    }
    double logZ = Math.log(z) + max;
    for (int c = 0; c < logits.length; c++) {
      double p = Math.exp(logits[c] - logZ);
      g[c] = (float) ((p - (c == label ? 1 : 0)) / n);
    }
    return logZ - logits[label];
  }

  private static void update(float[] p, float[] v, float[] grad, float lr, float momentum,
      float decay) {
    for (int i = 0; i < p.length; i++) {
      float d = grad[i] + decay * p[i];
      v[i] = momentum * v[i] + d;
      p[i] -= lr * v[i];
    }
  }
}
