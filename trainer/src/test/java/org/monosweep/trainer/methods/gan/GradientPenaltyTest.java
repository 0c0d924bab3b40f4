package org.monosweep.trainer.methods.gan;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.monosweep.trainer.model.ConvLayer;
import org.monosweep.trainer.model.EncoderArchitecture;
import org.monosweep.trainer.model.Normalization;

/**
 * The first-order penalty gradient (tangent pass) against two references on a tiny critic in
 * float64: the engine's exact double backward, and central finite differences of the penalty in
 * parameter space; then against the double backward on the small4 critic in float32.
 */
class GradientPenaltyTest {
  private static final double LAMBDA = 10;

  private static final EncoderArchitecture TINY = new EncoderArchitecture("tiny", 3, 8, List.of(
      new ConvLayer("conv1", 3, 4, 3, 2, 1),
      new ConvLayer("conv2", 4, 5, 3, 1, 1)), Normalization.NONE);

  @Test
  void firstOrderGradientMatchesDoubleBackwardAndFiniteDifferencesInFloat64() {
    Critic critic = new Critic(TINY);
    try (NDManager manager = NDManager.newBaseManager("PyTorch");
        Autograd.Mode paused = Autograd.paused()) {
      Random random = new Random(3);
      NDList weights = randomWeights(critic, manager, DataType.FLOAT64, random);
      NDArray x = uniform(manager, new Shape(4, 3, 8, 8), DataType.FLOAT64, random);

      double[] firstOrder = firstOrderGradient(critic, weights, x);
      double[] exact = exactGradient(critic, weights, x);

      double error = relativeError(firstOrder, exact);
      System.out.printf("float64 tiny penalty gradient: relative error %.2e%n", error);
      // measured: 2.9e-16
      assertThat(error).isLessThan(1e-12);
      for (int d = 0; d < 3; d++) {
        NDList direction = randomWeights(critic, manager, DataType.FLOAT64, random);
        double h = 1e-6;
        double finite = (penalty(critic, shifted(weights, direction, h), x)
            - penalty(critic, shifted(weights, direction, -h), x)) / (2 * h);
        double along = dot(exact, flatten(direction));
        System.out.printf("direction %d: finite difference %.12f, double backward %.12f%n", d,
            finite, along);
        // measured: within 5e-11
        assertThat(Math.abs(finite - along)).as("direction %d: %s vs %s", d, finite, along)
            .isLessThan(1e-8 * Math.max(1, Math.abs(along)));
        assertThat(Math.abs(dot(firstOrder, flatten(direction)) - along))
            .isLessThan(1e-8 * Math.max(1, Math.abs(along)));
      }
    }
  }

  @Test
  void firstOrderGradientMatchesDoubleBackwardOnTheSmallCriticInFloat32() {
    EncoderArchitecture small = EncoderArchitecture.small4(Normalization.NONE);
    Critic critic = new Critic(small);
    try (NDManager manager = NDManager.newBaseManager("PyTorch");
        Autograd.Mode paused = Autograd.paused()) {
      Random random = new Random(5);
      NDList weights = randomWeights(critic, manager, DataType.FLOAT32, random);
      NDArray x = uniform(manager, new Shape(8, 3, 32, 32), DataType.FLOAT32, random);

      double[] firstOrder = firstOrderGradient(critic, weights, x);
      double[] exact = exactGradient(critic, weights, x);

      double error = relativeError(firstOrder, exact);
      System.out.printf("float32 small4 penalty gradient: relative error %.2e, |grad| %.3e%n",
          error, Math.sqrt(dot(exact, exact)));
      // measured: 2.4e-7, float32 rounding
      assertThat(error).isLessThan(1e-5);
    }
  }

  /** The gradient of the penalty with respect to {@code weights} by the production path. */
  static double[] firstOrderGradient(Critic critic, NDList weights, NDArray x) {
    NDManager manager = x.getManager();
    try (NDManager step = manager.newSubManager()) {
      NDList detached = new NDList();
      for (NDArray w : weights) {
        NDArray d = w.stopGradient();
        d.attach(step);
        detached.add(d);
      }
      NDArray points = x.duplicate();
      points.attach(step);
      GradientPenalty.Surrogate surrogate =
          new GradientPenalty(LAMBDA).surrogate(critic, detached, points);
      zero(weights);
      try (Autograd.Mode recording = Autograd.recording()) {
        NDArray objective = surrogate.objective(critic, weights);
        Autograd.backward(objective, objective.onesLike());
      }
      return gradients(weights);
    }
  }

