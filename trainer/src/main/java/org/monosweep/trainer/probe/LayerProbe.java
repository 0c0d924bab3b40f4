package org.monosweep.trainer.probe;

import java.util.Arrays;
import java.util.Objects;

/**
 * A trained linear probe of one layer and its test accuracy.
 *
 * <p>The head acts on the layer's raw post-ReLU features flattened CHW:
 * {@code logits[c] = bias[c] + sum_d weight[c * featureDim + d] * x[d]}; the per-channel
 * standardisation used during training is folded into it, so an exporter writes exactly this.
 *
 * @param layer {@code conv1} ... {@code convK}
 * @param top1 test accuracy in [0, 1]
 * @param epochs epochs trained
 * @param featureDim the input size D
 * @param classes the number of classes C
 * @param weight C x D values, row-major
 * @param bias C values
 * @param seconds wall time of feature extraction, training and evaluation
 */
public record LayerProbe(String layer, double top1, int epochs, int featureDim, int classes,
    float[] weight, float[] bias, double seconds) {

  public LayerProbe {
    Objects.requireNonNull(layer, "layer");
    if ((long) classes * featureDim != weight.length || bias.length != classes) {
      throw new IllegalArgumentException("probe head of " + layer + " has " + weight.length
          + " weights and " + bias.length + " biases for " + classes + " x " + featureDim);
    }
    weight = weight.clone();
    bias = bias.clone();
  }

  /** A copy of the C x D weights. */
  @Override
  public float[] weight() {
    return weight.clone();
  }

  /** A copy of the C biases. */
  @Override
  public float[] bias() {
    return bias.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LayerProbe o && layer.equals(o.layer) && top1 == o.top1
        && epochs == o.epochs && featureDim == o.featureDim && classes == o.classes
        && Arrays.equals(weight, o.weight) && Arrays.equals(bias, o.bias);
  }

  @Override
  public int hashCode() {
    return Objects.hash(layer, top1, epochs, featureDim, classes);
  }

  @Override
  public String toString() {
    return "LayerProbe[" + layer + " top1=" + top1 + " epochs=" + epochs + " D=" + featureDim + "]";
  }
}
