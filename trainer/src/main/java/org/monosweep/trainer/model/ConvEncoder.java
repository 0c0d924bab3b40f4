package org.monosweep.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A trainable conv-norm-ReLU encoder. Its {@link #block()} is a {@link SequentialBlock} of one
 * {@code [max-pool,] conv, norm, relu} stage per layer (the max-pool being the previous layer's,
 * see {@link LayerPooling}) that returns its intermediate results, so a forward
 * pass yields the post-ReLU map of every conv layer, conv1 first, shaped
 * {@code (batch, C, H, W)}. Heads read the last map; probes and exporters read them all.
 *
 * <p>Not thread-safe for training; one encoder belongs to one cell.
 */
public final class ConvEncoder {
  private final EncoderArchitecture architecture;
  private final SequentialBlock block;
  private final List<Conv2d> convs;
  private final List<Block> norms;

  private ConvEncoder(EncoderArchitecture architecture) {
    this.architecture = architecture;
    this.block = new SequentialBlock().setReturnIntermediate(true);
    List<Conv2d> convList = new ArrayList<>();
    List<Block> normList = new ArrayList<>();
    boolean batchNorm = architecture.normalization() == Normalization.BATCH;
    for (int k = 0; k < architecture.layerCount(); k++) {
      ConvLayer layer = architecture.layer(k);
      Conv2d conv = Conv2d.builder()
          .setKernelShape(new Shape(layer.kernel(), layer.kernel()))
          .optStride(new Shape(layer.stride(), layer.stride()))
          .optPadding(new Shape(layer.padding(), layer.padding()))
          .setFilters(layer.outChannels())
          // A bias before BatchNorm is cancelled by the mean subtraction: leave it out.
          .optBias(!batchNorm)
          .build();
      SequentialBlock stage = new SequentialBlock();
      // The previous layer's max-pool opens this stage, so that every stage still returns a
      // post-ReLU map (the one probes read) and the pool has no parameters to renumber.
      LayerPooling previous = k == 0 ? LayerPooling.NONE : architecture.pooling(k - 1);
      if (previous.hasMaxPool()) {
        Shape window = new Shape(previous.maxPoolKernel(), previous.maxPoolKernel());
        Shape stride = new Shape(previous.maxPoolStride(), previous.maxPoolStride());
        stage.add(Pool.maxPool2dBlock(window, stride));
      }
      stage.add(conv);
      convList.add(conv);
      if (batchNorm) {
        Block norm = new ChannelBatchNorm(EncoderArchitecture.BATCH_NORM_EPSILON,
            EncoderArchitecture.BATCH_NORM_MOMENTUM);
        stage.add(norm);
        normList.add(norm);
      }
      stage.add(Activation.reluBlock());
      block.add(stage);
    }
    this.convs = List.copyOf(convList);
    this.norms = List.copyOf(normList);
  }

  /** A new, uninitialised encoder of the given shape. */
  public static ConvEncoder create(EncoderArchitecture architecture) {
    return new ConvEncoder(Objects.requireNonNull(architecture, "architecture"));
  }

  /** The shape this encoder was built from. */
  public EncoderArchitecture architecture() {
    return architecture;
  }

  /** The DJL block; its forward output is one post-ReLU map per conv layer. */
  public Block block() {
    return block;
  }

  /** The shape of one input batch of {@code batch} images. */
  public Shape inputShape(long batch) {
    return new Shape(batch, architecture.inputChannels(), architecture.inputSide(),
        architecture.inputSide());
  }

  /** The shapes of the forward output for a batch of {@code batch} images, conv1 first. */
  public Shape[] outputShapes(long batch) {
    Shape[] shapes = new Shape[architecture.layerCount()];
    for (int k = 0; k < shapes.length; k++) {
      int[] s = architecture.featureShape(k);
      shapes[k] = new Shape(batch, s[0], s[1], s[2]);
    }
    return shapes;
  }

  /**
   * Creates the parameters on {@code manager} and fills them from {@code seed} (see
   * {@link Initialization}); parameters already initialised are overwritten.
   */
  public void initialize(NDManager manager, long seed) {
    Initialization.seeded(block, manager, seed, inputShape(1));
  }

  /**
   * Runs the encoder. In training mode BatchNorm uses batch statistics and updates its running
   * statistics; otherwise it uses the running statistics.
   *
   * @return the post-ReLU map of every conv layer, on the manager of {@code images}
   */
  public NDList forward(NDArray images, boolean training) {
    ParameterStore store = new ParameterStore(images.getManager(), false);
    return block.forward(store, new NDList(images), training);
  }

  List<Conv2d> convs() {
    return convs;
  }

  List<Block> norms() {
    return norms;
  }
}
