package org.monosweep.trainer.methods.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.monosweep.protocol.CellResult.EpochMetric;
import org.monosweep.spec.Cell;
import org.monosweep.spec.Method;
import org.monosweep.trainer.data.Batch;
import org.monosweep.trainer.data.BatchPrefetcher;
import org.monosweep.trainer.data.EpochPlan;
import org.monosweep.trainer.data.NativeAugmentation;
import org.monosweep.trainer.data.TrainingImages;
import org.monosweep.trainer.model.Seeds;
import org.monosweep.trainer.train.CellFailure;
import org.monosweep.trainer.train.TrainingJob;
import org.monosweep.trainer.train.TrainingOutcome;

/**
 * The set-up and epoch loop shared by the GANs: checks the job's images, builds the method's
 * model ({@link GanSetUp}) on its own manager with autograd paused, restores the last
 * checkpoint, walks each epoch's batches in the {@link EpochPlan}'s seeded order (prepared ahead
 * by a {@link BatchPrefetcher}, with the method's native augmentation when {@code native_aug} is
 * on), runs one {@link GanModel} step per batch on a sub-manager closed after it, reads the
 * losses every {@code loss_every} steps, and after every epoch checks for mode collapse, reports
 * progress and metrics, and saves a checkpoint.
 *
 * <p>An epoch is {@code floor(d / batch)} steps, each on a fresh batch of real images: for
 * MonoGAN a critic step (a generator step follows every {@code n_critic}), for BiGAN one
 * discriminator and one encoder-generator step. Images per second count real images.
 *
 * <p>Noise is drawn in Java from a generator seeded by (cell seed, method, epoch), so a run
 * resumed at epoch e draws what an uninterrupted run would have drawn.
 */
final class GanLoop {
  /** Generated images measured for mode collapse each epoch. */
  static final int SAMPLE_COUNT = 64;
  // a failure reason stays one readable line
  private static final int NAMED_PARAMETERS = 5;

  private GanLoop() {}

  /**
   * Checks that {@code job} has training images of the encoder's side.
   *
   * @throws CellFailure permanently when it does not
   */
  static TrainingImages images(TrainingJob job, Method method) {
    TrainingImages images = job.images();
    int side = job.encoder().architecture().inputSide();
    if (images == null || images.size() < 1) {
      throw CellFailure.permanent(method + " needs training images, got none");
    }
    if (images.side() != side) {
      throw CellFailure.permanent("training images are " + images.side() + "x" + images.side()
          + " but the encoder takes " + side + "x" + side);
    }
    try {
      Generator.stages(side);
    } catch (IllegalArgumentException e) {
      throw CellFailure.permanent(method + ": " + e.getMessage());
    }
    return images;
  }

  /**
   * Trains the model {@code setUp} builds for the cell's budget, on a sub-manager of the job's
   * with autograd paused, and reports.
   *
   * @throws CellFailure permanently when the job's images do not suit the encoder
   */
  static TrainingOutcome train(TrainingJob job, Method method, GanSettings settings,
      GanSetUp setUp) {
    TrainingImages images = images(job, method);
    try (NDManager own = job.manager().newSubManager();
        Autograd.Mode paused = Autograd.paused();
        GanModel model = setUp.create(images, own)) {
      TrainingOutcome outcome = run(job, method, settings, model, own, images);
      model.finish(job);
      return outcome;
    }
  }

