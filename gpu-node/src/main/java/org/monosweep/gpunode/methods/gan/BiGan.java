package org.monosweep.gpunode.methods.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
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
import org.monosweep.gpunode.model.ConvEncoder;
import org.monosweep.gpunode.model.EncoderArchitecture;
import org.monosweep.gpunode.model.Initialization;
import org.monosweep.gpunode.model.Seeds;

/**
 * BiGAN's three networks, their optimisers and their step, independent of data and epochs.
 *
 * <p>The encoder E is the cell's {@link ConvEncoder} (BatchNorm in training mode, as RotNet
 * trains it) followed by a linear layer from its flattened last map to the latent code; the
 * generator G is the DCGAN {@link Generator}; the discriminator D is a
 * {@link JointDiscriminator}. With {@code l_e = D(x, E(x))} and {@code l_g = D(G(z), z)} and
 * {@code softplus(t) = log(1 + e^t)}, a step:
 * <ol>
 *   <li>runs E on the real batch and G on B codes z ~ N(0, 1), keeping their graphs;
 *   <li>discriminator: minimises {@code mean softplus(-l_e) + mean softplus(l_g)} (binary
 *       cross-entropy, encoder pairs real) on detached E(x) and G(z), and updates D;
 *   <li>encoder and generator: minimise {@code mean softplus(l_e) + mean softplus(-l_g)} (the
 *       labels swapped, the non-saturating form of the BiGAN paper's code) through the updated
 *       D with D's weights frozen, and update E and G.
 * </ol>
 */
final class BiGan {
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

  int zDim() {
    return zDim;
  }

  /**
   * Sets the head's weight and bias so that the codes of {@code real} have mean 0 and variance 1
   * in every dimension, the prior's first two moments. Call with autograd paused.
   *
   * <p>Why: freshly initialised, the codes of Fashion-MNIST images had a spread of 0.29 and means
   * of 0.24 (mean absolute, per dimension) against the prior's 1 and 0, so the discriminator
   * could tell encoder pairs from generator pairs by the code alone, and the encoder's first
   * steps went to matching the prior's moments instead of the images. Standardised, the same
   * 625 steps gave conv1 and conv2 probes 0.6 and 1.2 points higher (seed 2). Only the head
   * changes, so the probed conv layers start as the same-seed random encoder.
   *
   * @param manager where the pass's arrays live (closed here)
   * @param real real images {@code (B, 3, S, S)}, B >= 2
   */
  void calibrate(NDManager manager, NDArray real) {
    try (NDManager pass = manager.newSubManager()) {
      NDArray codes = codes(pass, real);
      NDArray mean = codes.mean(new int[] {0});
      // a floor, so that a dimension the sample leaves flat is not blown up
      NDArray spread = codes.sub(mean).square().mean(new int[] {0}).sqrt().maximum(1e-3f);
      Parameter weight = head.getParameters().get("weight");
      Parameter bias = head.getParameters().get("bias");
      weight.getArray().divi(spread.reshape(-1, 1));
      bias.getArray().subi(mean).divi(spread);
    }
  }

  /** The encoder (its conv stack and head), generator and discriminator, for checkpoints. */
  Networks networks() {
    PairList<String, Block> list = new PairList<>();
    list.add("encoder", encoder.block());
    list.add("head", head);
    list.add("generator", generator);
    list.add("discriminator", discriminator);
    return new Networks(list);
  }

  /** Re-marks parameters as trainable after a checkpoint was loaded into them. */
  void afterRestore() {
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
    Autograd.update(discriminatorOptimizer, discriminatorParameters);

    NDArray encoderGeneratorLoss;
    try (Autograd.Frozen frozen = Autograd.freeze(discriminatorParameters);
        Autograd.Mode recording = Autograd.recording()) {
      NDArray logits = discriminator.forward(store, new NDList(
          NDArrays.concat(new NDList(real, fakes)),
          NDArrays.concat(new NDList(codes, latent))), true).singletonOrThrow();
      encoderGeneratorLoss = pairLoss(logits, batch, true);
      Autograd.backward(encoderGeneratorLoss, encoderGeneratorLoss.onesLike());
    }
    Autograd.update(encoderGeneratorOptimizer, encoderGeneratorParameters);
    return NDArrays.stack(new NDList(discriminatorLoss.stopGradient(),
        encoderGeneratorLoss.stopGradient()));
  }

  /** The codes E(x) of {@code images}, batch statistics as in training, on {@code manager}. */
  NDArray codes(NDManager manager, NDArray images) {
    return encode(new ParameterStore(manager, false), images);
  }

  /** Generated images for latent codes {@code z} ({@code (B, zDim)}), on {@code manager}. */
  NDArray generate(NDManager manager, NDArray z) {
    return generator.forward(new ParameterStore(manager, false), new NDList(z), true)
        .singletonOrThrow();
  }

  private NDArray encode(ParameterStore store, NDArray images) {
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
