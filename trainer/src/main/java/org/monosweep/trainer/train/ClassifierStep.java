package org.monosweep.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import java.util.List;

/**
 * One training step of a classifier under a DJL {@link Trainer}: forward, softmax cross-entropy,
 * backward, the step's loss and correct predictions kept in a {@link LossWindow}, and an
 * {@link OptimizerStep}. The pretext tasks (rotnet, supervised) and DeepCluster's pseudo-label
 * epochs take the same step.
 */
public final class ClassifierStep {
  private final Trainer trainer;
  private final Optimizer optimizer;
  private final List<Parameter> trained;
  private final Loss loss = Loss.softmaxCrossEntropyLoss();

  /**
   * Steps for {@code network}, which {@code trainer} runs, updated by {@code optimizer}.
   */
  public ClassifierStep(Trainer trainer, Optimizer optimizer, Block network) {
    this.trainer = trainer;
    this.optimizer = optimizer;
    this.trained = network.getParameters().values().stream()
        .filter(Parameter::requiresGradient).toList();
  }

  /**
   * Trains on one batch.
   *
   * @param images {@code (B, 3, S, S)} on the step's manager
   * @param labels {@code (B)} class indices (int64) on the step's manager
   */
  public void run(NDArray images, NDArray labels, LossWindow window) {
    NDArray logits;
    NDArray value;
    try (GradientCollector collector = trainer.newGradientCollector()) {
      logits = trainer.forward(new NDList(images)).singletonOrThrow();
      value = loss.evaluate(new NDList(labels), new NDList(logits));
      collector.backward(value);
    }
    window.add(value, logits.argMax(1).eq(labels).sum());
    OptimizerStep.apply(optimizer, trained);
  }
}
