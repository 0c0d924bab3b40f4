package org.monosweep.trainer.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.monosweep.protocol.CellResult.EpochMetric;
import org.monosweep.protocol.CellResult.ProbeAccuracy;
import org.monosweep.protocol.CellResult;
import org.monosweep.spec.Cell;
import org.monosweep.spec.Method;
import org.monosweep.spec.ParamKeys;
import org.monosweep.trainer.data.DatasetException;
import org.monosweep.trainer.data.TrainingImages;
import org.monosweep.trainer.model.ConvEncoder;
import org.monosweep.trainer.model.EncoderArchitecture;
import org.monosweep.trainer.model.FoldedEncoder;
import org.monosweep.trainer.model.Seeds;
import org.monosweep.trainer.probe.LayerProbe;
import org.monosweep.trainer.probe.LinearProbes;
import org.monosweep.trainer.probe.ProbeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link Cell} into a {@link CellResult}: builds the encoder and initialises it from the
 * cell's seed, trains it with the cell's {@link MethodTrainer}, folds BatchNorm into the convs,
 * trains a linear probe on every conv layer of the folded encoder, hands the folded encoder and
 * probes to the {@link CellExporter}, and reports. Every model, trainer and NDManager it or its
 * trainers create is closed before {@link #run} returns.
 *
 * <p>Failures: an unknown method or encoder, or unusable data, is a permanent
 * {@link CellFailure}; cancellation is {@code CellFailure("interrupted", retryable)};
 * divergence is permanent ({@code "diverged: loss NaN at epoch e step s"}); anything
 * unexpected is retryable.
 *
 * <p>Determinism: encoder, heads and probes are initialised, and data order and native
 * augmentation drawn, from the cell's seed in Java, identically on every machine. The engine's
 * float arithmetic (multi-threaded reductions, oneDNN/cuDNN algorithm choice) may differ between
 * machines, thread counts and devices, so trained weights and accuracies are reproducible on
 * the same machine and thread count, and otherwise equal only up to rounding that training can
 * amplify.
 *
 * <p>Thread-safe: {@link #run} keeps no state between calls, so one instance may serve several
 * slots (each call on its own thread and device).
 */
public final class TrainingRun implements CellRunner {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
  private static final AtomicBoolean SPIN_WARNING_GIVEN = new AtomicBoolean();

  private final CellData data;
  private final Map<Method, MethodTrainer> trainers;
  private final CellExporter exporter;
  private final Function<CellRunContext, Checkpoints> checkpoints;
  private final Device device;
  private final LinearProbes.Backend probeBackend;
  private final DataLoading loading;

  private TrainingRun(Builder builder) {
    this.data = builder.data;
    this.trainers = new EnumMap<>(Method.class);
    builder.trainers.forEach(t -> trainers.put(t.method(), t));
    this.exporter = builder.exporter;
    this.checkpoints = builder.checkpoints;
    this.device = builder.device;
    this.probeBackend = builder.probeBackend;
    this.loading = builder.loading;
  }

  /** A run with the built-in trainers, no export, no checkpoints, on the engine's default device. */
  public static TrainingRun create(CellData data) {
    return builder().setData(data).build();
  }

  /** A builder: {@code setData} is required, the rest optional. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public CellResult run(Cell cell, CellRunContext context) {
    MethodTrainer trainer = trainers.get(cell.method());
    if (trainer == null) {
      throw CellFailure.permanent("method " + cell.method().label() + " not implemented yet");
    }
    EncoderArchitecture architecture;
    try {
      architecture = architecture(cell);
    } catch (IllegalArgumentException e) {
      throw CellFailure.permanent(e.getMessage());
    }
    warnIfSpinning();
    try (NDManager manager = NDManager.newBaseManager(device, "PyTorch")) {
      return run(cell, context, trainer, architecture, manager);
    } catch (CancellationException e) {
      throw new CellFailure("interrupted", true, e);
    } catch (IOException | DatasetException e) {
      throw new CellFailure("data: " + e.getMessage(), false, e);
    } catch (CellFailure e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CellFailure("unexpected: " + e, true, e);
    }
  }

  private CellResult run(Cell cell, CellRunContext context, MethodTrainer trainer,
      EncoderArchitecture architecture, NDManager manager) throws IOException {
    ConvEncoder encoder = ConvEncoder.create(architecture);
    encoder.initialize(manager, Seeds.derive(cell.seed(), "encoder"));

    long trainStart = System.nanoTime();
    TrainingImages images = trainer.needsImages() ? data.training(cell) : null;
    TrainingOutcome outcome = trainer.train(new TrainingJob(cell, encoder, images, manager,
        context, checkpoints.apply(context), loading));
    double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
    if (context.cancelled().getAsBoolean()) {
      throw new CellFailure("interrupted", true, null);
    }

    long probeStart = System.nanoTime();
    FoldedEncoder folded = FoldedEncoder.fold(encoder);
    TrainingImages probeTrain = data.probeTrain(cell);
    TrainingImages probeTest = data.probeTest(cell);
    List<EpochMetric> metrics = new ArrayList<>(outcome.metrics());
    ProbeListener listener = (layer, epoch, epochs, loss, perSecond) -> {
      String phase = "probe:" + layer;
      metrics.add(new EpochMetric(phase, epoch, epoch, "loss", loss));
      metrics.add(new EpochMetric(phase, epoch, epoch, "samples_per_second", perSecond));
      context.progress().onEpoch(phase, epoch, epochs, loss, perSecond);
    };
    List<LayerProbe> probes;
    try {
      probes = LinearProbes.create(cell.probe(), Seeds.derive(cell.seed(), "probes"))
          .withBackend(probeBackend)
          .probeAll(folded, probeTrain, probeTest, manager, listener, context.cancelled());
    } catch (IllegalArgumentException e) {
      throw CellFailure.permanent("probe data: " + e.getMessage());
    }
    double probeSeconds = (System.nanoTime() - probeStart) / 1e9;

    List<ProbeAccuracy> accuracies = new ArrayList<>();
    for (LayerProbe probe : probes) {
      accuracies.add(new ProbeAccuracy(probe.layer(), probe.top1(), probe.epochs(),
          probe.featureDim()));
    }
    List<CellResult.ArtifactRef> artifacts = exporter.export(cell, folded, probes, context);
    return new CellResult(accuracies, metrics, artifacts, trainSeconds, probeSeconds,
        outcome.flags());
  }

  /**
   * The encoder architecture of {@code cell}: its encoder kind at its {@code input_size}
   * ({@link ParamKeys#INPUT_SIZE}).
   *
   * @throws IllegalArgumentException for an encoder not built yet or a side it does not take
   */
  static EncoderArchitecture architecture(Cell cell) {
    return EncoderArchitecture.of(cell.encoder(), cell.get(ParamKeys.INPUT_SIZE));
  }

  private static void warnIfSpinning() {
    if (!"PASSIVE".equalsIgnoreCase(System.getenv("OMP_WAIT_POLICY"))
        && SPIN_WARNING_GIVEN.compareAndSet(false, true)) {
      LOG.warn("OMP_WAIT_POLICY is not PASSIVE: libtorch's OpenMP threads spin and training runs"
          + " 4-10x slower whenever another thread is busy; set it in the launcher's environment");
    }
  }

  /** Builds a {@link TrainingRun}. */
  public static final class Builder {
    private CellData data;
    private List<MethodTrainer> trainers = MethodTrainers.builtIn();
    private CellExporter exporter = CellExporter.none();
    private Function<CellRunContext, Checkpoints> checkpoints = context -> Checkpoints.none();
    private Device device;
    private LinearProbes.Backend probeBackend = LinearProbes.Backend.NATIVE;
    private DataLoading loading;

    private Builder() {}

    /** Where images come from (required). */
    public Builder setData(CellData data) {
      this.data = Objects.requireNonNull(data, "data");
      return this;
    }

    /**
     * The trainers by method (default {@link MethodTrainers#builtIn()}); a later trainer for
     * the same method replaces an earlier one. Methods without a trainer fail permanently.
     */
    public Builder optTrainers(List<MethodTrainer> trainers) {
      this.trainers = List.copyOf(trainers);
      return this;
    }

    /** What to write once a cell's probes are done (default nothing). */
    public Builder optExporter(CellExporter exporter) {
      this.exporter = Objects.requireNonNull(exporter, "exporter");
      return this;
    }

    /** The checkpoint store of a cell, given its context (default none). */
    public Builder optCheckpoints(Function<CellRunContext, Checkpoints> checkpoints) {
      this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
      return this;
    }

    /** The device to train on (default the PyTorch engine's default device: GPU 0 if any). */
    public Builder optDevice(Device device) {
      this.device = Objects.requireNonNull(device, "device");
      return this;
    }

    /** Where probes train (default {@link LinearProbes.Backend#NATIVE}). */
    public Builder optProbeBackend(LinearProbes.Backend backend) {
      this.probeBackend = Objects.requireNonNull(backend, "backend");
      return this;
    }

    /**
     * Where batches are prepared ahead of the trainer (default: the common fork-join pool, 2
     * batches ahead). Pass the node's data pool and {@code DataSettings.prefetchBatches()}.
     */
    public Builder optDataLoading(DataLoading loading) {
      this.loading = Objects.requireNonNull(loading, "loading");
      return this;
    }

    /** The run. */
    public TrainingRun build() {
      Objects.requireNonNull(data, "setData is required");
      if (device == null) {
        device = Engine.getEngine("PyTorch").defaultDevice();
      }
      if (loading == null) {
        loading = new DataLoading(ForkJoinPool.commonPool(), 2);
      }
      return new TrainingRun(this);
    }
  }
}
