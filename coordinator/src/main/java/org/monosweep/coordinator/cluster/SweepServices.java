package org.monosweep.coordinator.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.typed.ClusterSingleton;
import akka.cluster.typed.ClusterSingletonSettings;
import akka.cluster.typed.SingletonActor;

/**
 * Where the {@link SweepService} singleton lives: on the oldest member with the
 * {@code coordinator} role. Every member reaches it through a proxy that follows it when it
 * moves and buffers messages while it is moving.
 */
public final class SweepServices {

  /** The role whose members may host the service. */
  public static final String COORDINATOR_ROLE = "coordinator";

  /** The singleton's name; every member must use the same. */
  static final String NAME = "sweep-service";

  private SweepServices() {}

  /**
   * Starts the singleton manager on a {@code coordinator} member (hosting the service when this
   * member is the oldest of the role) and returns the proxy.
   */
  public static ActorRef<SweepServiceProtocol.Command> host(ActorSystem<?> system,
      Behavior<SweepService.Command> service) {
    return init(system, SweepService.asSingleton(service));
  }

  /** The proxy to the service, from any member (a client, a node). */
  public static ActorRef<SweepServiceProtocol.Command> proxy(ActorSystem<?> system) {
    // Members without the role never start the behavior; they only get the proxy.
    return init(system, Behaviors.empty());
  }

  private static ActorRef<SweepServiceProtocol.Command> init(ActorSystem<?> system,
      Behavior<SweepServiceProtocol.Command> behavior) {
    return ClusterSingleton.get(system).init(SingletonActor.of(behavior, NAME)
        .withSettings(ClusterSingletonSettings.create(system).withRole(COORDINATOR_ROLE))
        .withStopMessage(SweepServiceProtocol.Shutdown.INSTANCE));
  }
}
