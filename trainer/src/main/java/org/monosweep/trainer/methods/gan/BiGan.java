package org.monosweep.trainer.methods.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.monosweep.trainer.linalg.Pca;
import org.monosweep.trainer.model.ConvEncoder;
import org.monosweep.trainer.model.EncoderArchitecture;
import org.monosweep.trainer.model.Initialization;
import org.monosweep.trainer.model.Seeds;
import org.monosweep.trainer.train.OptimizerStep;

/**
 * BiGAN's three networks, their optimisers and their step, independent of data and epochs.
 *
 * <p>The encoder E is the cell's {@link ConvEncoder} (BatchNorm in training mode, as RotNet
 * trains it) followed by a linear head from its flattened last map to the latent code, whose
 * outputs are standardised over the batch (mean 0, variance 1 in every dimension, no
 * parameters; see {@link #codes}); the generator G is the DCGAN {@link Generator}; the
 * discriminator D is a {@link JointDiscriminator}. With {@code l_e = D(x, E(x))} and
 * {@code l_g = D(G(z), z)} and {@code softplus(t) = log(1 + e^t)}, a step:
 * <ol>
 *   <li>runs E on the real batch and G on B codes z ~ N(0, 1), keeping their graphs;
 *   <li>discriminator: minimises {@code mean softplus(-l_e) + mean softplus(l_g)} (binary
 *       cross-entropy, encoder pairs real) on detached E(x) and G(z), and updates D;
 *   <li>encoder and generator: minimise {@code mean softplus(l_e) + mean softplus(-l_g)} (the
 *       labels swapped, the non-saturating form of the BiGAN paper's code) through the updated
 *       D with D's weights frozen, and update E and G.
 * </ol>
 */
final class BiGan implements Gan {
  /**
   * Rows per code dimension a calibration sample needs for {@link #calibrate} to whiten: the
   * eigenvalues of a sample covariance of n rows in d dimensions spread over about
   * {@code (1 +- sqrt(d / n))^2} of the true ones, so 8 keeps them within 0.42-1.83.
   */
  static final int WHITENING_ROWS_PER_DIM = 8;
  // added to the batch variance of the codes, as BatchNorm does (a batch of one gives zeros)
  private static final float CODE_EPSILON = 1e-5f;
  private final ConvEncoder encoder;
  private final Block head;
  private final Block generator;
  private final JointDiscriminator discriminator;
  private final List<Parameter> encoderGeneratorParameters = new ArrayList<>();
  private final List<Parameter> discriminatorParameters;
  private final Optimizer encoderGeneratorOptimizer;
  private final Optimizer discriminatorOptimizer;
  private final int zDim;

  private BiGan(ConvEncoder encoder, Block head, Block generator,
      JointDiscriminator discriminator, GanSettings settings) {
    this.encoder = encoder;
    this.head = head;
    this.generator = generator;
    this.discriminator = discriminator;
    encoderGeneratorParameters.addAll(encoder.block().getParameters().values());
    encoderGeneratorParameters.addAll(head.getParameters().values());
    encoderGeneratorParameters.addAll(generator.getParameters().values());
    this.discriminatorParameters = new ArrayList<>(discriminator.getParameters().values());
    this.encoderGeneratorOptimizer = settings.adam();
    this.discriminatorOptimizer = settings.adam();
    this.zDim = settings.zDim();
  }

  /**
   * A BiGAN around {@code encoder} (already initialised; trained in place) with a head,
   * generator and discriminator on {@code manager}, initialised from {@code seed}.
   */
  static BiGan create(ConvEncoder encoder, GanSettings settings, NDManager manager, long seed) {
    EncoderArchitecture arch = encoder.architecture();
    int side = arch.inputSide();
    Block head = Linear.builder().setUnits(settings.zDim()).build();
    Initialization.seeded(head, manager, Seeds.derive(seed, "bigan:head"),
        new Shape(1, arch.featureDim(arch.layerCount() - 1)));
    Block generator = Generator.create(settings.zDim(), settings.generatorWidth(), side);
    Initialization.seeded(generator, manager, Seeds.derive(seed, "bigan:generator"),
        new Shape(1, settings.zDim()));
    JointDiscriminator discriminator = new JointDiscriminator(settings.discriminatorWidth(), side);
    Initialization.seeded(discriminator, manager, Seeds.derive(seed, "bigan:discriminator"),
        new Shape(1, arch.inputChannels(), side, side), new Shape(1, settings.zDim()));
    return new BiGan(encoder, head, generator, discriminator, settings);
  }

