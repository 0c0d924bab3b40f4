package org.monosweep.benchmarks.dispatch;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.monosweep.gpunode.simulate.SimulatedCellRunner;
import org.monosweep.results.store.ResultStore;
import org.monosweep.results.store.ResultStores;
import org.monosweep.spec.CellId;
import org.monosweep.spec.SweepSpec;

/**
 * One measured sweep: a fresh H2 file in a fresh folder, a {@link BenchCluster} whose slots run
 * a {@link SimulatedCellRunner} under a {@link HoldLog}, a {@link SweepHost} that starts the
 * coordinator once every slot is listed, then the figures of the {@link SlotTimeline} and a
 * {@link StoreAudit} of what H2 holds.
 */
final class DispatchRun {
  /** How long the node systems may take to join and list all their slots. */
  static final Duration FORMATION_TIMEOUT = Duration.ofSeconds(60);

  private static final LongSupplier CLOCK = System::nanoTime;

  /**
   * What one sweep measured.
   *
   * @param figures throughput, overhead and idle time
   * @param audit what H2 holds afterwards
   * @param cellsRunOnce cells of the sweep that the runner ran exactly once
   * @param databaseFile the H2 file, without H2's {@code .mv.db}
   * @param legs where a slot's gap between cells goes
   */
  record Result(DispatchFigures figures, StoreAudit audit, int cellsRunOnce, Path databaseFile,
      DispatchLegs legs) {
    /** Every cell ran once and is stored DONE once. */
    boolean ok() {
      return audit.ok() && cellsRunOnce == figures.cells();
    }
  }

  private DispatchRun() {}

  /**
   * Runs one sweep of {@code cells} cells, each holding its slot for {@code hold}.
   *
   * @param dir deleted and created again: the H2 file and the nodes' cell folders go here
   * @param config the configuration of every actor system
   * @throws TimeoutException if the cluster does not form or the sweep does not end in time
   * @throws IllegalStateException if the sweep is interrupted or its coordinator fails
   */
  static Result measure(int systems, int slots, int cells, Duration hold, Path dir, Config config)
      throws InterruptedException, TimeoutException {
    Objects.requireNonNull(hold, "hold");
    recreate(dir);
    SweepSpec spec = SyntheticSweep.of("bench-dispatch-" + hold.toMillis() + "ms", cells);
    Path database = dir.resolve("monosweep");
    HoldLog holds = HoldLog.create(CLOCK);
    SweepRecording recording;
    StoreAudit audit;
    try (ResultStore store = ResultStores.openFile(database)) {
      CompletableFuture<Void> ready = new CompletableFuture<>();
      CompletableFuture<SweepRecording> outcome = new CompletableFuture<>();
      try (BenchCluster cluster = BenchCluster.start(
          SweepHost.create(spec, store, slots, CLOCK, ready, outcome), systems, slots,
          holds.around(SimulatedCellRunner.holding(hold)), dir, config)) {
        await(ready, FORMATION_TIMEOUT, "the node systems to join and list " + slots + " slots");
        recording = await(outcome, sweepTimeout(cells, slots, hold), "the sweep to finish");
      }
      audit = StoreAudit.of(store, spec);
    }
    long firstHold = holds.intervals().stream().mapToLong(Interval::start).min()
        .orElse(recording.startedAt());
    // The recorder stamps SweepStarted when it handles it, which may be after a 0 ms cell has
    // already started on another thread: the window opens at whichever came first.
    Interval window = new Interval(Math.min(recording.startedAt(), firstHold),
        recording.finishedAt());
    SlotTimeline timeline =
        SlotTimeline.create(slots, window, holds.intervals(), recording.pending());
    Map<CellId, Integer> runs = holds.runsPerCell();
    int runOnce = (int) spec.cells().stream().filter(c -> runs.getOrDefault(c.id(), 0) == 1)
        .count();
    return new Result(DispatchFigures.of(hold, cells, timeline, recording.registrationNanos()),
        audit, runOnce, database,
        DispatchLegs.of(holds.holds(), recording.assignedAt(), recording.completedAt()));
  }

  /** Generous: start-up, three times the ideal makespan, and 20 ms per cell of dispatch. */
  static Duration sweepTimeout(int cells, int slots, Duration hold) {
    long waves = (cells + slots - 1) / slots;
    return Duration.ofSeconds(120).plus(hold.multipliedBy(3 * waves))
        .plus(Duration.ofMillis(20L * cells));
  }

  private static <T> T await(CompletableFuture<T> future, Duration timeout, String what)
      throws InterruptedException, TimeoutException {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new TimeoutException("timed out after " + timeout.toSeconds() + " s waiting for "
          + what);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    }
  }

  private static void recreate(Path dir) {
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> paths = Files.walk(dir)) {
          for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
            Files.delete(p);
          }
        }
      }
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot recreate the benchmark folder " + dir, e);
    }
  }
}
