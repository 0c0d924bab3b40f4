package org.monosweep.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds the last few steps' loss (and correct-prediction count) on the device, detached from
 * the graph, and reads them in one transfer: the loss is read every N steps instead of every
 * step, yet divergence is still pinned to its exact step. Closing it frees what it holds.
 */
public final class LossWindow implements AutoCloseable {
  private final NDManager manager;
  private final List<NDArray> losses = new ArrayList<>();
  private final List<NDArray> correct = new ArrayList<>();
  private int firstStep;
  private double lossSum;
  private double correctSum;
  private int steps;

  /** A window whose arrays live on a new sub-manager of {@code parent}. */
  public LossWindow(NDManager parent) {
    this.manager = parent.newSubManager();
  }

  /** Starts a new epoch's sums; {@code firstStep} is the 1-based step the next add belongs to. */
  public void startEpoch() {
    firstStep = 1;
    lossSum = 0;
    correctSum = 0;
    steps = 0;
  }

  /**
   * Keeps {@code loss} (a scalar) and {@code hits} (correct predictions, a scalar) of one step.
   * Both are detached and moved to this window's manager, so the step's manager may close.
   */
  public void add(NDArray loss, NDArray hits) {
    NDArray l = loss.stopGradient();
    l.attach(manager);
    losses.add(l);
    NDArray h = hits.toType(DataType.FLOAT32, false);
    h.attach(manager);
    correct.add(h);
  }

  /** Whether steps are waiting to be read. */
  public boolean pending() {
    return !losses.isEmpty();
  }

  /**
   * Reads the waiting steps and adds them to the epoch's sums.
   *
   * @throws CellFailure naming the first step whose loss is NaN or infinite
   */
  public void drain(int epoch) {
    if (losses.isEmpty()) {
      return;
    }
    float[] l;
    float[] h;
    try (NDManager read = manager.newSubManager()) {
      NDArray stackedLoss = NDArrays.stack(new NDList(losses));
      NDArray stackedHits = NDArrays.stack(new NDList(correct));
      stackedLoss.attach(read);
      stackedHits.attach(read);
      l = stackedLoss.toFloatArray();
      h = stackedHits.toFloatArray();
    }
    losses.forEach(NDArray::close);
    correct.forEach(NDArray::close);
    losses.clear();
    correct.clear();
    for (int i = 0; i < l.length; i++) {
      if (!Float.isFinite(l[i])) {
        throw new CellFailure("diverged: loss " + (Float.isNaN(l[i]) ? "NaN" : "Inf")
            + " at epoch " + epoch + " step " + (firstStep + i), false, null);
      }
      lossSum += l[i];
      correctSum += h[i];
    }
    firstStep += l.length;
    steps += l.length;
  }

  /** Mean loss of the steps read so far this epoch. */
  public double meanLoss() {
    return steps == 0 ? Double.NaN : lossSum / steps;
  }

  /** Correct predictions read so far this epoch. */
  public double correct() {
    return correctSum;
  }

  @Override
  public void close() {
    manager.close();
  }
}
