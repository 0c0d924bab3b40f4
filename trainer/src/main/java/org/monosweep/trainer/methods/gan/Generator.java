package org.monosweep.trainer.methods.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;

/**
 * The DCGAN generator: a latent code of {@code zDim} values, linearly mapped to a 4x4 map, then
 * upsampling layers that double the side and halve the channels, with BatchNorm and ReLU after
 * each but the last, and tanh at the end, so images lie in (-1, 1) like the data. For a
 * 32-pixel output and width w: {@code 4w x 4 x 4}, {@code 2w x 8 x 8}, {@code w x 16 x 16},
 * {@code 3 x 32 x 32}.
 *
 * <p>DCGAN upsamples with transposed convolutions (kernel 4, stride 2, padding 1), which DJL's
 * PyTorch engine does not implement ({@code deconvolution}: "Not implemented"). Each is
 * replaced by a sub-pixel convolution: a 3x3 convolution (padding 1) to 4 times the channels,
 * then a depth-to-space shuffle to twice the side. Every output pixel of such a transposed
 * convolution depends on a 2x2 input window inside that 3x3 one, so the sub-pixel layer can
 * represent it exactly (and a little more), at 9/4 of its multiply-adds.
 */
final class Generator {
  private Generator() {}

  /**
   * A generator of {@code side x side x 3} images.
   *
   * @param zDim the latent size
   * @param width channels of the last hidden map
   * @param side the output side: 4 times a power of two, at least 8
   * @throws IllegalArgumentException for another side
   */
  static Block create(int zDim, int width, int side) {
    int stages = stages(side);
    int channels = width << (stages - 1);
    int first = channels;
    SequentialBlock block = new SequentialBlock()
        .add(Linear.builder().setUnits((long) channels * 16).optBias(false).build())
        .add(new LambdaBlock(list -> new NDList(
            list.singletonOrThrow().reshape(new Shape(-1, first, 4, 4))), "toMap"))
        .add(BatchNorm.builder().build())
        .add(Activation.reluBlock());
    for (int s = 1; s < stages; s++) {
      channels /= 2;
      block.add(upsample(channels, false)).add(BatchNorm.builder().build())
          .add(Activation.reluBlock());
    }
    return block.add(upsample(3, true)).add(Activation.tanhBlock());
  }

  /** The number of doubling stages from 4 pixels to {@code side}. */
  static int stages(int side) {
    if (side < 8 || Integer.bitCount(side) != 1) {
      throw new IllegalArgumentException("the DCGAN generator makes images of 4 * 2^k pixels"
          + " (8, 16, 32, 64, 128, ...), not " + side);
    }
    return Integer.numberOfTrailingZeros(side) - 2;
  }

  private static Block upsample(int filters, boolean bias) {
    return new SequentialBlock()
        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
            .setFilters(4 * filters).optBias(bias).build())
        .add(new LambdaBlock(list -> new NDList(depthToSpace(list.singletonOrThrow())),
            "depthToSpace"));
  }

  /** {@code (B, 4C, H, W)} to {@code (B, C, 2H, 2W)}; channel {@code 4c + 2a + b} of pixel
   * {@code (i, j)} goes to pixel {@code (2i + a, 2j + b)} of channel c (PyTorch's
   * {@code pixel_shuffle}). */
  static NDArray depthToSpace(NDArray x) {
    Shape s = x.getShape();
    long channels = s.get(1) / 4;
    return x.reshape(s.get(0), channels, 2, 2, s.get(2), s.get(3))
        .transpose(0, 1, 4, 2, 5, 3)
        .reshape(s.get(0), channels, 2 * s.get(2), 2 * s.get(3));
  }
}
