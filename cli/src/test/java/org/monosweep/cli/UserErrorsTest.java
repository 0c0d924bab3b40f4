package org.monosweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every kind of failure ends in one line on stderr and its documented exit code. */
class UserErrorsTest {
  @TempDir Path dir;

  @Test
  void aSpecWithMistakesPrintsEachProblemOnItsLineAndExitsTwo() throws Exception {
    Path spec = Files.writeString(dir.resolve("bad.conf"), "name = t\ngrid { method = [rotnt] }\n");

    CommandRun run = CommandRun.of("plan", spec.toString());

    assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).startsWith("error: ").contains("bad.conf:2: grid.method")
        .doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void aSpecFileThatDoesNotExistIsNamedAndExitsTwo() {
    CommandRun run = CommandRun.of("plan", dir.resolve("nope.conf").toString());

    assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).startsWith("error: ")
        .contains("nope.conf: spec file not found; check the path").doesNotContain("\tat ");
  }

  @Test
  void anUnknownOptionOrAMissingCommandIsBadUsage() {
    assertThat(CommandRun.of("status", "--bogus").code()).isEqualTo(ExitCodes.BAD_INPUT);
    CommandRun none = CommandRun.of();
    assertThat(none.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(none.err()).startsWith("Missing required subcommand");
    assertThat(CommandRun.of("augment").code()).isEqualTo(ExitCodes.BAD_INPUT);
  }

  @Test
  void aStoreThatCannotBeOpenedExitsThreeWithOneLine() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("runs"), "a file where the runs folder goes");

    CommandRun run = CommandRun.of("status", "--runs", notAFolder.toString());

    assertThat(run.code()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(run.err()).startsWith("error: ").contains(notAFolder.toString()).hasLineCount(1);
  }

  @Test
  void aBugGetsOneLineOnTheTerminalAndExitCodeSeventy() {
    CommandLine cli = Main.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    CommandLine.ParseResult parsed = cli.parseArgs("status");

    int code = new UserErrors().handleExecutionException(
        new NullPointerException("nothing here"), cli, parsed);

    assertThat(code).isEqualTo(ExitCodes.INTERNAL_ERROR);
    assertThat(err.toString()).startsWith("internal error: java.lang.NullPointerException:"
        + " nothing here (a bug in monosweep; the stack trace is in ").hasLineCount(1);
  }
}
