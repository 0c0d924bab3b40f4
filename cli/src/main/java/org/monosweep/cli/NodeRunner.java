package org.monosweep.cli;

import com.typesafe.config.Config;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.monosweep.gpunode.data.CellImages;
import org.monosweep.gpunode.data.DataSettings;
import org.monosweep.gpunode.data.DatasetCatalog;
import org.monosweep.gpunode.train.CellData;
import org.monosweep.gpunode.train.CellRunner;
import org.monosweep.gpunode.train.TrainingRun;

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
    CellImages images = CellImages.create(catalog, settings, pool);
    CellRunner runner = TrainingRun.builder()
        .setData(CellData.create(images, catalog))
        .build();
    return new NodeRunner(pool, runner);
  }

  CellRunner cellRunner() {
    return cellRunner;
  }

  @Override
  public void close() {
    dataPool.shutdownNow();
  }
}