  /** The latent size. */
  @Override
  public int zDim() {
    return zDim;
  }

  /**
   * Sets the head's weight and bias so that {@code headOutputs} (the head's outputs for real
   * images, {@link #headOutputs}) get the prior's identity covariance: the head's output is
   * centred and multiplied by their symmetric (ZCA) whitening matrix. A sample of fewer than
   * {@link #WHITENING_ROWS_PER_DIM} rows per code dimension (or of lower rank) cannot estimate a
   * covariance, and leaves the head as it is. Call with autograd paused.
   *
   * <p>Why: freshly initialised, the head's outputs for Fashion-MNIST images had a covariance
   * with eigenvalues from 0.012 to 1.9 against the prior's 1: strongly correlated dimensions, by
   * which the discriminator could tell encoder pairs from generator pairs by the code alone, so
   * that the encoder's first steps went to decorrelating its codes instead of describing the
   * images. The batch standardisation of {@link #codes} fixes only each dimension's mean and
   * variance. Only the head changes, so the probed conv layers start as the same-seed random
   * encoder. What it gained is measured in {@code GanLearningTest}.
   *
   * @param manager where the pass's arrays live (closed here)
   * @param headOutputs {@code (rows, zDim)}
   */
  void calibrate(NDManager manager, NDArray headOutputs) {
    if (headOutputs.getShape().get(0) < (long) WHITENING_ROWS_PER_DIM * zDim) {
      return;
    }
    try (NDManager pass = manager.newSubManager();
        Pca pca = Pca.fit(headOutputs, zDim, pass)) {
      if (pca.dims() < zDim) {
        return; // whitening would project the missing directions out of the head
      }
      NDArray whitening = pca.symmetricWhitening(pass);
      // y = x W^T + b becomes (y - mean) M = x (M W)^T + (b - mean) M, M being symmetric
      NDArray weight = head.getParameters().get("weight").getArray();
      NDArray bias = head.getParameters().get("bias").getArray();
      weight.set(new NDIndex(":"), whitening.matMul(weight));
      bias.set(new NDIndex(":"),
          bias.reshape(1, zDim).sub(pca.mean(pass)).matMul(whitening).reshape(zDim));
    }
  }

  /** The encoder (its conv stack and head), generator and discriminator, for checkpoints. */
  @Override
  public Networks networks() {
    PairList<String, Block> list = new PairList<>();
    list.add("encoder", encoder.block());
    list.add("head", head);
    list.add("generator", generator);
    list.add("discriminator", discriminator);
    return new Networks(list);
  }

  /** Re-marks parameters as trainable after a checkpoint was loaded into them. */
  @Override
  public void afterRestore() {
    Autograd.markTrainable(encoderGeneratorParameters);
    Autograd.markTrainable(discriminatorParameters);
  }

