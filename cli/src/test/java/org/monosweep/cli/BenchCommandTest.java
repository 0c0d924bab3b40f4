package org.monosweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class BenchCommandTest {

  @Test
  void everyBenchmarkIsASubcommandOfBench() {
    CommandLine bench = Main.commandLine().getSubcommands().get("bench");

    assertThat(bench.getSubcommands().keySet())
        .containsExactly("augment", "kernel", "train", "cluster", "gan", "dispatch");
  }

  @Test
  void theDispatchOptionsTakeValuesAfterASpaceOrAnEqualsSign() {
    ParseResult parsed = Main.commandLine().parseArgs("bench", "dispatch", "--slots", "4",
        "--systems=2", "--cell-ms", "0,50");

    ParseResult dispatch = parsed.subcommand().subcommand();
    assertThat(dispatch.commandSpec().name()).isEqualTo("dispatch");
    assertThat(dispatch.<Integer>matchedOptionValue("--slots", 0)).isEqualTo(4);
    assertThat(dispatch.<Integer>matchedOptionValue("--systems", 0)).isEqualTo(2);
    assertThat(dispatch.matchedOption("--cell-ms").<java.util.List<Long>>getValue())
        .containsExactly(0L, 50L);
  }

  @Test
  void theTrainingBenchmarksKeepTheirKeyEqualsValueOptionsAndFlags() {
    ParseResult train = Main.commandLine().parseArgs("bench", "train", "--seconds=5",
        "--batch=32", "--skip-probe").subcommand().subcommand();
    ParseResult gan = Main.commandLine().parseArgs("bench", "gan", "--methods=monogan,rotnet",
        "--memory-steps=1000").subcommand().subcommand();
    ParseResult cluster = Main.commandLine().parseArgs("bench", "cluster", "--k=10",
        "--fashion", "--skip-rotnet").subcommand().subcommand();

    assertThat(train.<Integer>matchedOptionValue("--seconds", 0)).isEqualTo(5);
    assertThat(train.<Boolean>matchedOptionValue("--skip-probe", false)).isTrue();
    assertThat(gan.matchedOption("--methods").<java.util.List<?>>getValue()).extracting(
        Object::toString).containsExactly("monogan", "rotnet");
    assertThat(cluster.<Integer>matchedOptionValue("--k", 0)).isEqualTo(10);
    assertThat(cluster.<Boolean>matchedOptionValue("--skip-rotnet", false)).isTrue();
  }

  @Test
  void aValueOutOfRangeIsAUsageErrorNamingTheOptionBeforeAnythingRuns() {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine().setErr(new PrintWriter(err, true));

    int code = cli.execute("bench", "gan", "--methods", "supervised");

    assertThat(code).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("--methods: no benchmark for supervised")
        .doesNotContain("\tat ");
  }

  @Test
  void benchWithoutABenchmarkIsAUsageErrorThatListsThem() {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine().setErr(new PrintWriter(err, true));

    assertThat(cli.execute("bench")).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString())
        .contains("name a benchmark: augment, kernel, train, cluster, gan, dispatch");
  }
}
