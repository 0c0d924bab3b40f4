package org.monosweep.trainer.methods.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * BiGAN's discriminator D(x, z), which tells encoder pairs {@code (x, E(x))} from generator pairs
 * {@code (G(z), z)}. The image goes through strided convs (kernel 4, stride 2, padding 1, so
 * each halves the side down to 4; channels w, 2w, 4w, ... up to 8w) with LeakyReLU 0.2; the
 * code through a linear layer of 512 with LeakyReLU; the two are concatenated and a hidden
 * layer of 1024 (LeakyReLU) gives one logit per pair. No normalisation, so a pair's logit does
 * not depend on the rest of the batch.
 *
 * <p>Input: {@code (x (B, 3, S, S), z (B, zDim))}; output: logits {@code (B)}.
 */
final class JointDiscriminator extends AbstractBlock {
  private static final byte VERSION = 1;
  private static final float SLOPE = 0.2f;

  private final SequentialBlock image;
  private final SequentialBlock code;
  private final SequentialBlock joint;

  /**
   * @param width channels of the first conv
   * @param side the image side: 4 times a power of two, at least 8
   */
  JointDiscriminator(int width, int side) {
    super(VERSION);
    SequentialBlock convs = new SequentialBlock();
    int channels = width;
    for (int s = 0; s < Generator.stages(side); s++) {
      convs.add(Conv2d.builder().setKernelShape(new Shape(4, 4)).optStride(new Shape(2, 2))
          .optPadding(new Shape(1, 1)).setFilters(channels).build())
          .add(Activation.leakyReluBlock(SLOPE));
      channels = Math.min(channels * 2, width * 8);
    }
    this.image = addChildBlock("image", convs);
    this.code = addChildBlock("code", new SequentialBlock()
        .add(Linear.builder().setUnits(512).build()).add(Activation.leakyReluBlock(SLOPE)));
    this.joint = addChildBlock("joint", new SequentialBlock()
        .add(Linear.builder().setUnits(1024).build()).add(Activation.leakyReluBlock(SLOPE))
        .add(Linear.builder().setUnits(1).build()));
  }

  @Override
  protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    long batch = x.getShape().get(0);
    NDArray hx = image.forward(parameterStore, new NDList(x), training).singletonOrThrow()
        .reshape(batch, -1);
    NDArray hz = code.forward(parameterStore, new NDList(inputs.get(1)), training)
        .singletonOrThrow();
    return new NDList(joint.forward(parameterStore, new NDList(hx.concat(hz, 1)), training)
        .singletonOrThrow().reshape(batch));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0))};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType,
      Shape... inputShapes) {
    image.initialize(manager, dataType, inputShapes[0]);
    code.initialize(manager, dataType, inputShapes[1]);
    Shape map = image.getOutputShapes(new Shape[] {inputShapes[0]})[0];
    long features = map.size() / map.get(0) + 512;
    joint.initialize(manager, dataType, new Shape(inputShapes[0].get(0), features));
  }
}
