package org.monosweep.trainer.methods.gan;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.monosweep.spec.Cell;
import org.monosweep.spec.ParamKeys;
import org.monosweep.trainer.train.CellFailure;

/**
 * A GAN cell's hyperparameters, read once from the cell and validated ({@link
 * org.monosweep.spec.MethodParams} declares them and their defaults).
 *
 * @param learningRate Adam's learning rate, constant
 * @param beta1 Adam's beta1
 * @param beta2 Adam's beta2
 * @param zDim latent size
 * @param generatorWidth the generator's last hidden width
 * @param discriminatorWidth BiGAN's discriminator width (unused by MonoGAN)
 * @param lambda gradient penalty weight (MonoGAN)
 * @param criticSteps critic steps per generator step (MonoGAN; 1 for BiGAN)
 * @param collapseSpread mode-collapse threshold, a fraction of the real spread
 * @param collapseFails whether mode collapse fails the cell
 * @param lossEvery steps between reads of the losses
 * @param nativeAugmentation whether the method's native augmentation applies
 */
record GanSettings(double learningRate, double beta1, double beta2, int zDim, int generatorWidth,
    int discriminatorWidth, double lambda, int criticSteps, double collapseSpread,
    boolean collapseFails, int lossEvery, boolean nativeAugmentation) {

  GanSettings {
    check(learningRate > 0 && Double.isFinite(learningRate), "lr must be > 0, got " + learningRate);
    check(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1), got " + beta1);
    check(beta2 >= 0 && beta2 < 1, "beta2 must be in [0, 1), got " + beta2);
    check(zDim >= 1, "z_dim must be >= 1, got " + zDim);
    check(generatorWidth >= 1, "gen_width must be >= 1, got " + generatorWidth);
    check(discriminatorWidth >= 1, "disc_width must be >= 1, got " + discriminatorWidth);
    check(lambda >= 0 && Double.isFinite(lambda), "gp_lambda must be >= 0, got " + lambda);
    check(criticSteps >= 1, "n_critic must be >= 1, got " + criticSteps);
    check(collapseSpread >= 0 && collapseSpread < 1,
        "collapse_spread must be in [0, 1), got " + collapseSpread);
    lossEvery = Math.max(1, lossEvery);
  }

  /** MonoGAN's settings (WGAN-GP defaults). */
  static GanSettings monogan(Cell cell) {
    return new GanSettings(cell.get(ParamKeys.LEARNING_RATE), cell.get(ParamKeys.BETA1),
        cell.get(ParamKeys.BETA2), cell.get(ParamKeys.Z_DIM),
        cell.get(ParamKeys.GEN_WIDTH), ParamKeys.DISC_WIDTH.defaultValue(),
        cell.get(ParamKeys.GP_LAMBDA), cell.get(ParamKeys.N_CRITIC),
        cell.get(ParamKeys.COLLAPSE_SPREAD),
        cell.get(ParamKeys.COLLAPSE_FAIL), cell.get(ParamKeys.LOSS_READ_INTERVAL),
        cell.get(ParamKeys.NATIVE_AUGMENTATION));
  }

  /** BiGAN's settings. */
  static GanSettings bigan(Cell cell) {
    return new GanSettings(cell.get(ParamKeys.LEARNING_RATE), cell.get(ParamKeys.BETA1),
        cell.get(ParamKeys.BETA2), cell.get(ParamKeys.Z_DIM),
        cell.get(ParamKeys.GEN_WIDTH), cell.get(ParamKeys.DISC_WIDTH), 0, 1,
        cell.get(ParamKeys.COLLAPSE_SPREAD),
        cell.get(ParamKeys.COLLAPSE_FAIL), cell.get(ParamKeys.LOSS_READ_INTERVAL),
        cell.get(ParamKeys.NATIVE_AUGMENTATION));
  }

  /** A fresh Adam optimiser with these settings; no weight decay, constant rate. */
  Optimizer adam() {
    return Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) learningRate))
        .optBeta1((float) beta1).optBeta2((float) beta2).build();
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw CellFailure.permanent(message);
    }
  }
}
