package org.monosweep.spec;

import java.util.List;
import java.util.Optional;

/**
 * Every method parameter, each declared once: name, type, accepted values, default and doc.
 * {@link MethodParams} lists which methods take which; where methods share a name they share
 * its meaning and checks (MonoGAN and BiGAN start {@code lr}, {@code beta1} and {@code beta2}
 * from their papers' values). Trainers read cells through these keys.
 */
public final class ParamKeys {
  private ParamKeys() {}

  /** {@code optimizer}: SGD with momentum, or Adam. */
  public static final ParamKey<String> OPTIMIZER = ParamKey.choice("optimizer", "sgd",
      List.of("sgd", "adam"), "sgd (with momentum) or adam");
  /** {@code lr}: the initial learning rate. */
  public static final ParamKey<Double> LEARNING_RATE = ParamKey.number("lr", 0.05,
      Interval.above(0), "initial learning rate (Adam's, constant, for the GANs)");
  /** {@code lr_schedule}: cosine to 0 over the budget, or constant. */
  public static final ParamKey<String> LR_SCHEDULE = ParamKey.choice("lr_schedule", "cosine",
      List.of("cosine", "constant"), "cosine (to 0 over the budget) or constant");
  /** {@code momentum}: SGD momentum, or Adam's beta1 when the optimizer is adam. */
  public static final ParamKey<Double> MOMENTUM = ParamKey.number("momentum", 0.9,
      Interval.halfOpen(0, 1), "SGD momentum (Adam's beta1 when optimizer = adam)");
  /** {@code weight_decay}: L2 weight decay on every trained parameter. */
  public static final ParamKey<Double> WEIGHT_DECAY = ParamKey.number("weight_decay", 5e-4,
      Interval.atLeast(0), "L2 weight decay on every trained parameter");
  /**
   * {@code native_aug}: the method's own augmentation on top of the cell's dataset augmentation
   * (random crops of a 4-pixel padding and flips for RotNet and supervised).
   */
  public static final ParamKey<Boolean> NATIVE_AUGMENTATION = ParamKey.flag("native_aug", true,
      "the method's own augmentation on top of the cell's (crops and flips for rotnet)");
  /**
   * {@code loss_every}: steps between reads of the loss from the engine; each read forces a
   * synchronisation (every step costs 7-15% of throughput). Divergence is detected at these
   * reads and at the end of every epoch, naming the exact step.
   */
  public static final ParamKey<Integer> LOSS_READ_INTERVAL = ParamKey.integer("loss_every", 20,
      Interval.closed(1, 100_000), "steps between reads of the loss (divergence checks)");
  /**
   * {@code input_size}: the side S of the encoder's square input, 0 for the encoder's default
   * (small4 takes 32 only; alexnet takes 64 to 224, default 224). Real images are upsampled
   * bilinearly to S; patches of N sources are rendered at S.
   */
  public static final ParamKey<Integer> INPUT_SIZE = ParamKey.integer("input_size", 0,
      Interval.closed(0, 224), "encoder input side S; 0: the encoder's (small4 32, alexnet 64-224)");

