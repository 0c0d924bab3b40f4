package org.monosweep.cli;

import com.typesafe.config.Config;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.monosweep.gpunode.data.CellImages;
import org.monosweep.gpunode.data.DataSettings;
import org.monosweep.gpunode.data.DatasetCatalog;
import org.monosweep.gpunode.export.ExportSettings;
import org.monosweep.gpunode.export.OnnxExport;
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
    CellData data = CellData.create(images, catalog);
    CellRunner runner = TrainingRun.builder()
        .setData(data)
        .optExporter(OnnxExport.cellExporter(ExportSettings.create(config),
            cell -> classNames(data, cell)))
        .build();
    return new NodeRunner(pool, runner);
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
