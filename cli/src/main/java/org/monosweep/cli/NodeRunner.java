package org.monosweep.cli;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Assembles what a node needs to run cells: the dataset catalog (each dataset read once per
 * JVM), the pool that renders augmented patches, and the training run.
 */
final class NodeRunner implements AutoCloseable {
  private final ExecutorService dataPool;
  private final CellRunner cellRunner;

  private NodeRunner(ExecutorService dataPool, CellRunner cellRunner) {
    this.dataPool = dataPool;
    this.cellRunner = cellRunner;
  }

  static NodeRunner create(Config config, RunsLayout layout) {
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
    return new NodeRunner(pool, runner);
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

  CellRunner cellRunner() {
    return cellRunner;
  }

  @Override
  public void close() {
    dataPool.shutdownNow();
  }
}
