package org.monosweep.cli;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.typed.Cluster;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import org.monosweep.cli.cluster.ClusterSetup;
import org.monosweep.gpunode.actor.NodeGuardian;
import org.monosweep.gpunode.process.SlotLayout;
import org.monosweep.gpunode.simulate.SimulatedCellRunner;
import org.monosweep.trainer.train.CellRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code monosweep node --join HOST:PORT}: a worker machine. It joins the cluster with the
 * {@code node} role and offers its slots (one per GPU) to whichever coordinator hosts the sweep
 * service. Runs until stopped (Ctrl-C leaves gracefully) or downed.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
    description = "Start a worker node that joins a cluster and trains cells.")
final class NodeCommand implements Callable<Integer> {
  @Mixin RunsOption runs;
  @Mixin ClusterOptions cluster;
  @Mixin ConfigOption config;

  @Option(names = "--join", paramLabel = "HOST:PORT", split = ",", required = true,
      description = "the coordinator (or any member) of the cluster to join")
  List<String> join;

  @Option(names = "--port", description = "the port to listen on (default: any free one)")
  Integer port;

  @Mixin SlotOptions slotOptions;

  @Option(names = "--simulate", paramLabel = "DURATION",
      description = "do not train: hold each cell this long (e.g. 2s) and report a synthetic"
          + " result; for testing and benchmarking the cluster")
  String simulate;

  @Override
  public Integer call() throws Exception {
    RunsLayout layout = runs.layout();
    // checked before joining: a GPU that is not there is an error, not a node without slots
    SlotLayout slots = slotOptions.layout(config.settings());
    Config member = cluster.setup(config.settings(), port == null ? 0 : port)
        .config("node", join);
    Duration hold = simulate == null ? null : parseDuration(simulate);
    MemberLogs.name(layout, "node-" + member.getInt("akka.remote.artery.canonical.port")
        + "-" + ProcessHandle.current().pid());
    try (NodeRunner real = hold == null ? NodeRunner.create(member, layout, slots) : null) {
      CellRunner simulated = hold == null ? null : announcing(SimulatedCellRunner.holding(hold));
      IntFunction<CellRunner> runners = hold == null ? real::cellRunner : slot -> simulated;
      ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(context -> {
        String nodeName = Cluster.get(context.getSystem()).selfMember().address().hostPort();
        context.spawn(NodeGuardian.create(runners, slots.size(), nodeName, layout.root()),
            "node");
        return Behaviors.empty();
      }), ClusterSetup.SYSTEM_NAME, member);
      System.out.println("node " + system.address().hostPort() + " with "
          + (hold == null ? slots.describe() : slots.size() + " slot(s)")
          + (hold == null ? "" : ", simulating cells of " + hold.toMillis() + " ms")
          + ", joining " + String.join(", ", join));
      system.getWhenTerminated().toCompletableFuture().join();
    }
    return ExitCodes.OK;
  }

  /** Prints each cell as it starts, so whoever drives a simulated cluster sees where cells run. */
  private static CellRunner announcing(CellRunner runner) {
    return (cell, context) -> {
      System.out.println("started cell " + cell.id() + " " + cell.label());
      return runner.run(cell, context);
    };
  }

  private static Duration parseDuration(String text) {
    try {
      return ConfigFactory.parseString("d = \"" + text + "\"").getDuration("d");
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--simulate " + text + ": not a duration; write e.g."
          + " 500ms, 2s or 1m");
    }
  }
}
