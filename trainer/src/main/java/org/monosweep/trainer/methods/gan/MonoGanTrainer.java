package org.monosweep.trainer.methods.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.monosweep.spec.Cell;
import org.monosweep.spec.Method;
import org.monosweep.trainer.data.TrainingImages;
import org.monosweep.trainer.model.Seeds;
import org.monosweep.trainer.train.CellFailure;
import org.monosweep.trainer.train.MethodTrainer;
import org.monosweep.trainer.train.TrainingJob;
import org.monosweep.trainer.train.TrainingOutcome;

/**
 * MonoGAN: WGAN-GP ({@link WganGp}) whose critic's conv stack is the encoder's architecture.
 * The critic starts from the encoder's seeded conv weights, so an untrained MonoGAN's convs are
 * the same-seed random encoder, and its head is scaled so that the critic starts with the
 * input-gradient norm the penalty asks for ({@link WganGp#calibrate}); when training ends its
 * conv layers are written into the job's encoder ({@link EncoderWeights}), which is what the run
 * folds, probes and exports.
 *
 * <p>Reported per epoch: {@code loss} (the critic's loss, penalty included, which the progress
 * line shows), {@code generator_loss}, {@code wasserstein} (mean critic score of real minus
 * generated images, the critic's estimate of the distance), {@code gradient_penalty},
 * {@code gradient_norm} (mean input-gradient norm at the interpolates, which the penalty pulls
 * to 1), {@code images_per_second} (real images through critic steps) and
 * {@code sample_spread} ({@link ModeCollapse}).
 */
final class MonoGanTrainer implements MethodTrainer {
  /** Real images whose input gradients set the critic's starting scale. */
  static final int CALIBRATION_IMAGES = 64;

  @Override
  public Method method() {
    return Method.MONOGAN;
  }

  @Override
  public TrainingOutcome train(TrainingJob job) {
    Cell cell = job.cell();
    GanSettings settings = GanSettings.monogan(cell);
    if (job.encoder().architecture().hasMaxPools()) {
      // the critic's tangent pass (the penalty's gradient) covers conv and ReLU layers only
      throw CellFailure.permanent("monogan's critic is a plain conv stack (small4); "
          + job.encoder().architecture().name() + " has max-pools");
    }
    return GanLoop.train(job, Method.MONOGAN, settings, (images, own) -> {
      WganGp gan = WganGp.create(job.encoder().architecture(), settings, own, cell.seed());
      EncoderWeights.toCritic(job.encoder(), gan.critic());
      calibrate(gan, images, own, cell.seed());
      return new Model(gan, settings, own);
    });
  }

  // a restored checkpoint overwrites the calibrated head, as it should
  private static void calibrate(WganGp gan, TrainingImages images, NDManager manager, long seed) {
    try (NDManager pass = manager.newSubManager()) {
      gan.calibrate(pass, RealSample.array(images, CALIBRATION_IMAGES,
          Seeds.derive(seed, "monogan:calibration"), pass));
    } catch (IllegalStateException e) {
      throw CellFailure.permanent("monogan cannot start: " + e.getMessage());
    }
  }

  /** {@link WganGp} with its step schedule and loss logs. */
  static final class Model implements GanModel {
    private final WganGp gan;
    private final int criticSteps;
    private final LossLog critic;
    private final LossLog generator;
    private final HostBuffer criticCodes = new HostBuffer();
    private final HostBuffer alphas = new HostBuffer();
    private final HostBuffer generatorCodes = new HostBuffer();

    Model(WganGp gan, GanSettings settings, NDManager manager) {
      this.gan = gan;
      this.criticSteps = settings.criticSteps();
      this.critic = new LossLog("critic", 4, manager);
      this.generator = new LossLog("generator", 1, manager);
    }

    @Override
    public Gan gan() {
      return gan;
    }

    @Override
    public void step(NDManager step, NDArray real, long index, Random noise) {
      int batch = Math.toIntExact(real.getShape().get(0));
      Shape codeShape = new Shape(batch, gan.zDim());
      NDArray z = criticCodes.wrap(step, GanLoop.gaussian(noise, batch * gan.zDim()), codeShape);
      float[] alpha = new float[batch];
      for (int i = 0; i < batch; i++) {
        alpha[i] = noise.nextFloat();
      }
      critic.add(index, gan.criticStep(step, real, z,
          alphas.wrap(step, alpha, new Shape(batch, 1, 1, 1))));
      if (index % criticSteps == 0) {
        generator.add(index, gan.generatorStep(step, generatorCodes.wrap(step,
            GanLoop.gaussian(noise, batch * gan.zDim()), codeShape)));
      }
    }

    @Override
    public void drain(int epoch, long firstStepOfEpoch) {
      critic.drain(epoch, firstStepOfEpoch);
      generator.drain(epoch, firstStepOfEpoch);
    }

    @Override
    public Map<String, Double> endEpoch() {
      Map<String, Double> losses = new LinkedHashMap<>();
      losses.put("loss", critic.mean(0));
      losses.put("generator_loss", generator.mean(0));
      losses.put("wasserstein", critic.mean(1));
      losses.put("gradient_penalty", critic.mean(2));
      losses.put("gradient_norm", critic.mean(3));
      critic.startEpoch();
      generator.startEpoch();
      return losses;
    }

    // the run folds, probes and exports the job's encoder: give it the critic's convs
    @Override
    public void finish(TrainingJob job) {
      EncoderWeights.toEncoder(gan.critic(), job.encoder());
    }

    @Override
    public void close() {
      critic.close();
      generator.close();
    }
  }
}
