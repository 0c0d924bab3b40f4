package org.monosweep.spec;

import java.util.List;

/**
 * The linear-probe protocol (docs/protocol.md, "Linear probes"): SGD on frozen features after
 * the ReLU of every conv layer, learning rate divided by {@code lrDropFactor} at
 * {@code lrDropEpochs}.
 *
 * @param epochs probe training epochs (36 in the paper)
 * @param learningRate initial learning rate (0.01)
 * @param lrDropEpochs epochs at which the rate is divided (5, 15, 25)
 * @param lrDropFactor the divisor (5)
 * @param momentum SGD momentum (0.9)
 * @param weightDecay L2 weight decay (5e-4)
 * @param batchSize probe mini-batch size
 * @param trainLimit how many labelled training images the probes use (0: all)
 * @param testLimit how many test images the probes are evaluated on (0: all)
 */
public record ProbeSettings(
    int epochs,
    double learningRate,
    List<Integer> lrDropEpochs,
    double lrDropFactor,
    double momentum,
    double weightDecay,
    int batchSize,
    int trainLimit,
    int testLimit) {

  public ProbeSettings {
    lrDropEpochs = List.copyOf(lrDropEpochs);
    if (epochs < 1) {
      throw new IllegalArgumentException("probe.epochs must be >= 1, got " + epochs);
    }
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("probe.lr must be > 0, got " + learningRate);
    }
    if (!(lrDropFactor >= 1)) {
      throw new IllegalArgumentException("probe.lr-drop-factor must be >= 1, got " + lrDropFactor);
    }
    if (batchSize < 1 || trainLimit < 0 || testLimit < 0) {
      throw new IllegalArgumentException("probe.batch must be >= 1 and limits >= 0");
    }
  }

  /** The paper's protocol: 36 epochs, lr 0.01 divided by 5 at epochs 5, 15 and 25. */
  public static ProbeSettings paper() {
    return new ProbeSettings(36, 0.01, List.of(5, 15, 25), 5.0, 0.9, 5e-4, 128, 0, 0);
  }

  /** The learning rate in force during {@code epoch} (0-based). */
  public double learningRateAt(int epoch) {
    double lr = learningRate;
    for (int drop : lrDropEpochs) {
      if (epoch >= drop) {
        lr /= lrDropFactor;
      }
    }
    return lr;
  }
}
