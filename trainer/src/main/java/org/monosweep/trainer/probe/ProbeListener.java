package org.monosweep.trainer.probe;

/** Receives the progress of probe training. */
@FunctionalInterface
public interface ProbeListener {
  /** Ignores everything. */
  ProbeListener NONE = (layer, epoch, epochs, loss, samplesPerSecond) -> { };

  /**
   * One finished probe epoch.
   *
   * @param layer {@code conv1} ... {@code convK}
   * @param epoch 1-based
   * @param epochs the probe's epoch count
   * @param loss mean training cross-entropy of the epoch
   * @param samplesPerSecond training samples per second of the epoch
   */
  void onEpoch(String layer, int epoch, int epochs, double loss, double samplesPerSecond);
}
