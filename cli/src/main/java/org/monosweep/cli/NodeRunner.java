package org.monosweep.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.monosweep.gpunode.process.CellProcessSettings;
import org.monosweep.gpunode.process.ProcessCellRunner;
import org.monosweep.gpunode.process.SlotLayout;
import org.monosweep.onnx.export.ExportSettings;
import org.monosweep.onnx.export.OnnxExport;
import org.monosweep.trainer.data.CellImages;
import org.monosweep.trainer.data.DataSettings;
import org.monosweep.trainer.data.DatasetCatalog;
import org.monosweep.trainer.methods.cluster.ClusterTrainers;
import org.monosweep.trainer.methods.gan.GanTrainers;
import org.monosweep.trainer.train.CellData;
import org.monosweep.trainer.train.CellRunner;
import org.monosweep.trainer.train.Checkpoints;
import org.monosweep.trainer.train.DataLoading;
import org.monosweep.trainer.train.MethodTrainer;
import org.monosweep.trainer.train.MethodTrainers;
import org.monosweep.trainer.train.TrainingRun;

/**
 * Assembles what a node needs to run cells. With {@code monosweep.gpu-node.cell-process} on
 * (the default), every cell runs in a child process started through {@link CellProcessMain};
 * otherwise, and inside that child, in this JVM: the dataset catalog (each dataset read once per
 * JVM), the pool that renders augmented patches, and the training run.
 */
final class NodeRunner implements AutoCloseable {
  /** The child's main class, started with this JVM's class path. */
  static final String CELL_PROCESS_MAIN = CellProcessMain.class.getName();
  private final ExecutorService dataPool;
  private final List<CellRunner> slotRunners;

  private NodeRunner(ExecutorService dataPool, List<CellRunner> slotRunners) {
    this.dataPool = dataPool;
    this.slotRunners = List.copyOf(slotRunners);
  }

  /** One slot with the engine's default threads: cells in child processes or in this JVM. */
  static NodeRunner create(Config config, RunsLayout layout) {
    return create(config, layout, SlotLayout.cpu(1, 0));
  }

  /**
   * A runner per slot of {@code slots}: cells in child processes on each slot's device and
   * threads, or, with cell processes off, every slot in this JVM (one slot only makes sense
   * then: DJL allows one training at a time per JVM).
   */
  static NodeRunner create(Config config, RunsLayout layout, SlotLayout slots) {
    CellProcessSettings processes = CellProcessSettings.create(config);
    return processes.enabled() ? inChildProcesses(config, processes, layout, slots)
        : inThisProcess(config, layout);
  }

  /**
   * Cells in child processes of this JVM's Java, class path and settings.
   *
   * @throws java.io.UncheckedIOException when the children's settings cannot be written
   */
  static NodeRunner inChildProcesses(Config config, CellProcessSettings processes,
      RunsLayout layout, SlotLayout slots) {
    Path settingsFile = layout.root().resolve("cell-process.conf");
    try {
      Files.createDirectories(layout.root());
      // only monosweep's own settings: the child's JVM has its own properties and class path
      Files.writeString(settingsFile, config.getConfig("monosweep").atPath("monosweep").root()
          .render(ConfigRenderOptions.concise().setJson(false)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + settingsFile, e);
    }
    List<CellRunner> runners = new ArrayList<>();
    for (SlotLayout.Slot slot : slots.slots()) {
      int threads = slot.threads() > 0 ? slot.threads() : processes.threads();
      List<String> command = new ArrayList<>();
      command.add(ProcessHandle.current().info().command().orElse("java"));
      command.addAll(processes.jvmOptions());
      command.add("-Dlogback.configurationFile=logback-cell.xml");
      command.add("-Dai.djl.offline=true");
      Map<String, String> environment = new HashMap<>(slot.environment());
      // libgomp spin-waits without it, and DJL then trains 4-10x slower under load
      environment.put("OMP_WAIT_POLICY", "PASSIVE");
      if (threads > 0) {
        environment.put("OMP_NUM_THREADS", Integer.toString(threads));
        command.add("-Dai.djl.pytorch.num_threads=" + threads);
      }
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), CELL_PROCESS_MAIN,
          "--runs", layout.root().toAbsolutePath().toString(),
          "--config", settingsFile.toAbsolutePath().toString()));
      runners.add(ProcessCellRunner.create(command, environment, processes.silence(),
          processes.stopGrace()));
    }
    return new NodeRunner(null, runners);
  }

  /** Cells in this JVM: what a cell process runs, and a node with cell processes off. */
  static NodeRunner inThisProcess(Config config, RunsLayout layout) {
    DataSettings settings = DataSettings.create(config);
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(settings.parallelism(), task -> {
      Thread thread = new Thread(task, "monosweep-data-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    DatasetCatalog catalog = DatasetCatalog.create();
    CellImages images = CellImages.create(catalog, settings, pool, layout.patchCache());
    CellData data = CellData.create(images, catalog);
    CellRunner runner = TrainingRun.builder()
        .setData(data)
        .optTrainers(trainers())
        .optDataLoading(new DataLoading(pool, settings.prefetchBatches()))
        // A retried cell continues from its last finished epoch instead of starting over.
        .optCheckpoints(context -> Checkpoints.inFolder(context.workDir().resolve("checkpoints")))
        .optExporter(OnnxExport.cellExporter(ExportSettings.create(config),
            cell -> classNames(data, cell)))
        .build();
    return new NodeRunner(pool, List.of(runner));
  }

  /** Every method a node can train. */
  static List<MethodTrainer> trainers() {
    List<MethodTrainer> trainers = new ArrayList<>(MethodTrainers.builtIn());
    trainers.add(ClusterTrainers.deepcluster());
    trainers.add(GanTrainers.monogan());
    trainers.add(GanTrainers.bigan());
    return List.copyOf(trainers);
  }

  private static java.util.List<String> classNames(CellData data, org.monosweep.spec.Cell cell) {
    try {
      return data.probeTest(cell).classNames();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Slot 1's runner. */
  CellRunner cellRunner() {
    return slotRunners.get(0);
  }

  /** The runner of slot {@code number} (1-based); every slot shares one in this JVM. */
  CellRunner cellRunner(int number) {
    return slotRunners.get(Math.min(number, slotRunners.size()) - 1);
  }

  @Override
  public void close() {
    if (dataPool != null) {
      dataPool.shutdownNow();
    }
  }
}
