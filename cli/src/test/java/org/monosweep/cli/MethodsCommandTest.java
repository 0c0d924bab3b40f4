package org.monosweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.monosweep.spec.ParamTable;
import picocli.CommandLine;

class MethodsCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void listsEveryMethodWithItsParametersDefaultsAndValues() {
    assertThat(run("methods")).isZero();

    String text = out.toString();
    assertThat(text).contains("rotnet:\n", "supervised:\n", "deepcluster:\n", "bigan:\n",
        "random:\n");
    assertThat(text).containsPattern("\n  lr +number +0\\.05 +\\(0, inf\\) +initial learning rate");
    assertThat(text).containsPattern("\n  optimizer +choice +sgd +sgd \\| adam +sgd \\(with momentum\\)");
  }

  @Test
  void showsTheDefaultEachMethodStartsFrom() {
    assertThat(run("methods", "monogan")).isZero();

    assertThat(out.toString()).startsWith("monogan:\n  parameter ")
        .containsPattern("\n  lr +number +0\\.0001 ")
        .containsPattern("\n  beta1 +number +0 +\\[0, 1\\) ")
        .doesNotContain("rotnet:", "momentum");
  }

  @Test
  void printsTheReadmeTableWithMarkdown() {
    assertThat(run("methods", "--markdown")).isZero();
    assertThat(out.toString()).isEqualTo(ParamTable.markdown());
  }

  @Test
  void rejectsAnUnknownMethodWithASuggestionOnOneLine() {
    assertThat(run("methods", "rotnt")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("error: unknown method 'rotnt' (did you mean 'rotnet'?);"
        + " allowed: rotnet, bigan, deepcluster, monogan, supervised, random\n");
  }

  @Test
  void explainsItselfWithHelp() {
    assertThat(run("methods", "--help")).isZero();
    assertThat(out.toString()).startsWith("Usage: monosweep methods [-hV] [--markdown] [METHOD...]")
        .contains("List each method's parameters");
  }
}
