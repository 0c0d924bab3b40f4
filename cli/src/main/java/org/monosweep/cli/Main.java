package org.monosweep.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code monosweep} command line: argument parsing and bootstrapping only. Every command
 * takes {@code --help} and {@code --version}; exit codes are those of {@link ExitCodes}.
 */
@Command(
    name = "monosweep",
    mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.class,
    description = "Self-supervised-learning sweeps over a cluster of GPU machines.",
    subcommands = {
      PlanCommand.class,
      RunCommand.class,
      CoordinatorCommand.class,
      NodeCommand.class,
      StatusCommand.class,
      MethodsCommand.class,
      DoctorCommand.class,
      ReportCommand.class,
      AugmentCommand.class,
      ExportCommand.class,
      EmbedCommand.class,
      BenchCommand.class,
      org.monosweep.cli.tls.KeystoreCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {
  private Main() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured picocli command line (also used by tests). */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new UserErrors());
    withVersionEverywhere(cli, cli.getCommandSpec().versionProvider());
    return cli;
  }

  // Subcommands do not inherit the root's version: without this, `plan --version` prints "".
  private static void withVersionEverywhere(CommandLine command,
      CommandLine.IVersionProvider version) {
    command.getCommandSpec().versionProvider(version);
    command.getSubcommands().values().forEach(sub -> withVersionEverywhere(sub, version));
  }
}
