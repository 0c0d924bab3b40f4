package org.monosweep.trainer.methods.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The engine's autograd, used directly rather than through DJL's {@code GradientCollector}.
 *
 * <p>Why: the GAN steps need a vector-Jacobian product with a chosen output gradient (the
 * surrogate of the gradient penalty weighs each score differently), and backward passes whose
 * gradient reaches only some networks. {@code PtGradientCollector} also allows one collector per
 * process (a static flag), which would serialise, or fail, two cells training on two devices of
 * one node. libtorch's grad mode is per thread, so a {@link Mode} here affects only the caller.
 *
 * <p>PyTorch engine only: the arrays must be {@link PtNDArray}s.
 */
final class Autograd {
  private Autograd() {}

  /** Records operations for backward until closed, then restores the previous mode. */
  static Mode recording() {
    return new Mode(true);
  }

  /**
   * Records nothing until closed, then restores the previous mode: forward passes whose result
   * needs no gradient (samples, inputs of the next pass) then keep no graph.
   */
  static Mode paused() {
    return new Mode(false);
  }

  /**
   * Backward from {@code output} with {@code outputGradient} (same shape): accumulates
   * {@code sum(outputGradient * d output / d leaf)} into the gradient of every leaf that requires
   * one, and frees the graph.
   */
  static void backward(NDArray output, NDArray outputGradient) {
    JniUtils.backward(pt(output), pt(outputGradient), false, false);
  }

  /** Zeroes the accumulated gradients of {@code parameters}. */
  static void zeroGradients(Iterable<Parameter> parameters) {
    for (Parameter parameter : parameters) {
      if (parameter.requiresGradient()) {
        JniUtils.zeroGrad(pt(parameter.getArray()));
      }
    }
  }

  /**
   * Marks the arrays of trainable parameters as requiring a gradient: a parameter loaded from a
   * checkpoint comes back without the mark.
   */
  static void markTrainable(Iterable<Parameter> parameters) {
    for (Parameter parameter : parameters) {
      if (parameter.requiresGradient() && !parameter.getArray().hasGradient()) {
        parameter.getArray().setRequiresGradient(true);
      }
    }
  }

  /**
   * Stops {@code parameters} from collecting gradients until closed: a backward pass then
   * flows through them to other networks without computing their own weight gradients.
   */
  static Frozen freeze(Iterable<Parameter> parameters) {
    return new Frozen(parameters);
  }

  private static PtNDArray pt(NDArray array) {
    if (!(array instanceof PtNDArray)) {
      throw new UnsupportedOperationException("the GAN trainers need the PyTorch engine, got "
          + array.getManager().getEngine().getEngineName());
    }
    return (PtNDArray) array;
  }

  /** A grad mode held until {@link #close()}. */
  static final class Mode implements AutoCloseable {
    private final boolean previous;

    private Mode(boolean enabled) {
      previous = JniUtils.isGradMode();
      JniUtils.setGradMode(enabled);
    }

    @Override
    public void close() {
      JniUtils.setGradMode(previous);
    }
  }

  /** Parameters frozen until {@link #close()}. */
  static final class Frozen implements AutoCloseable {
    private final java.util.List<NDArray> arrays = new java.util.ArrayList<>();

    private Frozen(Iterable<Parameter> parameters) {
      for (Parameter parameter : parameters) {
        if (parameter.requiresGradient()) {
          NDArray array = parameter.getArray();
          array.setRequiresGradient(false);
          arrays.add(array);
        }
      }
    }

    @Override
    public void close() {
      arrays.forEach(array -> array.setRequiresGradient(true));
    }
  }
}