  private static TrainingOutcome run(TrainingJob job, Method method, GanSettings settings,
      GanModel model, NDManager manager, TrainingImages images) {
    Cell cell = job.cell();
    int side = images.side();
    int batch = Math.min(cell.budget().batchSize(), images.size());
    int stepsPerEpoch = images.size() / batch;
    int epochs = cell.budget().epochs();
    NativeAugmentation augmentation = settings.nativeAugmentation()
        ? NativeAugmentation.forMethod(method)
        : NativeAugmentation.none();
    ModeCollapse collapse = ModeCollapse.of(images, settings.collapseSpread(),
        settings.collapseFails(), Seeds.derive(cell.seed(), method.label() + ":real-sample"));
    float[] sampleCodes = gaussian(new Random(Seeds.derive(cell.seed(),
        method.label() + ":sample-codes")), SAMPLE_COUNT * model.gan().zDim());
    Shape shape = new Shape(batch, 3, side, side);
    HostBuffer input = new HostBuffer();

    int done = restore(job, model, manager);
    List<EpochMetric> metrics = new ArrayList<>();
    long step = (long) done * stepsPerEpoch;
    long seen = 0;
    for (int epoch = done + 1; epoch <= epochs; epoch++) {
      long firstStep = step + 1;
      Random noise = new Random(Seeds.derive(cell.seed(), method.label() + ":noise:" + epoch));
      long start = System.nanoTime();
      int steps = 0;
      try (BatchPrefetcher batches = BatchPrefetcher.create(images,
          new EpochPlan(batch, cell.seed(), epoch - 1, true), augmentation,
          job.loading().executor(), job.loading().lookahead())) {
        while (batches.hasNext()) {
          if (job.context().cancelled().getAsBoolean()) {
            throw new CellFailure("interrupted", true, null);
          }
          Batch b = batches.next();
          step++;
          steps++;
          try (NDManager stepManager = manager.newSubManager()) {
            model.step(stepManager, input.wrap(stepManager, b.pixels(), shape), step, noise);
          }
          if (steps % settings.lossEvery() == 0) {
            drain(model, epoch, firstStep);
          }
        }
      }
      drain(model, epoch, firstStep);
      double seconds = (System.nanoTime() - start) / 1e9;
      long epochImages = (long) steps * batch;
      seen += epochImages;
      double perSecond = epochImages / seconds;
      double spread = collapse.observe(epoch, samples(model, manager, sampleCodes),
          SAMPLE_COUNT, 3 * side * side);
      Map<String, Double> losses = model.endEpoch();
      for (Map.Entry<String, Double> loss : losses.entrySet()) {
        metrics.add(new EpochMetric("train", epoch, step, loss.getKey(), loss.getValue()));
      }
      metrics.add(new EpochMetric("train", epoch, step, "images_per_second", perSecond));
      metrics.add(new EpochMetric("train", epoch, step, "sample_spread", spread));
      job.context().progress().onEpoch("train", epoch, epochs, losses.get("loss"), perSecond);
      save(job, epoch, model);
    }
    return new TrainingOutcome(metrics, collapse.flags(), step - (long) done * stepsPerEpoch,
        seen);
  }

  /**
   * Reads the model's pending losses. A non-finite loss fails the cell naming, besides the step,
   * the parameters that are no longer finite: which network went first is what tells a
   * numerical fault in the method from one in an engine kernel.
   */
  static void drain(GanModel model, int epoch, long firstStepOfEpoch) {
    try {
      model.drain(epoch, firstStepOfEpoch);
    } catch (CellFailure failure) {
      List<String> broken = new ArrayList<>();
      for (Pair<String, Parameter> parameter : model.gan().networks().getParameters()) {
        // read on the host: a failing cell's last act, and it leaves no arrays behind
        for (float value : parameter.getValue().getArray().toFloatArray()) {
          if (!Float.isFinite(value)) {
            broken.add(parameter.getKey());
            break;
          }
        }
      }
      String named = broken.isEmpty() ? "none"
          : String.join(", ", broken.subList(0, Math.min(NAMED_PARAMETERS, broken.size())))
              + (broken.size() > NAMED_PARAMETERS
                  ? " and " + (broken.size() - NAMED_PARAMETERS) + " more" : "");
      throw new CellFailure(failure.getMessage() + "; parameters no longer finite: " + named,
          failure.retryable(), failure);
    }
  }

  /** {@code count} standard normal values. */
  static float[] gaussian(Random random, int count) {
    float[] values = new float[count];
    for (int i = 0; i < count; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }

  private static float[] samples(GanModel model, NDManager manager, float[] codes) {
    try (NDManager sample = manager.newSubManager()) {
      Gan gan = model.gan();
      NDArray z = sample.create(codes, new Shape(codes.length / gan.zDim(), gan.zDim()));
      return gan.generate(sample, z).toFloatArray();
    }
  }

  private static int restore(TrainingJob job, GanModel model, NDManager manager) {
    try {
      int done = job.checkpoints().restore(model.gan().networks(), manager);
      if (done > 0) {
        model.gan().afterRestore();
      }
      return done;
    } catch (IOException e) {
      throw new CellFailure("cannot restore checkpoint: " + e.getMessage(), true, e);
    }
  }

  private static void save(TrainingJob job, int epoch, GanModel model) {
    try {
      job.checkpoints().save(epoch, model.gan().networks());
    } catch (IOException e) {
      throw new CellFailure("cannot save checkpoint of epoch " + epoch + ": " + e.getMessage(),
          true, e);
    }
  }
}
