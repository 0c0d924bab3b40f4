package org.monosweep.benchmarks.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DispatchBenchOptionsTest {

  @Test
  void defaultsAreAHundredSlotsOnTwoSystemsTenThousandCellsAtZeroAndOneSecond() {
    DispatchBenchOptions options = parse();

    assertThat(options.slots).isEqualTo(100);
    assertThat(options.systems).isEqualTo(2);
    assertThat(options.cells).isEqualTo(10_000);
    assertThat(options.cellHolds()).containsExactly(Duration.ZERO, Duration.ofSeconds(1));
    assertThat(options.folder()).isEqualTo(Path.of("runs", "bench-dispatch").toAbsolutePath());
  }

  @Test
  void takesValuesAfterASpaceOrAnEqualsSign() {
    DispatchBenchOptions options = parse("--slots", "4", "--systems=2",
        "--cells", "40", "--cell-ms", "0,50", "--runs", "/tmp/x");

    assertThat(options.slots).isEqualTo(4);
    assertThat(options.cells).isEqualTo(40);
    assertThat(options.cellHolds()).containsExactly(Duration.ZERO, Duration.ofMillis(50));
    assertThat(options.folder()).isEqualTo(Path.of("/tmp/x/bench-dispatch"));
  }

  @Test
  void fewerSlotsThanSystemsIsAUsageErrorThatSaysSo() {
    assertThat(refusal("--slots", "1", "--systems", "2")).contains("--slots must be >=");
  }

  @Test
  void aNegativeDurationIsAUsageErrorThatNamesCellMs() {
    assertThat(refusal("--cell-ms", "-5")).contains("--cell-ms takes one or more durations");
  }

  @Test
  void noCellsIsAUsageErrorThatNamesCells() {
    assertThat(refusal("--cells", "0")).contains("--cells must be >= 1");
  }

  @Test
  void anUnknownOptionIsAUsageErrorThatNamesIt() {
    assertThat(refusal("--slot", "3")).contains("Unknown options: '--slot', '3'");
  }

  private static DispatchBenchOptions parse(String... args) {
    CommandLine cli = new CommandLine(new DispatchBench());
    cli.parseArgs(args);
    DispatchBench bench = cli.getCommand();
    bench.options.check();
    return bench.options;
  }

  /** Runs the command, which must refuse {@code args} with picocli's usage-error code. */
  private static String refusal(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new DispatchBench());
    cli.setErr(new PrintWriter(err, true));

    assertThat(cli.execute(args)).isEqualTo(CommandLine.ExitCode.USAGE);
    return err.toString();
  }
}
