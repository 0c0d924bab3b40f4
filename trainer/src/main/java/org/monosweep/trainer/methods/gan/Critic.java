package org.monosweep.trainer.methods.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.monosweep.trainer.model.ConvLayer;
import org.monosweep.trainer.model.EncoderArchitecture;

/**
 * The WGAN-GP critic: the conv-ReLU stack of an {@link EncoderArchitecture} with no
 * normalisation (a batch-normalised critic would make each score depend on the rest of the
 * batch, which the per-sample gradient penalty forbids) and, like the encoder's convs, no bias,
 * then one fully connected layer from the flattened last map to a scalar score per image.
 *
 * <p>Why no conv bias: with biases, 600 steps on Fashion-MNIST shrank the conv1 weights (rms
 * 0.025 to 0.018) while its biases grew (mean 0.04, up to 0.15), so many units were on for
 * nearly every input, linear rather than rectified; the conv1 and conv2 probes then scored
 * -0.5 and +0.4 points against the random encoder, +0.3 and +1.1 without biases (seed 2). A
 * bias-free ReLU stack is positively homogeneous: its scale does not change which units fire,
 * and it is exactly the probed encoder's convs with an identity BatchNorm.
 *
 * <p>Its forward is a function of explicit weights, {@link #score(NDList, NDArray)}, so that a
 * pass can run on {@link #detachedWeights detached} copies: the penalty's input gradient and the
 * generator's step then reach no critic parameter. {@link #tangent} is its forward-mode
 * directional derivative, which gives the gradient penalty's parameter gradient without a
 * double backward. The parameters are, in order,
 * {@code conv1_weight, ..., convK_weight, head_weight, head_bias}.
 */
final class Critic extends AbstractBlock {
  // 2: conv layers without bias
  private static final byte VERSION = 2;

  private final EncoderArchitecture architecture;
  private final List<Parameter> ordered = new ArrayList<>();

  /** A critic on the conv stack of {@code architecture} (its normalisation is ignored). */
  Critic(EncoderArchitecture architecture) {
    super(VERSION);
    this.architecture = architecture;
    for (ConvLayer layer : architecture.layers()) {
      ordered.add(addParameter(Parameter.builder().setName(layer.name() + "_weight")
          .setType(Parameter.Type.WEIGHT)
          .optShape(new Shape(layer.outChannels(), layer.inChannels(), layer.kernel(),
              layer.kernel()))
          .build()));
    }
    int features = architecture.featureDim(architecture.layerCount() - 1);
    ordered.add(addParameter(Parameter.builder().setName("head_weight")
        .setType(Parameter.Type.WEIGHT).optShape(new Shape(1, features)).build()));
    ordered.add(addParameter(Parameter.builder().setName("head_bias")
        .setType(Parameter.Type.BIAS).optShape(new Shape(1)).build()));
  }

  /** The conv stack this critic runs. */
  EncoderArchitecture architecture() {
    return architecture;
  }

  /** The parameters in forward order. */
  List<Parameter> parameters() {
    return ordered;
  }

  /** The conv weight of layer {@code index} (0-based). */
  Parameter convWeight(int index) {
    return ordered.get(index);
  }

  /** The head's weight, {@code (1, features)}. */
  Parameter headWeight() {
    return ordered.get(architecture.layerCount());
  }

  /** The current weight arrays in forward order (the parameters' own arrays). */
  NDList weights() {
    NDList list = new NDList(ordered.size());
    for (Parameter p : ordered) {
      list.add(p.getArray());
    }
    return list;
  }

  /**
   * Copies of the weights that share storage but are cut from the graph, attached to
   * {@code manager} (so they close with it): a pass through them computes input gradients only.
   */
  NDList detachedWeights(NDManager manager) {
    NDList list = new NDList(ordered.size());
    for (Parameter p : ordered) {
      NDArray detached = p.getArray().stopGradient();
      detached.attach(manager);
      list.add(detached);
    }
    return list;
  }

  /**
   * The scores of {@code images} ({@code (B, C, S, S)}) under {@code weights} (in the order of
   * {@link #parameters()}; any floating type, the same as the images'), shape {@code (B)}.
   */
  NDArray score(NDList weights, NDArray images) {
    return pass(weights, images, false).scores();
  }

  /**
   * A forward pass that also keeps each conv layer's ReLU mask (1 where the pre-activation is
   * positive, else 0), which {@link #tangent} needs.
   */
  Pass scoreWithMasks(NDList weights, NDArray images) {
    return pass(weights, images, true);
  }

  /**
   * The directional derivatives {@code v_i . grad_x D(x_i)} of the scores at the points whose
   * {@code masks} these are, along {@code directions} v ({@code (B, C, S, S)}), shape
   * {@code (B)}: a forward-mode pass of v through the linearisation of the critic at x.
   *
   * <p>The critic is piecewise linear in its input: with the ReLU masks M_k of x fixed,
   * {@code D(x) = h . M_K (W_K * ... M_1 (W_1 * x) ...) + c}, so its Jacobian-vector product
   * is the same chain applied to v. Its gradient with respect to the weights by
   * ordinary backward (the masks are piecewise constant in the weights, their derivative is zero
   * almost everywhere) is exactly what a double backward would give.
   */
  NDArray tangent(NDList weights, NDList masks, NDArray directions) {
    NDArray t = directions;
    int k = 0;
    for (ConvLayer layer : architecture.layers()) {
      t = Conv2d.conv2d(t, weights.get(k), null, new Shape(layer.stride(), layer.stride()),
          new Shape(layer.padding(), layer.padding())).singletonOrThrow().mul(masks.get(k));
      k++;
    }
    long batch = directions.getShape().get(0);
    return Linear.linear(t.reshape(batch, -1), weights.get(k)).singletonOrThrow()
        .reshape(batch);
  }

  private Pass pass(NDList weights, NDArray images, boolean keepMasks) {
    NDArray x = images;
    NDList masks = new NDList();
    int k = 0;
    for (ConvLayer layer : architecture.layers()) {
      NDArray conv = Conv2d.conv2d(x, weights.get(k), null,
          new Shape(layer.stride(), layer.stride()),
          new Shape(layer.padding(), layer.padding())).singletonOrThrow();
      if (keepMasks) {
        masks.add(conv.gt(0).toType(conv.getDataType(), false));
      }
      x = Activation.relu(conv);
      k++;
    }
    long batch = images.getShape().get(0);
    NDArray flat = x.reshape(batch, -1);
    return new Pass(Linear.linear(flat, weights.get(k), weights.get(k + 1)).singletonOrThrow()
        .reshape(batch), masks);
  }

  /**
   * A forward pass's scores and, when kept, its ReLU masks.
   *
   * @param scores shape {@code (B)}
   * @param masks one per conv layer, shaped like its output, conv1 first; empty when not kept
   */
  record Pass(NDArray scores, NDList masks) {}

  @Override
  protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray images = inputs.singletonOrThrow();
    NDList weights = new NDList(ordered.size());
    for (Parameter p : ordered) {
      weights.add(parameterStore.getValue(p, images.getDevice(), training));
    }
    return new NDList(score(weights, images));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0))};
  }
}
