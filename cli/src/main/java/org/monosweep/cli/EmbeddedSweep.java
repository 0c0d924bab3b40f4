package org.monosweep.cli;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.Terminated;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import com.typesafe.config.Config;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.monosweep.coordinator.sweep.CoordinatorSettings;
import org.monosweep.coordinator.sweep.SweepCoordinator;
import org.monosweep.coordinator.sweep.SweepEvent;
import org.monosweep.coordinator.writer.ResultsWriter;
import org.monosweep.gpunode.actor.NodeGuardian;
import org.monosweep.results.store.ResultStore;
import org.monosweep.spec.SweepSpec;
import org.monosweep.trainer.train.CellRunner;

/**
 * Runs one sweep in this JVM through the real cluster machinery: a one-member Akka Cluster on
 * loopback holding the results writer, a node with its worker slots, and the coordinator. Every
 * message between coordinator and slots goes through the Receptionist and delivery controllers
 * exactly as it would between machines.
 */
final class EmbeddedSweep implements AutoCloseable {
  /** Messages the embedded guardian takes. */
  interface Command {}

  /** Ctrl-C: interrupt the sweep, then stop. */
  enum InterruptSweep implements Command { INSTANCE }

  private record WrappedInterrupted(SweepCoordinator.Interrupted interrupted) implements Command {}

  private final ActorSystem<Command> system;
  private final CompletableFuture<SweepEvent> outcome;

  private EmbeddedSweep(ActorSystem<Command> system, CompletableFuture<SweepEvent> outcome) {
    this.system = system;
    this.outcome = outcome;
  }

  /** Starts the cluster and the sweep; {@link #awaitOutcome()} waits for its end. */
  static EmbeddedSweep start(SweepSpec spec, ResultStore store, IntFunction<CellRunner> runners,
      int slots,
      RunsLayout layout, Config config, PrintStream out) {
    CompletableFuture<SweepEvent> outcome = new CompletableFuture<>();
    Behavior<Command> guardian = Behaviors.setup(context -> {
      Cluster cluster = Cluster.get(context.getSystem());
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
      String nodeName = cluster.selfMember().address().hostPort();
      ActorRef<ResultsWriter.Command> writer = context.spawn(ResultsWriter.create(store), "resultsWriter");
      context.spawn(NodeGuardian.create(runners, slots, nodeName, layout.root()), "node");
      ActorRef<Object> printer = context.spawn(ProgressPrinter.create(out, outcome), "progress");
      ActorRef<SweepCoordinator.Command> coordinator = context.spawn(
          SweepCoordinator.create(spec, writer, CoordinatorSettings.create(context.getSystem()),
              printer.<SweepEvent>narrow()),
          "sweepCoordinator");
      context.watch(coordinator);
      ActorRef<SweepCoordinator.Interrupted> interruptedAdapter =
          context.messageAdapter(SweepCoordinator.Interrupted.class, WrappedInterrupted::new);
      return Behaviors.receive(Command.class)
          .onMessage(InterruptSweep.class, m -> {
            coordinator.tell(new SweepCoordinator.Interrupt(interruptedAdapter));
            return Behaviors.same();
          })
          .onMessage(WrappedInterrupted.class, m -> Behaviors.same())
          .onSignal(Terminated.class, t -> {
            // The coordinator stops after SweepFinished or Interrupted; anything else is a crash.
            printer.tell(ProgressPrinter.CoordinatorStopped.INSTANCE);
            return Behaviors.same();
          })
          .build();
    });
    ActorSystem<Command> system = ActorSystem.create(guardian, "monosweep", config);
    return new EmbeddedSweep(system, outcome);
  }

  /** Asks the coordinator to interrupt the sweep (running cells resume on the next run). */
  void interrupt() {
    system.tell(InterruptSweep.INSTANCE);
  }

  /** The sweep's last event: {@code SweepFinished} or {@code SweepInterrupted}. */
  SweepEvent awaitOutcome() throws InterruptedException {
    try {
      return outcome.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    }
  }

  /** Waits at most {@code timeout} for the sweep's end. */
  SweepEvent awaitOutcome(Duration timeout) throws InterruptedException, TimeoutException {
    try {
      return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    }
  }

  @Override
  public void close() {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // The JVM exits anyway; slots' daemon threads die with it.
    }
  }
}
