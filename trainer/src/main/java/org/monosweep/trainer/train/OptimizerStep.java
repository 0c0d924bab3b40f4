package org.monosweep.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;

/**
 * One optimiser step on a network's parameters, as every trainer takes it: rather than
 * {@code Trainer.step()}, whose parameter server first copies every gradient (a multi-device
 * reduction a single-device loop does not need).
 */
public final class OptimizerStep {
  private OptimizerStep() {}

  /**
   * Calls {@code optimizer.update} with its accumulated gradient for every parameter of
   * {@code parameters} that requires a gradient; the PyTorch engine's update then zeroes that
   * gradient. Parameters that require none are left alone.
   */
  public static void apply(Optimizer optimizer, Iterable<Parameter> parameters) {
    for (Parameter parameter : parameters) {
      if (!parameter.requiresGradient()) {
        continue;
      }
      NDArray weight = parameter.getArray();
      // getGradient() makes a new handle on the parameter's long-lived manager: close it
      try (NDArray gradient = weight.getGradient()) {
        optimizer.update(parameter.getId(), weight, gradient);
      }
    }
  }
}
