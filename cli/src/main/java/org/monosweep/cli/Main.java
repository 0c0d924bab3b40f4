package org.monosweep.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code monosweep} command line: argument parsing and bootstrapping only. */
@Command(
    name = "monosweep",
    mixinStandardHelpOptions = true,
    version = "monosweep 0.1.0",
    description = "Self-supervised-learning sweeps over a cluster of GPU machines.",
    subcommands = {
      PlanCommand.class,
      RunCommand.class,
      CoordinatorCommand.class,
      NodeCommand.class,
      StatusCommand.class,
      MethodsCommand.class,
      ReportCommand.class,
      AugmentCommand.class,
      ExportCommand.class,
      EmbedCommand.class,
      BenchCommand.class,
      org.monosweep.cli.tls.KeystoreCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured picocli command line (also used by tests). */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new UserErrors());
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
