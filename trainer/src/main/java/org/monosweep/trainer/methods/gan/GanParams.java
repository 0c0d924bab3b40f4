package org.monosweep.trainer.methods.gan;

import org.monosweep.spec.ParamKey;

/**
 * The hyperparameters the GAN trainers read from a cell ({@code params} in a spec). Names are the
 * spec's. Where MonoGAN and BiGAN share a name ({@code lr}, {@code beta1}, ...) each method has
 * its own default, the one its paper uses; set them per method in a spec's method section.
 * Besides these, both read {@code loss_every} and {@code native_aug} of
 * {@link org.monosweep.trainer.train.TrainingParams}.
 */
public final class GanParams {
  private GanParams() {}

  /** {@code lr}: MonoGAN's Adam learning rate, for critic and generator (WGAN-GP: 1e-4). */
  public static final ParamKey<Double> MONOGAN_LR = ParamKey.ofDouble("lr", 1e-4);
  /** {@code beta1}: MonoGAN's Adam beta1 (WGAN-GP: 0). */
  public static final ParamKey<Double> MONOGAN_BETA1 = ParamKey.ofDouble("beta1", 0.0);
  /** {@code beta2}: MonoGAN's Adam beta2 (WGAN-GP: 0.9). */
  public static final ParamKey<Double> MONOGAN_BETA2 = ParamKey.ofDouble("beta2", 0.9);
  /** {@code gp_lambda}: weight of the gradient penalty on interpolates (WGAN-GP: 10). */
  public static final ParamKey<Double> GP_LAMBDA = ParamKey.ofDouble("gp_lambda", 10.0);
  /** {@code n_critic}: critic steps per generator step (WGAN-GP: 5). */
  public static final ParamKey<Integer> N_CRITIC = ParamKey.ofInt("n_critic", 5);
  /** {@code lr}: BiGAN's Adam learning rate for all three networks (BiGAN: 2e-4). */
  public static final ParamKey<Double> BIGAN_LR = ParamKey.ofDouble("lr", 2e-4);
  /** {@code beta1}: BiGAN's Adam beta1 (DCGAN and BiGAN: 0.5). */
  public static final ParamKey<Double> BIGAN_BETA1 = ParamKey.ofDouble("beta1", 0.5);
  /** {@code beta2}: BiGAN's Adam beta2 (0.999). */
  public static final ParamKey<Double> BIGAN_BETA2 = ParamKey.ofDouble("beta2", 0.999);
  /** {@code disc_width}: channels of the first conv of BiGAN's joint discriminator (64). */
  public static final ParamKey<Integer> DISC_WIDTH = ParamKey.ofInt("disc_width", 64);

  /** {@code z_dim}: size of the latent code, Gaussian N(0, 1) (128). */
  public static final ParamKey<Integer> Z_DIM = ParamKey.ofInt("z_dim", 128);
  /**
   * {@code gen_width}: channels of the DCGAN generator's last hidden layer; the layers before it
   * double it (64: 256, 128, 64 channels at 4, 8, 16 pixels for a 32-pixel output).
   */
  public static final ParamKey<Integer> GEN_WIDTH = ParamKey.ofInt("gen_width", 64);
  /**
   * {@code collapse_spread}: mode collapse is declared when the spread of a fixed batch of
   * generated samples (root mean per-pixel variance across the batch) falls below this fraction
   * of the real images' spread at the end of an epoch.
   */
  public static final ParamKey<Double> COLLAPSE_SPREAD = ParamKey.ofDouble("collapse_spread", 0.1);
  /**
   * {@code collapse_fail}: whether mode collapse fails the cell (permanently) instead of flagging
   * it; by default the cell finishes, is probed, and carries a {@code mode-collapse: ...} flag.
   */
  public static final ParamKey<Boolean> COLLAPSE_FAIL = ParamKey.ofBoolean("collapse_fail", false);
}
