package org.monosweep.trainer.methods.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.monosweep.trainer.train.CellFailure;

/**
 * The losses of one kind of step (critic, generator, discriminator), kept on the device and read
 * in one transfer every few steps (reading forces a synchronisation), summed per epoch. Every
 * value read is checked: the first non-finite one fails the cell permanently, naming its epoch
 * and step. The first value of each step is its loss; the rest are diagnostics averaged alike.
 * Closing it frees what it holds.
 */
final class LossLog implements AutoCloseable {
  private final String what;
  private final int width;
  private final NDManager manager;
  private final List<NDArray> pending = new ArrayList<>();
  private final List<Long> pendingSteps = new ArrayList<>();
  private final double[] sums;
  private int count;

  /**
   * @param what the step kind, for messages ({@code "critic"})
   * @param width values per step
   * @param parent the manager to hold pending values under
   */
  LossLog(String what, int width, NDManager parent) {
    this.what = what;
    this.width = width;
    this.manager = parent.newSubManager();
    this.sums = new double[width];
  }

  /** Keeps {@code values} (a detached 1-D array of {@code width}) of global step {@code step}. */
  void add(long step, NDArray values) {
    values.attach(manager);
    pending.add(values);
    pendingSteps.add(step);
  }

  /** How many steps wait to be read. */
  int pending() {
    return pending.size();
  }

  /**
   * Reads the waiting steps into the epoch's sums.
   *
   * @param epoch the epoch, for the message
   * @param firstStepOfEpoch the global step number of the epoch's first step, for the message
   * @throws CellFailure {@code diverged: loss NaN at epoch e step s (critic loss)} for the first
   *     non-finite value
   */
  void drain(int epoch, long firstStepOfEpoch) {
    if (pending.isEmpty()) {
      return;
    }
    float[] values;
    try (NDManager read = manager.newSubManager()) {
      NDArray stacked = NDArrays.stack(new NDList(pending));
      stacked.attach(read);
      values = stacked.toFloatArray();
    }
    pending.forEach(NDArray::close);
    pending.clear();
    List<Long> steps = new ArrayList<>(pendingSteps);
    pendingSteps.clear();
    for (int i = 0; i < steps.size(); i++) {
      for (int j = 0; j < width; j++) {
        float v = values[i * width + j];
        if (!Float.isFinite(v)) {
          throw CellFailure.permanent("diverged: loss " + (Float.isNaN(v) ? "NaN" : "Inf")
              + " at epoch " + epoch + " step " + (steps.get(i) - firstStepOfEpoch + 1) + " ("
              + what + (j == 0 ? " loss" : " value " + j) + ")");
        }
        sums[j] += v;
      }
      count++;
    }
  }

  /** The epoch's mean of value {@code index} over the steps read; NaN when none. */
  double mean(int index) {
    return count == 0 ? Double.NaN : sums[index] / count;
  }

  /** Clears the epoch's sums; call after reading the means. */
  void startEpoch() {
    java.util.Arrays.fill(sums, 0);
    count = 0;
  }

  @Override
  public void close() {
    manager.close();
  }
}
