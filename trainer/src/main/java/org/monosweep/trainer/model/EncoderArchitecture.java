package org.monosweep.trainer.model;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.monosweep.spec.EncoderKind;

/**
 * The shape of a plain conv-norm-ReLU encoder: what {@link ConvEncoder} builds, what
 * {@link FoldedEncoder} holds weights for, and what an exporter writes.
 *
 * @param name a short label, for example {@code small4}
 * @param inputChannels channels of the input image (3)
 * @param inputSide side S of the square input
 * @param layers the conv layers, first to last; their channels chain
 * @param normalization what follows each conv
 * @param pooling one per layer: the max-pool after it (never after the last: heads pool
 *     globally) and its probe's adaptive max-pool
 */
public record EncoderArchitecture(String name, int inputChannels, int inputSide,
    List<ConvLayer> layers, Normalization normalization, List<LayerPooling> pooling) {

  /** BatchNorm epsilon of every {@link Normalization#BATCH} layer (PyTorch's default). */
  public static final float BATCH_NORM_EPSILON = 1e-5f;
  /** BatchNorm momentum in DJL's convention (the old statistics' weight): PyTorch's 0.1. */
  public static final float BATCH_NORM_MOMENTUM = 0.9f;

  public EncoderArchitecture {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(normalization, "normalization");
    layers = List.copyOf(layers);
    pooling = List.copyOf(pooling);
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("an encoder needs at least one conv layer");
    }
    if (pooling.size() != layers.size()) {
      throw new IllegalArgumentException(layers.size() + " layers but " + pooling.size()
          + " poolings");
    }
    if (pooling.get(pooling.size() - 1).hasMaxPool()) {
      throw new IllegalArgumentException("a max-pool after the last layer would feed nothing;"
          + " heads pool globally");
    }
    int channels = inputChannels;
    int side = inputSide;
    for (int k = 0; k < layers.size(); k++) {
      ConvLayer layer = layers.get(k);
      if (layer.inChannels() != channels) {
        throw new IllegalArgumentException(layer.name() + " takes " + layer.inChannels()
            + " channels but receives " + channels);
      }
      side = pooling.get(k).pooledSide(layer.outputSide(side));
      channels = layer.outChannels();
    }
  }

  /** A plain conv-norm-ReLU stack: no max-pools, probes at full dimensionality. */
  public EncoderArchitecture(String name, int inputChannels, int inputSide,
      List<ConvLayer> layers, Normalization normalization) {
    this(name, inputChannels, inputSide, layers, normalization,
        Collections.nCopies(layers.size(), LayerPooling.NONE));
  }

  /**
   * The small 4-conv encoder of docs/protocol.md ("Methods", MonoGAN's critic) for 32x32x3
   * inputs: kernels 7, 5, 3, 3, strides 3, 2, 2, 1, widths 64, 128, 256, 512, padding k/2,
   * BatchNorm, ReLU. Its feature maps are 64x11x11, 128x6x6, 256x3x3 and 512x3x3.
   */
  public static EncoderArchitecture small4() {
    return small4(Normalization.BATCH);
  }

  /** {@link #small4()} with another normalization (a WGAN critic uses {@link Normalization#NONE}). */
  public static EncoderArchitecture small4(Normalization normalization) {
    return new EncoderArchitecture("small4", 3, 32, List.of(
        new ConvLayer("conv1", 3, 64, 7, 3, 3),
        new ConvLayer("conv2", 64, 128, 5, 2, 2),
        new ConvLayer("conv3", 128, 256, 3, 2, 1),
        new ConvLayer("conv4", 256, 512, 3, 1, 1)), normalization);
  }

  /** {@link #alexnet(int)} for the 224 x 224 inputs of the paper's ImageNet runs. */
  public static EncoderArchitecture alexnet() {
    return alexnet(EncoderKind.ALEXNET.defaultInputSize());
  }

  /**
   * AlexNet with BatchNorm (the DeepCluster/RotNet variant the paper probes) for inputs of
   * {@code inputSide} (64 to 224): conv1 96 x 11x11 stride 4 padding 2, conv2 256 x 5x5
   * padding 2, conv3 384, conv4 384 and conv5 256 x 3x3 padding 1, each conv-BatchNorm-ReLU,
   * with 3x3 stride-2 max-pools after conv1 and conv2 (the one after conv5 is left to the heads,
   * which pool globally). Probes adaptive-max-pool conv1..conv5 to grids of 10, 6, 5, 5 and 6:
   * 9600, 9216, 9600, 9600 and 9216 values at 224 px (docs/protocol.md, "Linear probes");
   * smaller maps are probed whole. At 224 px the maps are 96x55x55 (conv1), 256x27x27 (conv2)
   * and 13x13 (conv3..conv5); at 64 px, 96x15x15, 256x7x7 and 3x3.
   *
   * @throws IllegalArgumentException when {@code inputSide} is outside 64..224
   */
  public static EncoderArchitecture alexnet(int inputSide) {
    if (inputSide < 64 || inputSide > 224) {
      throw new IllegalArgumentException("alexnet takes inputs of 64 to 224 pixels, got "
          + inputSide);
    }
    return new EncoderArchitecture("alexnet", 3, inputSide, List.of(
        new ConvLayer("conv1", 3, 96, 11, 4, 2),
        new ConvLayer("conv2", 96, 256, 5, 1, 2),
        new ConvLayer("conv3", 256, 384, 3, 1, 1),
        new ConvLayer("conv4", 384, 384, 3, 1, 1),
        new ConvLayer("conv5", 384, 256, 3, 1, 1)), Normalization.BATCH, List.of(
        new LayerPooling(3, 2, 10),
        new LayerPooling(3, 2, 6),
        new LayerPooling(0, 0, 5),
        new LayerPooling(0, 0, 5),
        new LayerPooling(0, 0, 6)));
  }

  /**
   * The architecture a cell's encoder setting names, at the kind's default input size.
   *
   * @throws IllegalArgumentException for encoders not built yet
   */
  public static EncoderArchitecture of(EncoderKind kind) {
    return of(kind, 0);
  }

  /**
   * The architecture a cell's encoder setting names, for inputs of {@code inputSide} pixels (0:
   * the kind's default). small4 takes 32 only; alexnet 64 to 224, so that CIFAR-size data
   * upsampled to 64 or 128 pixels can train it on a CPU or a small GPU.
   *
   * @throws IllegalArgumentException for encoders not built yet, or a side the encoder does not
   *     take
   */
  public static EncoderArchitecture of(EncoderKind kind, int inputSide) {
    int side = inputSide == 0 ? kind.defaultInputSize() : inputSide;
    if (kind == EncoderKind.SMALL4) {
      if (side != 32) {
        throw new IllegalArgumentException("small4 takes inputs of 32 pixels, got " + side);
      }
      return small4();
    }
    if (kind == EncoderKind.ALEXNET) {
      return alexnet(side);
    }
    throw new IllegalArgumentException("encoder " + kind.label() + " is not implemented yet");
  }

  /** Whether any layer is followed by a max-pool (AlexNet; not small4). */
  public boolean hasMaxPools() {
    return pooling.stream().anyMatch(LayerPooling::hasMaxPool);
  }

  /** Number of conv layers (probed layers). */
  public int layerCount() {
    return layers.size();
  }

  /** Layer {@code index} (0-based). */
  public ConvLayer layer(int index) {
    return layers.get(index);
  }

  /** The pooling around layer {@code index} (0-based). */
  public LayerPooling pooling(int index) {
    return pooling.get(index);
  }

  /**
   * The post-ReLU output shape of layer {@code index} (0-based) for one image, before any
   * max-pool that follows it: {C, H, W}.
   */
  public int[] featureShape(int index) {
    int side = inputSide;
    for (int k = 0; k <= index; k++) {
      if (k > 0) {
        side = pooling.get(k - 1).pooledSide(side);
      }
      side = layers.get(k).outputSide(side);
    }
    return new int[] {layers.get(index).outChannels(), side, side};
  }

  /**
   * The shape a probe of layer {@code index} reads, {C, h, w}: {@link #featureShape} after the
   * layer's probe pooling ({@link ProbePooling}).
   */
  public int[] probeShape(int index) {
    int[] shape = featureShape(index);
    int side = pooling.get(index).probeSide(shape[1]);
    return new int[] {shape[0], side, side};
  }

  /** The flattened size of {@link #probeShape}: the probe's input size. */
  public int probeDim(int index) {
    int[] shape = probeShape(index);
    return shape[0] * shape[1] * shape[2];
  }

  /**
   * The flattened size of layer {@code index}'s output for one image; the probe's input size
   * when the layer's probe does not pool (see {@link #probeDim}).
   */
  public int featureDim(int index) {
    int[] shape = featureShape(index);
    return shape[0] * shape[1] * shape[2];
  }

  /** The number of values of one input image, {@code channels * side * side}. */
  public int inputSize() {
    return inputChannels * inputSide * inputSide;
  }
}