  /**
   * One step. Call with autograd paused.
   *
   * @param step the step's manager
   * @param real B real images {@code (B, 3, S, S)}
   * @param latent B latent codes, {@code (B, zDim)}
   * @return {@code [discriminator loss, encoder-generator loss]}
   */
  NDArray step(NDManager step, NDArray real, NDArray latent) {
    long batch = real.getShape().get(0);
    ParameterStore store = new ParameterStore(step, false);
    NDArray codes;
    NDArray fakes;
    try (Autograd.Mode recording = Autograd.recording()) {
      codes = encode(store, real);
      fakes = generator.forward(store, new NDList(latent), true).singletonOrThrow();
    }

    NDArray discriminatorLoss;
    try (Autograd.Mode recording = Autograd.recording()) {
      NDArray logits = discriminator.forward(store, new NDList(
          NDArrays.concat(new NDList(real, detached(fakes))),
          NDArrays.concat(new NDList(detached(codes), latent))), true).singletonOrThrow();
      discriminatorLoss = pairLoss(logits, batch, false);
      Autograd.backward(discriminatorLoss, discriminatorLoss.onesLike());
    }
    OptimizerStep.apply(discriminatorOptimizer, discriminatorParameters);

    NDArray encoderGeneratorLoss;
    try (Autograd.Frozen frozen = Autograd.freeze(discriminatorParameters);
        Autograd.Mode recording = Autograd.recording()) {
      NDArray logits = discriminator.forward(store, new NDList(
          NDArrays.concat(new NDList(real, fakes)),
          NDArrays.concat(new NDList(codes, latent))), true).singletonOrThrow();
      encoderGeneratorLoss = pairLoss(logits, batch, true);
      Autograd.backward(encoderGeneratorLoss, encoderGeneratorLoss.onesLike());
    }
    OptimizerStep.apply(encoderGeneratorOptimizer, encoderGeneratorParameters);
    return NDArrays.stack(new NDList(discriminatorLoss.stopGradient(),
        encoderGeneratorLoss.stopGradient()));
  }

  /**
   * The codes E(x) of {@code images}, batch statistics as in training, on {@code manager}: the
   * {@link #headOutputs} standardised over the batch.
   *
   * <p>Why standardised: with a plain linear head the encoder's deeper layers fell well below
   * the random encoder's, as if it collapsed its codes. While the generator's images are poor
   * the discriminator tells pairs apart by the image, and the encoder's best reply to a
   * discriminator it cannot fool by image is one code for every image, the one the
   * discriminator finds most generator-like; a single pair's logit cannot see that every pair
   * has the same code. In trial runs on Fashion-MNIST (seed 2, 4 epochs, half-width generator and
   * discriminator, whitened head) conv3 and conv4 probed 0.9 and 3.0 points below the random
   * encoder; re-whitening the head after each of 6 epochs, which blows a shrunken code back up,
   * made that 11 and 22. Standardised codes cannot shrink, and the same 4 epochs gave conv3 and
   * conv4 +0.3 and -0.4 points.
   */
  NDArray codes(NDManager manager, NDArray images) {
    return encode(new ParameterStore(manager, false), images);
  }

  /** The head's outputs for {@code images} before the standardisation, on {@code manager}. */
  NDArray headOutputs(NDManager manager, NDArray images) {
    return head(new ParameterStore(manager, false), images);
  }

  /** Generated images for latent codes {@code z} ({@code (B, zDim)}), on {@code manager}. */
  @Override
  public NDArray generate(NDManager manager, NDArray z) {
    return generator.forward(new ParameterStore(manager, false), new NDList(z), true)
        .singletonOrThrow();
  }

  private NDArray encode(ParameterStore store, NDArray images) {
    NDArray outputs = head(store, images);
    NDArray centred = outputs.sub(outputs.mean(new int[] {0}, true));
    return centred.div(centred.square().mean(new int[] {0}, true).add(CODE_EPSILON).sqrt());
  }

  private NDArray head(ParameterStore store, NDArray images) {
    NDList maps = encoder.forward(images, true);
    NDArray last = maps.get(maps.size() - 1);
    return head.forward(store, new NDList(last.reshape(last.getShape().get(0), -1)), true)
        .singletonOrThrow();
  }

  /**
   * Binary cross-entropy of the 2B logits, encoder pairs first: labels real (1) for encoder
   * pairs and fake (0) for generator pairs, or the reverse when {@code swapped}.
   */
  private static NDArray pairLoss(NDArray logits, long batch, boolean swapped) {
    NDArray encoderPairs = logits.get("0:{}", batch);
    NDArray generatorPairs = logits.get("{}:{}", batch, 2 * batch);
    NDArray sign = swapped ? encoderPairs : encoderPairs.neg();
    return Activation.softPlus(sign).mean()
        .add(Activation.softPlus(swapped ? generatorPairs.neg() : generatorPairs).mean());
  }

  // stopGradient() makes a view on the array's own manager, the step's
  private static NDArray detached(NDArray array) {
    return array.stopGradient();
  }
}
