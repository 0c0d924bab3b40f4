package org.monosweep.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.monosweep.cli.cluster.ClusterClient;
import org.monosweep.cli.cluster.ClusterSetup;
import org.monosweep.coordinator.cluster.SweepServiceProtocol.ClusterStatus;
import org.monosweep.coordinator.cluster.SweepServiceProtocol.MemberInfo;
import org.monosweep.coordinator.cluster.SweepServiceProtocol.SubmitReply;
import org.monosweep.coordinator.cluster.SweepServiceProtocol.SweepAccepted;
import org.monosweep.coordinator.cluster.SweepServiceProtocol.SweepRefused;
import org.monosweep.coordinator.cluster.SweepServiceProtocol.SweepState;
import org.monosweep.expand.SpecLoader;
import org.monosweep.spec.SweepSpec;

/**
 * {@code run --cluster} and {@code status --cluster}: submit a sweep to a running cluster and
 * follow it, or show the cluster's state. The sweep runs in the cluster whatever happens to this
 * client; the client only asks.
 */
final class ClusterRun {
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofSeconds(2);

  private ClusterRun() {}

  /** Submits {@code spec} and prints its progress until it finishes; the exit code. */
  static int submitAndFollow(String spec, String hostPort, ClusterSetup setup,
      PrintStream out) throws InterruptedException, TimeoutException {
    SpecLoader loader = SpecLoader.create();
    SweepSpec sweep = loader.loadFileOrBundled(spec); // local check, with the file's lines
    String text = loader.resolvedText(spec);
    try (ClusterClient client = ClusterClient.join(hostPort,
        setup.config("client", List.of(hostPort)))) {
      SubmitReply reply = client.submit(text, sweep.origin(), ASK_TIMEOUT);
      if (reply instanceof SweepRefused refused) {
        out.println("refused: " + refused.reason());
        return ExitCodes.BAD_INPUT;
      }
      SweepAccepted accepted = (SweepAccepted) reply;
      out.println("sweep '" + accepted.sweep() + "' accepted: " + accepted.cells() + " cells"
          + (accepted.sweepsAhead() > 0 ? ", " + accepted.sweepsAhead() + " sweep(s) ahead" : "")
          + ". Ctrl-C stops following; the sweep goes on in the cluster.");
      return follow(client, accepted.sweep(), out);
    }
  }

  private static int follow(ClusterClient client, String sweep, PrintStream out)
      throws InterruptedException {
    String last = "";
    while (true) {
      ClusterStatus status;
      try {
        status = client.status(sweep, ASK_TIMEOUT);
      } catch (TimeoutException e) {
        out.println(now() + " no answer from the coordinator (a fail-over?); still waiting");
        continue;
      }
      if (!status.error().isEmpty() || status.sweeps().isEmpty()) {
        out.println(now() + " " + (status.error().isEmpty() ? "sweep not known" : status.error())
            + "; still waiting");
      } else {
        SweepState state = status.sweeps().get(0);
        String line = progress(state, status);
        if (!line.equals(last)) {
          out.println(now() + " " + line);
          last = line;
        }
        if (state.over()) {
          out.println("the report: `monosweep report " + sweep + "` on the coordinator's machine");
          return state.phase().equals("finished") && state.failed() == 0 ? ExitCodes.OK
              : ExitCodes.INCOMPLETE;
        }
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /** Prints the cluster's members, slots and sweeps once. */
  static int printStatus(String hostPort, ClusterSetup setup, PrintStream out)
      throws InterruptedException, TimeoutException {
    try (ClusterClient client = ClusterClient.join(hostPort,
        setup.config("client", List.of(hostPort)))) {
      ClusterStatus status = client.status("", ASK_TIMEOUT);
      out.println("coordinator: " + status.coordinator());
      out.println("slots: " + status.slotsBusy() + " busy, "
          + Math.max(0, status.slotsTotal() - status.slotsBusy()) + " free, "
          + status.slotsTotal() + " in all");
      out.println("members:");
      for (MemberInfo m : status.members()) {
        out.printf("  %-40s %-12s %-10s %s%s%n", m.address(), String.join(",", m.roles()),
            m.status(), m.version(), m.reachable() ? "" : "  UNREACHABLE");
      }
      out.println("sweeps:" + (status.sweeps().isEmpty() ? " none" : ""));
      for (SweepState s : status.sweeps()) {
        out.println("  " + progress(s, status));
      }
      return ExitCodes.OK;
    }
  }

  private static String progress(SweepState s, ClusterStatus status) {
    String eta = s.etaSeconds() < 0 ? "ETA unknown" : "ETA " + Duration.ofSeconds(s.etaSeconds())
        .toString().substring(2).toLowerCase();
    int pending = Math.max(0, s.total() - s.done() - s.failed() - s.inFlight());
    return s.sweep() + " [" + s.phase() + "]: " + s.done() + "/" + s.total() + " done, "
        + s.failed() + " failed, " + s.inFlight() + " running on " + status.slotsTotal()
        + " slots, " + pending + " pending, " + eta;
  }

  private static String now() {
    return LocalTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
