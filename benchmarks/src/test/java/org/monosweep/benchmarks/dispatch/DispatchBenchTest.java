package org.monosweep.benchmarks.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.results.store.CellRow;
import org.monosweep.results.store.CellStatus;
import org.monosweep.results.store.ResultStore;
import org.monosweep.results.store.ResultStores;
import picocli.CommandLine;

/**
 * The dispatch benchmark end to end at a small size: a coordinator system and two node systems
 * on loopback TCP (every message serialized), four slots, a real H2 file. No timing is asserted:
 * only that every cell is stored DONE once and that the figures come out in range.
 */
class DispatchBenchTest {
  private static final Config CONFIG = ConfigFactory.parseResources("cluster-test.conf")
      .withFallback(ConfigFactory.parseResources("bench-dispatch.conf"))
      .withFallback(ConfigFactory.load());

  @TempDir Path runs;

  @Test
  void fortyNoOpCellsOnFourSlotsOfTwoSystemsAreStoredDoneOnceAndReported() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    CommandLine cli = new CommandLine(new DispatchBench());
    cli.parseArgs("--slots", "4", "--systems", "2", "--cells", "40", "--cell-ms", "0", "--runs",
        runs.toString());
    DispatchBenchOptions options = cli.<DispatchBench>getCommand().options;

    List<DispatchRun.Result> results = DispatchBench.run(options, CONFIG,
        new PrintStream(printed, true, StandardCharsets.UTF_8));

    DispatchRun.Result result = results.get(0);
    assertThat(results).hasSize(1);
    assertStoredDoneOnce(result.databaseFile(), "bench-dispatch-0ms", 40);
    assertThat(result.cellsRunOnce()).isEqualTo(40);
    assertThat(result.ok()).isTrue();
    assertFiguresInRange(result.figures());
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("40 of 40 cells DONE exactly once")
        .contains("overhead per cell = (slots x wall - sum of hold) / cells")
        .contains("idle while pending = ")
        .contains("Ray Tune")
        .containsPattern("0 ms \\|\\s+40 \\|\\s+4 \\|")
        .contains("report leg").contains("dispatch leg");
  }

  @Test
  void fiftyMillisecondCellsHoldTheirSlotsAndAreStoredDoneOnce() throws Exception {
    DispatchRun.Result result = DispatchRun.measure(2, 4, 8, Duration.ofMillis(50),
        runs.resolve("bench-dispatch"), CONFIG);

    assertStoredDoneOnce(result.databaseFile(), "bench-dispatch-50ms", 8);
    assertThat(result.cellsRunOnce()).isEqualTo(8);
    DispatchFigures figures = result.figures();
    assertFiguresInRange(figures);
    assertThat(figures.heldNanos()).as("every cell's hold reached the timeline")
        .isGreaterThanOrEqualTo(8 * Duration.ofMillis(50).toNanos());
    assertThat(figures.wallNanos()).as("8 cells of 50 ms on 4 slots take two rounds at least")
        .isGreaterThanOrEqualTo(2 * Duration.ofMillis(50).toNanos());
  }

  /** Reads H2 directly rather than trusting the benchmark's own audit. */
  private static void assertStoredDoneOnce(Path database, String sweep, int cells) {
    try (ResultStore store = ResultStores.openFile(database)) {
      List<CellRow> rows = store.cells(sweep);
      assertThat(rows).hasSize(cells);
      assertThat(rows).extracting(CellRow::id).doesNotHaveDuplicates();
      assertThat(rows).allSatisfy(row -> {
        assertThat(row.state().status()).isEqualTo(CellStatus.DONE);
        assertThat(row.state().attempts()).isEqualTo(1);
      });
    }
  }

  private static void assertFiguresInRange(DispatchFigures figures) {
    assertThat(figures.cellsPerSecond()).isFinite().isPositive();
    assertThat(figures.overheadMsPerCell()).isFinite().isNotNegative();
    assertThat(figures.wallMsPerCell()).isFinite().isPositive();
    assertThat(figures.amortisedOverheadMs()).isFinite().isNotNegative();
    assertThat(figures.idleFraction()).isBetween(0.0, 1.0);
  }
}
