package org.monosweep.cli;

/**
 * Names the log file of a cluster member before anything logs: several members may share a
 * machine and a runs folder, and each writes its own {@code runs/<name>.log}.
 */
final class MemberLogs {
  private MemberLogs() {}

  static void name(RunsLayout layout, String name) {
    System.setProperty("monosweep.runs", layout.root().toString());
    System.setProperty("monosweep.log", name);
  }

  /**
   * A client's log: everything goes to {@code client.log} and nothing to the terminal, where
   * Akka's retries and connection warnings would bury the one line that says what went wrong.
   */
  static void client(RunsLayout layout) {
    name(layout, "client");
    System.setProperty("monosweep.console-level", "OFF");
  }
}
