package org.monosweep.cli.cluster;

import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.Config;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.monosweep.coordinator.cluster.SweepServiceProtocol;
import org.monosweep.coordinator.cluster.SweepServiceProtocol.ClusterStatus;
import org.monosweep.coordinator.cluster.SweepServiceProtocol.SubmitReply;
import org.monosweep.coordinator.cluster.SweepServices;

/**
 * A short-lived cluster member with the {@code client} role, which talks to the sweep service
 * through the singleton proxy: the proxy follows the service when it moves to another
 * coordinator, so a client's questions survive a failover (they wait, then time out).
 */
public final class ClusterClient implements AutoCloseable {

  private final ActorSystem<Void> system;
  private final ActorRef<SweepServiceProtocol.Command> service;
  private final String target;

  private ClusterClient(ActorSystem<Void> system, String target) {
    this.system = system;
    this.service = SweepServices.proxy(system);
    this.target = target;
  }

  /**
   * Joins the cluster at {@code hostPort} as a client and waits until this client is a member,
   * at most {@code monosweep.client.join-timeout}.
   *
   * @param config the member's configuration; see {@link ClusterSetup#config}
   * @throws ClusterUnreachableException when it is not a member in time: nothing answers at
   *     {@code hostPort}, or the members refuse this one (another lab's TLS certificate)
   * @throws InterruptedException when interrupted while waiting
   */
  public static ClusterClient join(String hostPort, Config config) throws InterruptedException {
    Duration timeout = ClientSettings.create(config).joinTimeout();
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), ClusterSetup.SYSTEM_NAME,
        config);
    if (!awaitUp(system, timeout)) {
      // Not a member, so there is nothing to leave. Artery's flush would wait out its
      // connection attempt (5 s) to the address that never answered: do not wait for it.
      system.terminate();
      awaitTerminated(system, Duration.ofSeconds(1));
      throw new ClusterUnreachableException("no cluster let this client join through "
          + hostPort + " within " + timeout.toSeconds() + " s: is `monosweep coordinator`"
          + " running there, and do both sides use the same --tls folder? (details in the"
          + " client's log, client.log in the runs folder)");
    }
    return new ClusterClient(system, hostPort);
  }

  /** Submits a sweep; see {@link SweepServiceProtocol.SubmitSweep}. */
  public SubmitReply submit(String specText, String origin, Duration timeout)
      throws InterruptedException, TimeoutException {
    return ask(replyTo -> new SweepServiceProtocol.SubmitSweep(specText, origin, replyTo),
        timeout);
  }

  /** The cluster's state; {@code sweep} empty for every sweep. */
  public ClusterStatus status(String sweep, Duration timeout)
      throws InterruptedException, TimeoutException {
    return ask(replyTo -> new SweepServiceProtocol.GetStatus(sweep, replyTo), timeout);
  }

  private <T> T ask(akka.japi.function.Function<ActorRef<T>, SweepServiceProtocol.Command> make,
      Duration timeout) throws InterruptedException, TimeoutException {
    try {
      return AskPattern.ask(service, make, timeout, system.scheduler()).toCompletableFuture()
          .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TimeoutException
          || e.getCause() instanceof java.util.concurrent.TimeoutException) {
        throw timeout(timeout);
      }
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw timeout(timeout);
    }
  }

  private TimeoutException timeout(Duration timeout) {
    return new TimeoutException("no coordinator answered within " + timeout.toSeconds()
        + " s through " + target + ": is `monosweep coordinator` running there, with the same"
        + " --tls folder? (its log is runs/coordinator.log)");
  }

  private static boolean awaitUp(ActorSystem<?> system, Duration atMost)
      throws InterruptedException {
    CompletableFuture<Void> up = new CompletableFuture<>();
    akka.cluster.Cluster.get(system.classicSystem()).registerOnMemberUp(() -> up.complete(null));
    try {
      up.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("waiting to join failed", e.getCause());
    }
  }

  private static void awaitTerminated(ActorSystem<?> system, Duration atMost) {
    try {
      system.getWhenTerminated().toCompletableFuture().get(atMost.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      // exiting anyway
    }
  }

  /** The client's actor system (for tests that await with its probes). */
  public ActorSystem<Void> system() {
    return system;
  }

  /** Leaves the cluster gracefully (so nobody waits to down it) and stops. */
  @Override
  public void close() {
    // Coordinated shutdown leaves the cluster and waits for the removal before the transport
    // stops, so the other members see a clean exit rather than a dropped connection.
    CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.clusterLeavingReason());
    awaitTerminated(system, Duration.ofSeconds(20));
  }
}