  /** {@code beta1}: Adam's beta1 of the GANs (DCGAN and BiGAN: 0.5; WGAN-GP: 0). */
  public static final ParamKey<Double> BETA1 = ParamKey.number("beta1", 0.5,
      Interval.halfOpen(0, 1), "Adam's beta1");
  /** {@code beta2}: Adam's beta2 of the GANs (BiGAN: 0.999; WGAN-GP: 0.9). */
  public static final ParamKey<Double> BETA2 = ParamKey.number("beta2", 0.999,
      Interval.halfOpen(0, 1), "Adam's beta2");
  /** {@code gp_lambda}: weight of MonoGAN's gradient penalty on interpolates (WGAN-GP: 10). */
  public static final ParamKey<Double> GP_LAMBDA = ParamKey.number("gp_lambda", 10.0,
      Interval.atLeast(0), "weight of the gradient penalty on interpolates");
  /** {@code n_critic}: MonoGAN's critic steps per generator step (WGAN-GP: 5). */
  public static final ParamKey<Integer> N_CRITIC = ParamKey.integer("n_critic", 5,
      Interval.closed(1, 100), "critic steps per generator step");
  /** {@code disc_width}: channels of the first conv of BiGAN's joint discriminator. */
  public static final ParamKey<Integer> DISC_WIDTH = ParamKey.integer("disc_width", 64,
      Interval.closed(1, 4096), "channels of the joint discriminator's first conv");
  /** {@code z_dim}: size of the GANs' latent code, Gaussian N(0, 1). */
  public static final ParamKey<Integer> Z_DIM = ParamKey.integer("z_dim", 128,
      Interval.closed(1, 4096), "size of the latent code, drawn from N(0, 1)");
  /**
   * {@code gen_width}: channels of the DCGAN generator's last hidden layer; the layers before
   * it double it (64: 256, 128, 64 channels at 4, 8, 16 pixels for a 32-pixel output).
   */
  public static final ParamKey<Integer> GEN_WIDTH = ParamKey.integer("gen_width", 64,
      Interval.closed(1, 4096), "channels of the generator's last hidden layer (doubling before)");
  /**
   * {@code collapse_spread}: mode collapse is declared when the spread of a fixed batch of
   * generated samples (root mean per-pixel variance across the batch) falls below this fraction
   * of the real images' spread at the end of an epoch.
   */
  public static final ParamKey<Double> COLLAPSE_SPREAD = ParamKey.number("collapse_spread", 0.1,
      Interval.halfOpen(0, 1), "mode collapse below this fraction of the real images' spread");
  /**
   * {@code collapse_fail}: whether mode collapse fails the cell (permanently) instead of flagging
   * it; by default the cell finishes, is probed, and carries a {@code mode-collapse: ...} flag.
   */
  public static final ParamKey<Boolean> COLLAPSE_FAIL = ParamKey.flag("collapse_fail", false,
      "mode collapse fails the cell instead of flagging it");

  /** {@code k}: DeepCluster's number of k-means clusters, the classes predicted; at most d. */
  public static final ParamKey<Integer> CLUSTERS = ParamKey.integer("k", 100,
      Interval.closed(2, 1_000_000), "k-means clusters, the classes predicted (at most d)");
  /**
   * {@code pca_dims}: the dimensions PCA whitening keeps before k-means (256 in the paper);
   * capped by the feature dimension, the image count and the features' numerical rank.
   */
  public static final ParamKey<Integer> PCA_DIMS = ParamKey.integer("pca_dims", 256,
      Interval.closed(1, 65_536), "dimensions PCA whitening keeps before k-means");
  /** {@code kmeans_iterations}: Lloyd iterations per clustering (DeepCluster's faiss: 20). */
  public static final ParamKey<Integer> KMEANS_ITERATIONS = ParamKey.integer(
      "kmeans_iterations", 20, Interval.closed(1, 10_000), "Lloyd iterations per clustering");

  private static final List<ParamKey<?>> ALL = List.of(OPTIMIZER, LEARNING_RATE, LR_SCHEDULE,
      MOMENTUM, WEIGHT_DECAY, NATIVE_AUGMENTATION, LOSS_READ_INTERVAL, INPUT_SIZE, BETA1, BETA2,
      GP_LAMBDA, N_CRITIC, DISC_WIDTH, Z_DIM, GEN_WIDTH, COLLAPSE_SPREAD, COLLAPSE_FAIL, CLUSTERS,
      PCA_DIMS, KMEANS_ITERATIONS);

  /** Every parameter, in the order docs list them. */
  public static List<ParamKey<?>> all() {
    return ALL;
  }

  /** The parameter called {@code name}, if any method has one. */
  public static Optional<ParamKey<?>> named(String name) {
    return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
  }
}
