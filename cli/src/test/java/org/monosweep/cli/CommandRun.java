package org.monosweep.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One execution of the command line with its stdout and stderr captured (what picocli prints:
 * usage, versions, error lines).
 *
 * @param code the exit code
 * @param out what went to picocli's stdout
 * @param err what went to picocli's stderr
 */
record CommandRun(int code, String out, String err) {
  static CommandRun of(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new CommandRun(code, out.toString(), err.toString());
  }
}
