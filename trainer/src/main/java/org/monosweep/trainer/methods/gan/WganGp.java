package org.monosweep.trainer.methods.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.monosweep.trainer.model.EncoderArchitecture;
import org.monosweep.trainer.model.Initialization;
import org.monosweep.trainer.model.Seeds;
import org.monosweep.trainer.train.OptimizerStep;

/**
 * WGAN-GP's two networks, their optimisers and their steps, independent of data, epochs and
 * reporting (which {@link MonoGanTrainer} adds).
 *
 * <p>A critic step on B real images {@code x_r}, B generated ones {@code x_f = G(z)} and B
 * interpolates {@code x = a x_r + (1 - a) x_f}: minimise
 * {@code L = mean D(x_f) - mean D(x_r) + P}, with P the {@link GradientPenalty}. It takes two
 * passes through the critic: the input gradient at the interpolates (through detached weights),
 * then one forward of the 2B points {@code x_r, x_f} and one tangent pass of the B unit input
 * gradients, and a single backward of {@code mean D(x_f) - mean D(x_r) + S} (S the penalty's
 * surrogate), which is the gradient of L. A generator step
 * minimises {@code -mean D(G(z))} through detached critic weights, so only the generator's
 * gradients fill. Every array of a step lives on the step's manager; the losses come back
 * without graph.
 *
 * <p>Noise (z, a) comes from the caller, drawn in Java from seeded generators.
 */
final class WganGp implements Gan {
  /**
   * The smallest input-gradient norm {@link #calibrate} scales up; the He-initialised encoders
   * start at about 0.025 on Fashion-MNIST, so this only refuses a critic that is all but dead.
   */
  static final float MIN_CALIBRATION_NORM = 1e-6f;
  private final Critic critic;
  private final Block generator;
  private final List<Parameter> generatorParameters;
  private final Optimizer criticOptimizer;
  private final Optimizer generatorOptimizer;
  private final GradientPenalty penalty;
  private final int zDim;

  private WganGp(Critic critic, Block generator, GanSettings settings) {
    this.critic = critic;
    this.generator = generator;
    this.generatorParameters = new ArrayList<>(generator.getParameters().values());
    this.criticOptimizer = settings.adam();
    this.generatorOptimizer = settings.adam();
    this.penalty = new GradientPenalty(settings.lambda());
    this.zDim = settings.zDim();
  }

  /**
   * A critic on {@code architecture}'s conv stack and a DCGAN generator to its input side, with
   * parameters on {@code manager}, initialised from {@code seed}.
   */
  static WganGp create(EncoderArchitecture architecture, GanSettings settings, NDManager manager,
      long seed) {
    int side = architecture.inputSide();
    Critic critic = new Critic(architecture);
    Initialization.seeded(critic, manager, Seeds.derive(seed, "critic"),
        new Shape(1, architecture.inputChannels(), side, side));
    Block generator = Generator.create(settings.zDim(), settings.generatorWidth(), side);
    Initialization.seeded(generator, manager, Seeds.derive(seed, "generator"),
        new Shape(1, settings.zDim()));
    return new WganGp(critic, generator, settings);
  }

  Critic critic() {
    return critic;
  }

  /**
   * Scales the critic's head so that its mean input-gradient norm at {@code real} is 1, the value
   * the penalty asks for, and returns the norm it had. Call with autograd paused.
   *
   * <p>Why: from the encoder's He initialisation the critic's input gradients at Fashion-MNIST
   * images have norm 0.025, so its first steps went into growing its scale (with conv biases at
   * lr 1e-4 the norm averaged 2.1 over the first epoch of 156 steps) instead of learning what
   * tells real from generated images. Calibrated, the same 600 steps gave conv1 and conv2 probes
   * 0.9 and 1.0 points higher (seed 2). The bias-free conv stack is positively homogeneous, so
   * scaling the head scales every input gradient alike and leaves the convs, which are probed,
   * as they were.
   *
   * @param step the manager of the pass
   * @param real real images {@code (B, 3, S, S)}, B >= 1
   * @throws IllegalStateException when the critic's input gradient there is below
   *     {@link #MIN_CALIBRATION_NORM} (nearly every unit off) or not finite: scaling the head by
   *     its inverse would blow the critic's scores up towards overflow instead of mending it
   */
  double calibrate(NDManager step, NDArray real) {
    float norm = penalty.surrogate(critic, critic.detachedWeights(step), real).gradientNorm()
        .getFloat();
    if (!(norm >= MIN_CALIBRATION_NORM) || !Float.isFinite(norm)) {
      throw new IllegalStateException("the critic's input gradient at real images is " + norm
          + ", below " + MIN_CALIBRATION_NORM + ": its units are (nearly) all off");
    }
    critic.headWeight().getArray().divi(norm);
    return norm;
  }

