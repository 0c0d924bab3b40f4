package org.monosweep.trainer.methods.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.monosweep.spec.Cell;
import org.monosweep.spec.Method;
import org.monosweep.trainer.data.TrainingImages;
import org.monosweep.trainer.model.Seeds;
import org.monosweep.trainer.train.MethodTrainer;
import org.monosweep.trainer.train.TrainingJob;
import org.monosweep.trainer.train.TrainingOutcome;

/**
 * BiGAN ({@link BiGan}): the job's encoder is BiGAN's encoder E and is trained in place, so the
 * run probes it directly. Its codes are standardised over each batch ({@link BiGan#codes}), and
 * its head starts whitened so that they have the prior's covariance ({@link BiGan#calibrate}).
 * Native augmentation: random crops (4-pixel padding) and flips. The paper's S = 128 setting is
 * an AlexNet cell with {@code input_size = 128}: N-source patches are rendered at 128 pixels,
 * and generator and discriminator follow the encoder's side.
 *
 * <p>Reported per epoch: {@code loss} (the discriminator's, which the progress line shows),
 * {@code generator_loss} (the encoder-generator loss), {@code images_per_second} and
 * {@code sample_spread} ({@link ModeCollapse}).
 */
final class BiGanTrainer implements MethodTrainer {
  /**
   * Images per encoder pass while calibrating: BatchNorm statistics of a batch near a training
   * batch's, and a bounded pass for large inputs.
   */
  private static final int CALIBRATION_BATCH = 256;

  @Override
  public Method method() {
    return Method.BIGAN;
  }

  @Override
  public TrainingOutcome train(TrainingJob job) {
    Cell cell = job.cell();
    GanSettings settings = GanSettings.bigan(cell);
    return GanLoop.train(job, Method.BIGAN, settings, (images, own) -> {
      BiGan gan = BiGan.create(job.encoder(), settings, own, cell.seed());
      calibrate(gan, images, own, cell.seed());
      return new Model(gan, own);
    });
  }

  // a restored checkpoint overwrites the calibrated head, as it should
  private static void calibrate(BiGan gan, TrainingImages images, NDManager manager, long seed) {
    // as many as whitening needs: 1,024 at the default z_dim of 128
    int total = BiGan.WHITENING_ROWS_PER_DIM * gan.zDim();
    if (images.size() < total) {
      return; // too few distinct images to estimate the codes' covariance
    }
    try (NDManager pass = manager.newSubManager()) {
      NDList codes = new NDList();
      for (int from = 0; from < total; from += CALIBRATION_BATCH) {
        try (NDManager batch = pass.newSubManager()) {
          NDArray real = RealSample.array(images, Math.min(CALIBRATION_BATCH, total - from),
              Seeds.derive(seed, "bigan:calibration:" + from), batch);
          NDArray batchCodes = gan.headOutputs(batch, real);
          batchCodes.attach(pass);
          codes.add(batchCodes);
        }
      }
      gan.calibrate(pass, NDArrays.concat(codes));
    }
  }

  /** {@link BiGan} with its loss log. */
  static final class Model implements GanModel {
    private final BiGan gan;
    private final LossLog losses;
    private final HostBuffer codes = new HostBuffer();

    Model(BiGan gan, NDManager manager) {
      this.gan = gan;
      this.losses = new LossLog("discriminator", 2, manager);
    }

    @Override
    public Gan gan() {
      return gan;
    }

    @Override
    public void step(NDManager step, NDArray real, long index, Random noise) {
      int batch = Math.toIntExact(real.getShape().get(0));
      losses.add(index, gan.step(step, real, codes.wrap(step,
          GanLoop.gaussian(noise, batch * gan.zDim()), new Shape(batch, gan.zDim()))));
    }

    @Override
    public void drain(int epoch, long firstStepOfEpoch) {
      losses.drain(epoch, firstStepOfEpoch);
    }

    @Override
    public Map<String, Double> endEpoch() {
      Map<String, Double> means = new LinkedHashMap<>();
      means.put("loss", losses.mean(0));
      means.put("generator_loss", losses.mean(1));
      losses.startEpoch();
      return means;
    }

    @Override
    public void close() {
      losses.close();
    }
  }
}
