package org.monosweep.trainer.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.monosweep.protocol.CellResult.EpochMetric;
import org.monosweep.spec.Cell;
import org.monosweep.spec.Method;
import org.monosweep.spec.ParamKeys;
import org.monosweep.trainer.data.Batch;
import org.monosweep.trainer.data.BatchPrefetcher;
import org.monosweep.trainer.data.EpochPlan;
import org.monosweep.trainer.data.NativeAugmentation;
import org.monosweep.trainer.data.TrainingImages;
import org.monosweep.trainer.model.ConvEncoder;
import org.monosweep.trainer.model.Heads;
import org.monosweep.trainer.model.Initialization;
import org.monosweep.trainer.model.Seeds;

/**
 * Trains the encoder with a pooled linear head and softmax cross-entropy on a
 * {@link ClassifierTask}: RotNet (rotation prediction) and supervised (labels).
 *
 * <p>One step takes a batch of {@code batch} source images (the budget's batch size) from a
 * {@link BatchPrefetcher} (read and natively augmented off the training thread, in the
 * {@link EpochPlan}'s seeded order), expands it by the task (x4 for RotNet) and takes one
 * optimiser step. An epoch is {@code floor(d / batch)} steps. A step's arrays live on a
 * sub-manager closed at its end; the loss is read every
 * {@link ParamKeys#LOSS_READ_INTERVAL} steps.
 */
final class ClassifierTrainer implements MethodTrainer {
  private final Method method;
  private final IntFunction<ClassifierTask> tasks;

  /**
   * @param method the method implemented
   * @param tasks the task for a training set with the given class count
   */
  ClassifierTrainer(Method method, IntFunction<ClassifierTask> tasks) {
    this.method = method;
    this.tasks = tasks;
  }

  @Override
  public Method method() {
    return method;
  }

  @Override
  public TrainingOutcome train(TrainingJob job) {
    Cell cell = job.cell();
    TrainingImages images = job.images();
    ConvEncoder encoder = job.encoder();
    int side = encoder.architecture().inputSide();
    if (images == null || images.size() < 1) {
      throw CellFailure.permanent(method + " needs training images, got none");
    }
    if (images.side() != side) {
      throw CellFailure.permanent("training images are " + images.side() + "x" + images.side()
          + " but the encoder takes " + side + "x" + side);
    }
    ClassifierTask task = tasks.apply(images.classes());
    if (task.needsLabels() && !images.labelled()) {
      throw CellFailure.permanent(method + " needs a labelled training split");
    }
    int batch = Math.min(cell.budget().batchSize(), images.size());
    int stepsPerEpoch = images.size() / batch;
    int epochs = cell.budget().epochs();
    OptimizerSettings optimizer = OptimizerSettings.of(cell);

    try (NDManager own = job.manager().newSubManager()) {
      Block head = Heads.pooledLinear(task.classes());
      Initialization.seeded(head, own, Seeds.derive(cell.seed(), "head:" + method.label()),
          encoder.outputShapes(1));
      Block network = Heads.withHead(encoder, head);
      int done = restore(job, network, own);
      Optimizer updater = optimizer.build(epochs * stepsPerEpoch, done * stepsPerEpoch);
      DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
          .optOptimizer(updater)
          .optDevices(new Device[] {own.getDevice()});
      try (Model model = Model.newInstance(method.label(), own.getDevice(),
              own.getEngine().getEngineName());
          Trainer trainer = newTrainer(model, network, config)) {
        return new Loop(job, trainer, updater, network, task, batch).run(done, epochs);
      }
    }
  }

  private static Trainer newTrainer(Model model, Block network, DefaultTrainingConfig config) {
    model.setBlock(network);
    return model.newTrainer(config);
  }

  private static int restore(TrainingJob job, Block network, NDManager manager) {
    try {
      return job.checkpoints().restore(network, manager);
    } catch (IOException e) {
      throw new CellFailure("cannot restore checkpoint: " + e.getMessage(), true, e);
    }
  }

