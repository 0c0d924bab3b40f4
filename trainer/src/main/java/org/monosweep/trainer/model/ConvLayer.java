package org.monosweep.trainer.model;

/**
 * One conv layer of an encoder, square kernels only.
 *
 * @param name {@code conv1} ... {@code convK}: the name probes, reports and ONNX outputs use
 * @param inChannels input channels
 * @param outChannels output channels (filters)
 * @param kernel kernel side
 * @param stride stride on both axes
 * @param padding zero padding on every side
 */
public record ConvLayer(String name, int inChannels, int outChannels, int kernel, int stride,
    int padding) {

  public ConvLayer {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a conv layer needs a name");
    }
    if (inChannels < 1 || outChannels < 1 || kernel < 1 || stride < 1 || padding < 0) {
      throw new IllegalArgumentException("bad conv layer " + name + ": in=" + inChannels + " out="
          + outChannels + " kernel=" + kernel + " stride=" + stride + " padding=" + padding);
    }
  }

  /** The output side for an input of side {@code inputSide} (floor division, like PyTorch). */
  public int outputSide(int inputSide) {
    int side = (inputSide + 2 * padding - kernel) / stride + 1;
    if (side < 1) {
      throw new IllegalArgumentException(name + " cannot take an input of side " + inputSide);
    }
    return side;
  }

  /** Number of weights, {@code out * in * kernel * kernel}, laid out OIHW. */
  public int weightCount() {
    return outChannels * inChannels * kernel * kernel;
  }
}
