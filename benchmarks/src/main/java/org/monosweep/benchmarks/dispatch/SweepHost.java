package org.monosweep.benchmarks.dispatch;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.Terminated;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.receptionist.Receptionist;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.monosweep.coordinator.sweep.CoordinatorSettings;
import org.monosweep.coordinator.sweep.SweepCoordinator;
import org.monosweep.coordinator.sweep.SweepEvent;
import org.monosweep.coordinator.writer.ResultsWriter;
import org.monosweep.protocol.ServiceKeys;
import org.monosweep.results.store.ResultStore;
import org.monosweep.spec.SweepSpec;

/**
 * The guardian of the benchmark's coordinator system. It waits until every worker slot of the
 * node systems is listed by the Receptionist, so dispatch is measured with all slots known, then
 * spawns the results writer, a {@link SweepRecorder} and the {@link SweepCoordinator}, exactly as
 * a real run wires them, and tells the recorder when the coordinator stops.
 */
final class SweepHost {

  /** The host's messages; all are internal. */
  interface Command extends NoSerializationVerificationNeeded {}

  private record WrappedListing(Receptionist.Listing listing) implements Command {}

  private final ActorContext<Command> context;
  private final SweepSpec spec;
  private final ResultStore store;
  private final int slots;
  private final LongSupplier ticker;
  private final CompletableFuture<Void> ready;
  private final CompletableFuture<SweepRecording> outcome;

  private SweepHost(ActorContext<Command> context, SweepSpec spec, ResultStore store, int slots,
      LongSupplier ticker, CompletableFuture<Void> ready,
      CompletableFuture<SweepRecording> outcome) {
    this.context = context;
    this.spec = spec;
    this.store = store;
    this.slots = slots;
    this.ticker = ticker;
    this.ready = ready;
    this.outcome = outcome;
  }

  /**
   * A host for one sweep.
   *
   * @param spec the sweep to run
   * @param store where the results writer writes
   * @param slots how many worker slots to wait for
   * @param ticker the benchmark's clock, in nanoseconds
   * @param ready completed when the slots are listed and the coordinator is spawned
   * @param outcome completed by the recorder when the sweep ends
   */
  static Behavior<Command> create(SweepSpec spec, ResultStore store, int slots,
      LongSupplier ticker, CompletableFuture<Void> ready,
      CompletableFuture<SweepRecording> outcome) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(ticker, "ticker");
    Objects.requireNonNull(ready, "ready");
    Objects.requireNonNull(outcome, "outcome");
    return Behaviors.setup(context -> {
      ActorRef<Receptionist.Listing> listings =
          context.messageAdapter(Receptionist.Listing.class, WrappedListing::new);
      context.getSystem().receptionist()
          .tell(Receptionist.subscribe(ServiceKeys.CELL_WORKERS, listings));
      return new SweepHost(context, spec, store, slots, ticker, ready, outcome).waitingForSlots();
    });
  }

  private Behavior<Command> waitingForSlots() {
    return Behaviors.receive(Command.class)
        .onMessage(WrappedListing.class, this::onListing)
        .build();
  }

  private Behavior<Command> onListing(WrappedListing wrapped) {
    int listed = wrapped.listing().getServiceInstances(ServiceKeys.CELL_WORKERS).size();
    return listed < slots ? Behaviors.same() : startSweep();
  }

  private Behavior<Command> startSweep() {
    ActorRef<ResultsWriter.Command> writer =
        context.spawn(ResultsWriter.create(store), "resultsWriter");
    long spawnedAt = ticker.getAsLong();
    ActorRef<Object> recorder =
        context.spawn(SweepRecorder.create(ticker, spawnedAt, outcome), "sweepRecorder");
    ActorRef<SweepCoordinator.Command> coordinator = context.spawn(
        SweepCoordinator.create(spec, writer, CoordinatorSettings.create(context.getSystem()),
            recorder.<SweepEvent>narrow()),
        "sweepCoordinator");
    context.watch(coordinator);
    ready.complete(null);
    return sweeping(recorder);
  }

  private Behavior<Command> sweeping(ActorRef<Object> recorder) {
    return Behaviors.receive(Command.class)
        .onMessage(WrappedListing.class, listing -> Behaviors.same())
        .onSignal(Terminated.class, terminated -> coordinatorStopped(recorder))
        .build();
  }

  private static Behavior<Command> coordinatorStopped(ActorRef<Object> recorder) {
    // Queued behind the coordinator's last event, so a sweep that finished is recorded first.
    recorder.tell(SweepRecorder.CoordinatorStopped.INSTANCE);
    return Behaviors.same();
  }
}