  /** The state of one training run. */
  private final class Loop {
    private final TrainingJob job;
    private final Trainer trainer;
    private final Block network;
    private final ClassifierStep classifierStep;
    private final ClassifierTask task;
    private final int batch;
    private final int side;
    private final int readEvery;
    private final NativeAugmentation augmentation;
    private final float[] expanded;
    private final long[] targets;
    // Reused input buffers: on CPU the engine aliases a direct buffer instead of copying it.
    // Safe because a step's arrays are closed before the next step refills them.
    private final ByteBuffer input;
    private final ByteBuffer target;
    private final Shape inputShape;
    private final Shape targetShape;

    Loop(TrainingJob job, Trainer trainer, Optimizer updater, Block network,
        ClassifierTask task, int batch) {
      this.job = job;
      this.trainer = trainer;
      this.network = network;
      this.classifierStep = new ClassifierStep(trainer, updater, network);
      this.task = task;
      this.batch = batch;
      this.side = job.encoder().architecture().inputSide();
      this.readEvery = Math.max(1, job.cell().get(ParamKeys.LOSS_READ_INTERVAL));
      this.augmentation = job.cell().get(ParamKeys.NATIVE_AUGMENTATION)
          ? NativeAugmentation.forMethod(method)
          : NativeAugmentation.none();
      int rows = batch * task.copies();
      int imageSize = 3 * side * side;
      this.expanded = new float[rows * imageSize];
      this.targets = new long[rows];
      this.input = ByteBuffer.allocateDirect(rows * imageSize * 4).order(ByteOrder.nativeOrder());
      this.target = ByteBuffer.allocateDirect(rows * 8).order(ByteOrder.nativeOrder());
      this.inputShape = new Shape(rows, 3, side, side);
      this.targetShape = new Shape(rows);
    }

    TrainingOutcome run(int firstEpoch, int epochs) {
      Cell cell = job.cell();
      List<EpochMetric> metrics = new ArrayList<>();
      long step = 0;
      long seen = 0;
      try (LossWindow window = new LossWindow(trainer.getManager())) {
        for (int epoch = firstEpoch + 1; epoch <= epochs; epoch++) {
          EpochPlan plan = new EpochPlan(batch, cell.seed(), epoch - 1, true);
          window.startEpoch();
          long start = System.nanoTime();
          int steps = 0;
          try (BatchPrefetcher batches = BatchPrefetcher.create(job.images(), plan, augmentation,
              job.loading().executor(), job.loading().lookahead())) {
            while (batches.hasNext()) {
              if (job.context().cancelled().getAsBoolean()) {
                throw new CellFailure("interrupted", true, null);
              }
              Batch b = batches.next();
              task.expand(b.pixels(), b.labels(), b.size(), side, expanded, targets);
              step(window);
              steps++;
              if (steps % readEvery == 0) {
                window.drain(epoch);
              }
            }
          }
          window.drain(epoch);
          step += steps;
          double seconds = (System.nanoTime() - start) / 1e9;
          long epochImages = (long) steps * batch * task.copies();
          seen += epochImages;
          double perSecond = epochImages / seconds;
          double meanLoss = window.meanLoss();
          long globalStep = (long) (epoch - 1) * steps + steps;
          metrics.add(new EpochMetric("train", epoch, globalStep, "loss", meanLoss));
          metrics.add(new EpochMetric("train", epoch, globalStep, "images_per_second", perSecond));
          metrics.add(new EpochMetric("train", epoch, globalStep, "train_accuracy",
              window.correct() / epochImages));
          job.context().progress().onEpoch("train", epoch, epochs, meanLoss, perSecond);
          save(epoch);
        }
      }
      return new TrainingOutcome(metrics, List.of(), step, seen);
    }

    private void step(LossWindow window) {
      try (NDManager stepManager = trainer.getManager().newSubManager()) {
        input.clear();
        input.asFloatBuffer().put(expanded);
        target.clear();
        target.asLongBuffer().put(targets);
        NDArray x = stepManager.create(input, inputShape, DataType.FLOAT32);
        NDArray y = stepManager.create(target, targetShape, DataType.INT64);
        classifierStep.run(x, y, window);
      }
    }

    private void save(int epoch) {
      try {
        job.checkpoints().save(epoch, network);
      } catch (IOException e) {
        throw new CellFailure("cannot save checkpoint of epoch " + epoch + ": " + e.getMessage(),
            true, e);
      }
    }
  }
}