  /** The same gradient by the engine's double backward (which leaks in training, not here). */
  static double[] exactGradient(Critic critic, NDList weights, NDArray x) {
    try (NDManager step = x.getManager().newSubManager()) {
      NDArray leaf = x.duplicate();
      leaf.attach(step);
      leaf.setRequiresGradient(true);
      try (Autograd.Mode recording = Autograd.recording()) {
        NDArray scores = critic.score(weights, leaf);
        JniUtils.backward((PtNDArray) scores, (PtNDArray) scores.onesLike(), true, true);
        NDArray gradient = leaf.getGradient();
        zero(weights);
        NDArray penalty = gradient.square().sum(new int[] {1, 2, 3}).sqrt().sub(1).square()
            .mean().mul(LAMBDA);
        Autograd.backward(penalty, penalty.onesLike());
      }
      return gradients(weights);
    }
  }

  /** The penalty's value, from first-order input gradients. */
  static double penalty(Critic critic, NDList weights, NDArray x) {
    try (NDManager step = x.getManager().newSubManager()) {
      NDArray leaf = x.duplicate();
      leaf.attach(step);
      leaf.setRequiresGradient(true);
      try (Autograd.Mode recording = Autograd.recording()) {
        NDArray scores = critic.score(weights, leaf);
        Autograd.backward(scores, scores.onesLike());
      }
      NDArray gradient = leaf.getGradient();
      return gradient.square().sum(new int[] {1, 2, 3}).sqrt().sub(1).square().mean()
          .mul(LAMBDA).toType(DataType.FLOAT64, false).getDouble();
    }
  }

  static NDList randomWeights(Critic critic, NDManager manager, DataType type, Random random) {
    NDList weights = new NDList();
    for (ai.djl.nn.Parameter p : critic.parameters()) {
      Shape shape = p.getShape();
      double scale = shape.dimension() > 1
          ? Math.sqrt(2.0 / (shape.size() / shape.get(0))) : 0.1;
      double[] values = new double[Math.toIntExact(shape.size())];
      for (int i = 0; i < values.length; i++) {
        values[i] = random.nextGaussian() * scale;
      }
      NDArray w = manager.create(values, shape).toType(type, false);
      w.setRequiresGradient(true);
      weights.add(w);
    }
    return weights;
  }

  private static NDArray uniform(NDManager manager, Shape shape, DataType type, Random random) {
    double[] values = new double[Math.toIntExact(shape.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextDouble() * 2 - 1;
    }
    return manager.create(values, shape).toType(type, false);
  }

  private static NDList shifted(NDList weights, NDList direction, double h) {
    NDList out = new NDList();
    for (int i = 0; i < weights.size(); i++) {
      out.add(weights.get(i).stopGradient().add(direction.get(i).stopGradient().mul(h)));
    }
    return out;
  }

  private static void zero(NDList weights) {
    for (NDArray w : weights) {
      JniUtils.zeroGrad((PtNDArray) w);
    }
  }

  private static double[] gradients(NDList weights) {
    NDList grads = new NDList();
    for (NDArray w : weights) {
      grads.add(w.getGradient());
    }
    return flatten(grads);
  }

  private static double[] flatten(NDList arrays) {
    int size = 0;
    for (NDArray a : arrays) {
      size += Math.toIntExact(a.size());
    }
    double[] out = new double[size];
    int offset = 0;
    for (NDArray a : arrays) {
      double[] v = a.toType(DataType.FLOAT64, false).toDoubleArray();
      System.arraycopy(v, 0, out, offset, v.length);
      offset += v.length;
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double relativeError(double[] actual, double[] expected) {
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < actual.length; i++) {
      diff += (actual[i] - expected[i]) * (actual[i] - expected[i]);
      norm += expected[i] * expected[i];
    }
    return Math.sqrt(diff / norm);
  }
}
