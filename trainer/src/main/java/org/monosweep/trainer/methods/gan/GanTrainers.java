package org.monosweep.trainer.methods.gan;

import org.monosweep.spec.ParamKeys;

import org.monosweep.trainer.train.MethodTrainer;

/**
 * The GAN methods as {@link MethodTrainer}s, to register with a
 * {@link org.monosweep.trainer.train.TrainingRun}. Hyperparameters: {@link
 * org.monosweep.spec.MethodParams}.
 */
public final class GanTrainers {
  private GanTrainers() {}

  /**
   * MonoGAN: WGAN-GP (gradient penalty 10 on interpolates, 5 critic steps per generator step,
   * Adam 1e-4 with betas 0 and 0.9) whose critic is the encoder's conv stack without
   * normalisation or biases plus one linear layer, scaled at the start to unit input gradients
   * at real images, against a DCGAN generator. The trained critic's convs
   * become the probed encoder. Stateless; may be shared by cells run one after another.
   */
  public static MethodTrainer monogan() {
    return new MonoGanTrainer();
  }

  /**
   * BiGAN: the encoder (plus a linear layer to a 128-value code), a DCGAN generator and a joint
   * discriminator D(x, z) trained adversarially (Adam 2e-4, betas 0.5 and 0.999); the codes are
   * standardised over each batch and the head starts whitened on real images; the encoder is
   * probed. Stateless; may be shared by cells run one after another.
   */
  public static MethodTrainer bigan() {
    return new BiGanTrainer();
  }
}
