package org.monosweep.trainer.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Trains a probe on the engine: features stay on the device, each step gathers its rows,
 * standardises them, and takes an SGD step with the closed-form softmax cross-entropy gradient
 * (no autograd needed for a linear layer). Matches PyTorch's SGD: {@code d = g + wd * p;
 * v = m * v + d; p -= lr * v}.
 */
final class NativeProbe {
  private NativeProbe() {}

  /**
   * @param train N x D raw features
   * @param test M x D raw features
   * @return the head for standardised inputs, {w (D x C), b (C)}, and the test accuracy
   */
  static Result train(ProbeRun run, NDArray train, int[] trainLabels, NDArray test,
      int[] testLabels, float[] mean, float[] inverseStd, int classes, NDManager parent) {
    int rows = trainLabels.length;
    int dim = mean.length;
    int batchSize = Math.min(run.settings().batchSize(), rows);
    int epochs = run.settings().epochs();
    float momentum = (float) run.settings().momentum();
    float decay = (float) run.settings().weightDecay();
    try (NDManager pm = parent.newSubManager()) {
      NDArray w = pm.create(run.initialWeights(dim, classes), new Shape(dim, classes));
      NDArray b = pm.zeros(new Shape(classes));
      NDArray vw = pm.zeros(new Shape(dim, classes));
      NDArray vb = pm.zeros(new Shape(classes));
      NDArray meanRow = pm.create(mean, new Shape(1, dim));
      NDArray invRow = pm.create(inverseStd, new Shape(1, dim));
      for (int epoch = 0; epoch < epochs; epoch++) {
        run.checkCancelled();
        float lr = (float) run.settings().learningRateAt(epoch);
        int[] order = run.order(epoch, rows);
        long start = System.nanoTime();
        NDArray lossSum = pm.zeros(new Shape());
        for (int from = 0; from < rows; from += batchSize) {
          int n = Math.min(batchSize, rows - from);
          long[] idx = new long[n];
          long[] y = new long[n];
          for (int i = 0; i < n; i++) {
            idx[i] = order[from + i];
            y[i] = trainLabels[order[from + i]];
          }
          try (NDManager step = pm.newSubManager()) {
            // results land on the first operand's manager: move long-lived operands' products to the step
            NDArray x = on(step, train.get(step.create(idx))).subi(meanRow).muli(invRow);
            NDArray logits = x.matMul(w).addi(b);
            NDArray logp = logits.logSoftmax(1);
            NDArray oneHot = step.create(y).oneHot(classes, DataType.FLOAT32);
            lossSum.subi(logp.mul(oneHot).sum());
            NDArray g = logp.exp().subi(oneHot).divi(n);
            NDArray gw = x.transpose().matMul(g).addi(on(step, w.mul(decay)));
            NDArray gb = g.sum(new int[] {0}).addi(on(step, b.mul(decay)));
            vw.muli(momentum).addi(gw);
            vb.muli(momentum).addi(gb);
            w.subi(on(step, vw.mul(lr)));
            b.subi(on(step, vb.mul(lr)));
          }
        }
        double loss = lossSum.getFloat() / rows;
        lossSum.close();
        double seconds = (System.nanoTime() - start) / 1e9;
        run.listener().onEpoch(run.layer(), epoch + 1, epochs, loss, rows / seconds);
      }
      double top1 = accuracy(test, testLabels, w, b, meanRow, invRow, pm);
      return new Result(w.toFloatArray(), b.toFloatArray(), top1);
    }
  }

  private static double accuracy(NDArray test, int[] labels, NDArray w, NDArray b,
      NDArray meanRow, NDArray invRow, NDManager parent) {
    int rows = labels.length;
    int correct = 0;
    for (int from = 0; from < rows; from += 1000) {
      int to = Math.min(rows, from + 1000);
      try (NDManager step = parent.newSubManager()) {
        NDArray x = on(step, test.get(new NDIndex("{}:{}", from, to))).sub(meanRow).muli(invRow);
        long[] predicted = x.matMul(w).addi(b).argMax(1).toLongArray();
        for (int i = 0; i < predicted.length; i++) {
          if (predicted[i] == labels[from + i]) {
            correct++;
          }
        }
      }
    }
    return rows == 0 ? 0 : (double) correct / rows;
  }

  private static NDArray on(NDManager step, NDArray array) {
    array.attach(step);
    return array;
  }

  /** A trained head on standardised inputs and its test accuracy. */
  record Result(float[] weight, float[] bias, double top1) {}
}
