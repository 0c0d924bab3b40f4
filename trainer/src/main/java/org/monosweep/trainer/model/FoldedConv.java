package org.monosweep.trainer.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One conv layer with its normalisation folded in: {@code relu(conv(x, weight) + bias)} is the
 * layer's inference output.
 *
 * @param layer the layer's shape
 * @param weight {@code out * in * k * k} values, OIHW row-major (ONNX's and PyTorch's layout)
 * @param bias {@code out} values
 */
public record FoldedConv(ConvLayer layer, float[] weight, float[] bias) {

  public FoldedConv {
    Objects.requireNonNull(layer, "layer");
    if (weight.length != layer.weightCount() || bias.length != layer.outChannels()) {
      throw new IllegalArgumentException(layer.name() + ": expected " + layer.weightCount()
          + " weights and " + layer.outChannels() + " biases, got " + weight.length + " and "
          + bias.length);
    }
    weight = weight.clone();
    bias = bias.clone();
  }

  /** A copy of the weights, OIHW. */
  @Override
  public float[] weight() {
    return weight.clone();
  }

  /** A copy of the biases. */
  @Override
  public float[] bias() {
    return bias.clone();
  }

  /** The weight tensor's shape, {@code {out, in, k, k}}. */
  public long[] weightShape() {
    return new long[] {layer.outChannels(), layer.inChannels(), layer.kernel(), layer.kernel()};
  }

  float[] weightView() {
    return weight;
  }

  float[] biasView() {
    return bias;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FoldedConv o && layer.equals(o.layer)
        && Arrays.equals(weight, o.weight) && Arrays.equals(bias, o.bias);
  }

  @Override
  public int hashCode() {
    return Objects.hash(layer, Arrays.hashCode(weight), Arrays.hashCode(bias));
  }

  @Override
  public String toString() {
    return "FoldedConv[" + layer + "]";
  }
}