  /** The latent size. */
  @Override
  public int zDim() {
    return zDim;
  }

  /** Both networks, for checkpoints. */
  @Override
  public Networks networks() {
    PairList<String, Block> list = new PairList<>();
    list.add("critic", critic);
    list.add("generator", generator);
    return new Networks(list);
  }

  /** Re-marks parameters as trainable after a checkpoint was loaded into them. */
  @Override
  public void afterRestore() {
    Autograd.markTrainable(critic.parameters());
    Autograd.markTrainable(generatorParameters);
  }

  /**
   * One critic step. Call with autograd paused.
   *
   * @param step the step's manager
   * @param real B real images, {@code (B, 3, S, S)}
   * @param z B latent codes, {@code (B, zDim)}
   * @param alpha B interpolation weights in [0, 1], {@code (B, 1, 1, 1)}
   * @return {@code [critic loss, Wasserstein estimate mean D(x_r) - mean D(x_f), penalty,
   *     mean input-gradient norm]}
   */
  NDArray criticStep(NDManager step, NDArray real, NDArray z, NDArray alpha) {
    long batch = real.getShape().get(0);
    NDArray fake = generate(step, z);
    NDArray interpolates = real.mul(alpha).add(fake.mul(alpha.neg().add(1)));
    GradientPenalty.Surrogate surrogate =
        penalty.surrogate(critic, critic.detachedWeights(step), interpolates);

    NDArray mean = step.full(new Shape(batch), 1f / batch);
    NDArray outputWeights = NDArrays.concat(new NDList(mean.neg(), mean));
    NDArray scores;
    try (Autograd.Mode recording = Autograd.recording()) {
      NDList weights = critic.weights();
      scores = critic.score(weights, NDArrays.concat(new NDList(real, fake)));
      NDArray objective = scores.mul(outputWeights).sum()
          .add(surrogate.objective(critic, weights));
      Autograd.backward(objective, objective.onesLike());
    }
    OptimizerStep.apply(criticOptimizer, critic.parameters());

    NDArray realMean = scores.get("0:{}", batch).mean();
    NDArray fakeMean = scores.get("{}:{}", batch, 2 * batch).mean();
    NDArray wasserstein = realMean.sub(fakeMean);
    NDArray loss = surrogate.penalty().sub(wasserstein);
    return NDArrays.stack(new NDList(loss, wasserstein, surrogate.penalty(),
        surrogate.gradientNorm()));
  }

  /**
   * One generator step. Call with autograd paused.
   *
   * @param step the step's manager
   * @param z B latent codes, {@code (B, zDim)}
   * @return {@code [generator loss -mean D(G(z))]}
   */
  NDArray generatorStep(NDManager step, NDArray z) {
    NDList frozen = critic.detachedWeights(step);
    NDArray loss;
    try (Autograd.Mode recording = Autograd.recording()) {
      NDArray fake = generate(step, z);
      loss = critic.score(frozen, fake).mean().neg();
      Autograd.backward(loss, loss.onesLike());
    }
    OptimizerStep.apply(generatorOptimizer, generatorParameters);
    return loss.stopGradient().reshape(1);
  }

  /** Generated images for latent codes {@code z} ({@code (B, zDim)}), on their manager. */
  @Override
  public NDArray generate(NDManager step, NDArray z) {
    // training mode: batch statistics, as in every step
    return generator.forward(new ParameterStore(step, false), new NDList(z), true)
        .singletonOrThrow();
  }
}
