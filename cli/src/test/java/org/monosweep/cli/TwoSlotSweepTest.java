package org.monosweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.expand.SpecLoader;
import org.monosweep.gpunode.process.SlotLayout;
import org.monosweep.results.store.ResultStore;
import org.monosweep.results.store.ResultStores;
import org.monosweep.spec.Cell;
import org.monosweep.spec.SweepSpec;
import org.monosweep.trainer.train.CellFailure;
import org.monosweep.trainer.train.CellRunner;

/**
 * A node with two CPU slots trains two real RotNet cells at the same time, each in a cell
 * process of its own, and each gives the probes it gives on a node with one slot of the same
 * threads: the cell's seed, not its slot or neighbour, fixes its result.
 */
class TwoSlotSweepTest {
  private static final String SPEC = """
      name = two-slots
      dataset { kind = fashion-mnist }
      grid { method = [rotnet], n = [10], augmentation = [all], seed = [0, 1] }
      budget { epochs = 1, d = 256, batch = 32 }
      probe { epochs = 2, lr-drops = [1], train-limit = 600, test-limit = 300 }
      """;
  // generous: a loaded machine starts two JVMs and their engines in far less
  private static final Duration BOTH_STARTED = Duration.ofSeconds(120);

  @Test
  void twoSlotsTrainTwoCellsAtOnceAndEachGivesWhatOneSlotGives(@TempDir Path twoSlots,
      @TempDir Path oneSlot) throws Exception {
    SweepSpec spec = SpecLoader.create().parse(SPEC, "two-slots.conf");
    CountDownLatch started = new CountDownLatch(2);

    Map<String, Double> concurrent = run(spec, twoSlots, SlotLayout.cpu(2, 1), runner ->
        (cell, context) -> {
          started.countDown();
          // a slot that waits here for the other proves both cells run at once; run one
          // after the other, the first would time out and fail the sweep
          try {
            if (!started.await(BOTH_STARTED.toSeconds(), TimeUnit.SECONDS)) {
              throw new CellFailure("the other slot never started a cell", false, null);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CellFailure("interrupted", true, e);
          }
          return runner.run(cell, context);
        });
    Map<String, Double> alone = run(spec, oneSlot, SlotLayout.cpu(1, 1), runner -> runner);

    assertThat(concurrent).hasSize(2 * 4).isEqualTo(alone);
  }

  /** Runs {@code spec} on {@code slots}; returns every cell's probe accuracies by layer. */
  private static Map<String, Double> run(SweepSpec spec, Path runs, SlotLayout slots,
      java.util.function.UnaryOperator<CellRunner> wrap) throws Exception {
    Config config = ConfigFactory.load();
    RunsLayout layout = new RunsLayout(runs);
    Map<String, Double> probes = new LinkedHashMap<>();
    try (ResultStore store = ResultStores.openFile(layout.database());
        NodeRunner node = NodeRunner.create(config, layout, slots)) {
      IntFunction<CellRunner> runners = slot -> wrap.apply(node.cellRunner(slot));
      try (EmbeddedSweep sweep = EmbeddedSweep.start(spec, store, runners, slots.size(), layout,
          config, new PrintStream(OutputStream.nullOutputStream()))) {
        sweep.awaitOutcome(Duration.ofMinutes(10));
      }
      for (Cell cell : spec.cells()) {
        store.probes(cell.id()).forEach(p -> probes.put(cell.id().value() + " " + p.layer(),
            p.top1()));
      }
    }
    return probes;
  }
}
