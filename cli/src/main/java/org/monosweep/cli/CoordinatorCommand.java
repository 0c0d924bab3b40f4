package org.monosweep.cli;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.Config;
import java.util.List;
import java.util.concurrent.Callable;
import org.monosweep.cli.cluster.ClusterSetup;
import org.monosweep.coordinator.artifacts.ArtifactStore;
import org.monosweep.coordinator.artifacts.ArtifactStoreSettings;
import org.monosweep.coordinator.cluster.SweepService;
import org.monosweep.coordinator.cluster.SweepServices;
import org.monosweep.expand.SpecLoader;
import org.monosweep.results.store.ResultStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code monosweep coordinator}: a cluster member with the {@code coordinator} role. The oldest
 * such member hosts the sweep service (a Cluster Singleton owning the results store); start a
 * second one with {@code --join} to take over when the first one's machine dies. Runs until
 * stopped (Ctrl-C leaves the cluster gracefully) or downed.
 */
@Command(name = "coordinator", mixinStandardHelpOptions = true,
    description = "Start a coordinator: the cluster's first member, or a standby with --join.")
final class CoordinatorCommand implements Callable<Integer> {
  @Mixin RunsOption runs;
  @Mixin ClusterOptions cluster;
  @Mixin ConfigOption config;

  @Option(names = "--port", description = "the port to listen on (default: "
      + ClusterSetup.COORDINATOR_PORT + ", or akka.remote.artery.canonical.port of --config)")
  Integer port;

  @Option(names = "--join", paramLabel = "HOST:PORT", split = ",",
      description = "members of a running cluster to join (a standby coordinator); without it"
          + " this coordinator starts a new cluster")
  List<String> join = List.of();

  @Override
  public Integer call() throws Exception {
    RunsLayout layout = runs.layout();
    MemberLogs.name(layout, "coordinator");
    Config member = cluster.setup(config.settings(), effectivePort())
        .config(SweepServices.COORDINATOR_ROLE, join);
    ArtifactStoreSettings artifacts = ArtifactStoreSettings.create(member)
        .withRoot(layout.root().resolve("artifacts"));
    ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(context -> {
      SweepServices.host(context.getSystem(), SweepService.create(
          () -> ResultStores.openFile(layout.database()),
          ctx -> ctx.spawn(ArtifactStore.create(artifacts), "artifact-store"),
          SpecLoader.create()));
      return Behaviors.empty();
    }), ClusterSetup.SYSTEM_NAME, member);
    String self = system.address().hostPort();
    System.out.println("coordinator " + self + " (results in " + layout.database()
        + ".mv.db, artifacts in " + artifacts.root() + ")");
    System.out.println("nodes join with:  monosweep node --join " + hostPort(system)
        + (cluster.tls != null ? " --tls " + cluster.tls : ""));
    System.out.println("submit a sweep:   monosweep run SPEC --cluster " + hostPort(system));
    system.getWhenTerminated().toCompletableFuture().join();
    return ExitCodes.OK;
  }

  private Integer effectivePort() {
    if (port != null) {
      return port;
    }
    return config.fileSets("akka.remote.artery.canonical.port") ? null
        : ClusterSetup.COORDINATOR_PORT;
  }

  static String hostPort(ActorSystem<?> system) {
    return system.address().getHost().orElse("127.0.0.1") + ":"
        + system.address().getPort().orElse(0);
  }
}
