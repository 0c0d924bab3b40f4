package org.monosweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --help} and {@code --version} on every command of the tree. */
class HelpAndVersionTest {

  @Test
  void printsHelpForEveryCommand() {
    List<List<String>> paths = commandPaths(Main.commandLine(), List.of());
    assertThat(paths).as("the tree holds the subcommands").hasSizeGreaterThan(10)
        .contains(List.of("augment", "preview"), List.of("status"), List.of("keystore"));

    for (List<String> path : paths) {
      Captured run = execute(path, "--help");

      assertThat(run.code()).as("exit code of %s --help", path).isZero();
      assertThat(run.out()).as("usage of %s", path)
          .contains(String.join(" ", usagePrefix(path)) + " ");
      assertThat(run.err()).as("stderr of %s --help", path).isEmpty();
    }
  }

  @Test
  void printsTheVersionMavenBuiltOnEveryCommand() {
    String built = System.getProperty("monosweep.project-version");
    assertThat(built).as("surefire passes project.version").isNotBlank();
    assertThat(BuildVersion.version()).isEqualTo(built);

    for (List<String> path : commandPaths(Main.commandLine(), List.of())) {
      if (path.equals(List.of("help"))) {
        continue; // picocli's help command has -h only
      }
      Captured run = execute(path, "--version");

      assertThat(run.code()).as("exit code of %s --version", path).isZero();
      assertThat(run.out()).as("version of %s", path).isEqualTo("monosweep " + built + "\n");
    }
  }

  private static List<String> usagePrefix(List<String> path) {
    List<String> words = new ArrayList<>(List.of("Usage:", "monosweep"));
    words.addAll(path);
    return words;
  }

  /** The root (empty path) and every subcommand below it, depth first. */
  private static List<List<String>> commandPaths(CommandLine command, List<String> path) {
    List<List<String>> paths = new ArrayList<>();
    paths.add(path);
    command.getSubcommands().forEach((name, sub) -> {
      List<String> child = new ArrayList<>(path);
      child.add(name);
      paths.addAll(commandPaths(sub, List.copyOf(child)));
    });
    return paths;
  }

  private static Captured execute(List<String> path, String flag) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> args = new ArrayList<>(path);
    args.add(flag);
    int code = cli.execute(args.toArray(String[]::new));
    return new Captured(code, out.toString(), err.toString());
  }

  private record Captured(int code, String out, String err) {}
}
