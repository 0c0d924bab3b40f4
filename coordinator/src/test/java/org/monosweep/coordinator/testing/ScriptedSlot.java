package org.monosweep.coordinator.testing;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.delivery.ConsumerController;
import akka.actor.typed.javadsl.Behaviors;
import java.util.List;
import java.util.function.Function;
import org.monosweep.protocol.CellReport;
import org.monosweep.protocol.CellResult;
import org.monosweep.protocol.RunCell;
import org.monosweep.protocol.ServiceKeys;
import org.monosweep.spec.Cell;

/**
 * A worker slot for coordinator tests: a real {@code ConsumerController} registered under {@link
 * ServiceKeys#CELL_WORKERS}, and instead of training a script that decides how each attempt ends.
 * It reports like a real slot (started, one progress, completed or failed) and confirms the
 * delivery after reporting.
 */
public final class ScriptedSlot {
  private ScriptedSlot() {}

  /** How an attempt ends. */
  public sealed interface Outcome {}

  /** The attempt succeeds. */
  public record Complete() implements Outcome {}

  /** The attempt fails. */
  public record Fail(String reason, boolean retryable) implements Outcome {}

  /** The attempt starts and never ends. */
  public record Hold() implements Outcome {}

  /** The slot's messages (local only). */
  public sealed interface Command {}

  private record WrappedDelivery(ConsumerController.Delivery<RunCell> delivery)
      implements Command, NoSerializationVerificationNeeded {}

  /** A slot on node {@code node} that ends each attempt as {@code script} says. */
  public static Behavior<Command> create(String node, Function<RunCell, Outcome> script) {
    return Behaviors.setup(context -> {
      ActorRef<ConsumerController.Delivery<RunCell>> deliveries =
          context.messageAdapter(ConsumerController.deliveryClass(), WrappedDelivery::new);
      ActorRef<ConsumerController.Command<RunCell>> consumer =
          context.spawn(ConsumerController.create(ServiceKeys.CELL_WORKERS), "consumerController");
      consumer.tell(new ConsumerController.Start<>(deliveries));
      return Behaviors.receive(Command.class)
          .onMessage(WrappedDelivery.class, w -> run(node, script, w.delivery()))
          .build();
    });
  }

  /** A result whose conv1 accuracy encodes the cell's seed, so results are told apart. */
  public static CellResult resultFor(Cell cell) {
    return new CellResult(
        List.of(new CellResult.ProbeAccuracy("conv1", 0.5 + cell.seed() / 100.0, 1, 64)),
        List.of(new CellResult.EpochMetric("train", 1, 2, "loss", 0.5)), List.of(), 0.1, 0.1,
        List.of());
  }

  private static Behavior<Command> run(String node, Function<RunCell, Outcome> script,
      ConsumerController.Delivery<RunCell> delivery) {
    RunCell run = delivery.message();
    ActorRef<CellReport> to = run.replyTo();
    to.tell(new CellReport.CellStarted(run.sweep(), run.cell().id(), run.attempt(), node));
    Outcome outcome = script.apply(run);
    if (outcome instanceof Hold) {
      return Behaviors.same();
    }
    to.tell(new CellReport.CellProgress(run.sweep(), run.cell().id(), run.attempt(), node,
        "train", 1, 1, 0.5, 1000.0));
    if (outcome instanceof Fail fail) {
      to.tell(new CellReport.CellFailed(run.sweep(), run.cell().id(), run.attempt(), node,
          fail.reason(), fail.retryable()));
    } else {
      to.tell(new CellReport.CellCompleted(run.sweep(), run.cell().id(), run.attempt(), node,
          resultFor(run.cell())));
    }
    delivery.confirmTo().tell(ConsumerController.confirmed());
    return Behaviors.same();
  }
}
