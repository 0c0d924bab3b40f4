package org.monosweep.benchmarks.dispatch;

import akka.actor.Address;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.monosweep.gpunode.actor.NodeGuardian;
import org.monosweep.trainer.train.CellRunner;

/**
 * The benchmark's actor systems in this JVM: one coordinator system and {@code systems} node
 * systems, each a cluster member of its own on loopback TCP (Artery, so every message between
 * coordinator and slots is serialized and crosses a socket), the node systems joining the
 * coordinator system as their seed. The slots are spread over the node systems as evenly as
 * possible; each node system's root is a {@link NodeGuardian}, exactly as on a GPU machine.
 */
final class BenchCluster implements AutoCloseable {
  private static final long TERMINATE_SECONDS = 30;

  private final ActorSystem<?> coordinator;
  private final List<ActorSystem<Void>> nodes;

  private BenchCluster(ActorSystem<?> coordinator, List<ActorSystem<Void>> nodes) {
    this.coordinator = coordinator;
    this.nodes = nodes;
  }

  /**
   * Starts the systems and sends the joins; it does not wait for the members to be up (the
   * coordinator's guardian waits for the slots it needs).
   *
   * @param coordinatorGuardian the root of the coordinator system
   * @param systems node systems, at least 1
   * @param slots worker slots over all node systems, at least {@code systems}
   * @param runner what every slot runs
   * @param runsDir node system {@code k} works in {@code runsDir/node-k}
   * @param config every system's configuration; it must make them cluster members on port 0
   */
  static BenchCluster start(Behavior<?> coordinatorGuardian, int systems, int slots,
      CellRunner runner, Path runsDir, Config config) {
    Objects.requireNonNull(runner, "runner");
    if (systems < 1 || slots < systems) {
      throw new IllegalArgumentException("need at least one node system and a slot per node"
          + " system, got " + systems + " systems and " + slots + " slots");
    }
    ActorSystem<?> coordinator = ActorSystem.create(coordinatorGuardian, "monosweep", config);
    Cluster seed = Cluster.get(coordinator);
    Address seedAddress = seed.selfMember().address();
    seed.manager().tell(Join.create(seedAddress));
    List<ActorSystem<Void>> nodes = new ArrayList<>();
    BenchCluster cluster = new BenchCluster(coordinator, nodes);
    try {
      for (int k = 1; k <= systems; k++) {
        int nodeSlots = slots / systems + (k <= slots % systems ? 1 : 0);
        String name = "node-" + k;
        ActorSystem<Void> node = ActorSystem.create(
            NodeGuardian.create(runner, nodeSlots, name, runsDir.resolve(name)), "monosweep",
            config);
        nodes.add(node);
        Cluster.get(node).manager().tell(Join.create(seedAddress));
      }
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /**
   * Terminates the node systems, then the coordinator system, waiting for each: a member that
   * leaves while the others are still up leaves quietly, while stopping all at once makes each
   * log the aborted connections of the others.
   */
  @Override
  public void close() {
    try {
      for (ActorSystem<Void> node : nodes) {
        terminate(node);
      }
      terminate(coordinator);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void terminate(ActorSystem<?> system) throws InterruptedException {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(TERMINATE_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // A system that does not stop in time holds only daemon threads; the JVM exits anyway.
    }
  }
}
