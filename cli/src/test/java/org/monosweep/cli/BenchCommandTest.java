package org.monosweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

  @Test
  void handsTheBenchmarksOptionsOnAsGivenSpaceSeparatedValuesIncluded() {
    CommandLine cli = Main.commandLine();

    cli.parseArgs("bench", "dispatch", "--slots", "4", "--systems=2", "--cell-ms", "0,50");

    BenchCommand bench = cli.getSubcommands().get("bench").getCommand();
    assertThat(bench.what).isEqualTo("dispatch");
    assertThat(bench.rest).containsExactly("--slots", "4", "--systems=2", "--cell-ms", "0,50");
  }
}
