package org.monosweep.trainer.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * BatchNorm over the channel axis of NCHW maps, as DJL's {@link BatchNorm} with its default
 * axis 1, but calling the engine's batch norm directly: DJL's block wraps every call in two
 * no-op transposes, a sub-manager and re-attachments, which cost about 1% of a training step of
 * the small encoder. Same parameter names (gamma, beta, runningMean, runningVar) and types, same
 * momentum convention (DJL's 0.9 is PyTorch's 0.1).
 */
final class ChannelBatchNorm extends AbstractBlock {
  private static final byte VERSION = 1;

  private final float epsilon;
  private final float momentum;
  private final Parameter gamma;
  private final Parameter beta;
  private final Parameter runningMean;
  private final Parameter runningVar;

  ChannelBatchNorm(float epsilon, float momentum) {
    super(VERSION);
    this.epsilon = epsilon;
    this.momentum = momentum;
    gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
        .optRequiresGrad(true).build());
    beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA)
        .optRequiresGrad(true).build());
    runningMean = addParameter(Parameter.builder().setName("runningMean")
        .setType(Parameter.Type.RUNNING_MEAN).optRequiresGrad(false).build());
    runningVar = addParameter(Parameter.builder().setName("runningVar")
        .setType(Parameter.Type.RUNNING_VAR).optRequiresGrad(false).build());
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray input = inputs.singletonOrThrow();
    Device device = input.getDevice();
    // axis -1 asks the PyTorch engine for its native batch_norm, which normalises axis 1
    return BatchNorm.batchNorm(input, store.getValue(runningMean, device, training),
        store.getValue(runningVar, device, training), store.getValue(gamma, device, training),
        store.getValue(beta, device, training), -1, momentum, epsilon, training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    return new Shape[] {inputs[0]};
  }

  @Override
  public void prepare(Shape[] inputs) {
    Shape channels = new Shape(inputs[0].get(1));
    gamma.setShape(channels);
    beta.setShape(channels);
    runningMean.setShape(channels);
    runningVar.setShape(channels);
  }
}
