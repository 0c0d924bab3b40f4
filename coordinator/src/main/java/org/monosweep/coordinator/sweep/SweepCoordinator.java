package org.monosweep.coordinator.sweep;

import akka.actor.Address;
import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.delivery.ConsumerController;
import akka.actor.typed.delivery.ProducerController;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.actor.typed.receptionist.Receptionist;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.monosweep.coordinator.dispatch.Assignment;
import org.monosweep.coordinator.dispatch.CellBook;
import org.monosweep.coordinator.dispatch.CellStatus;
import org.monosweep.coordinator.dispatch.InFlightCell;
import org.monosweep.coordinator.dispatch.ReportDecision;
import org.monosweep.coordinator.dispatch.SlotTable;
import org.monosweep.coordinator.dispatch.SweepCounts;
import org.monosweep.coordinator.sweep.SweepEvent.CellFinished;
import org.monosweep.coordinator.sweep.SweepEvent.CellProgressed;
import org.monosweep.coordinator.sweep.SweepEvent.CellStateChanged;
import org.monosweep.coordinator.sweep.SweepEvent.SweepFinished;
import org.monosweep.coordinator.sweep.SweepEvent.SweepInterrupted;
import org.monosweep.coordinator.sweep.SweepEvent.SweepProgressed;
import org.monosweep.coordinator.sweep.SweepEvent.SweepStarted;
import org.monosweep.coordinator.writer.ResultsWriter;
import org.monosweep.protocol.ArtifactUpload;
import org.monosweep.protocol.CborSerializable;
import org.monosweep.protocol.CellReport.CellCompleted;
import org.monosweep.protocol.CellReport.CellFailed;
import org.monosweep.protocol.CellReport.CellProgress;
import org.monosweep.protocol.CellReport.CellStarted;
import org.monosweep.protocol.CellReport;
import org.monosweep.protocol.CellResult;
import org.monosweep.protocol.RunCell;
import org.monosweep.protocol.ServiceKeys;
import org.monosweep.spec.SweepSpec;

/**
 * Owns one sweep: asks the results writer which cells are already done, hands the others to
 * worker slots as they ask for work, follows their reports, retries failed cells, records every
 * step with the writer and tells a listener what happens. It stops once the sweep has finished
 * or was interrupted, and the writer has flushed.
 *
 * <p><b>Work pulling.</b> Slots register a {@code ConsumerController} under {@link
 * ServiceKeys#CELL_WORKERS}; the coordinator finds them through the Receptionist and gives each
 * one a {@code ProducerController} of Akka's reliable delivery. A slot gets a cell only when its
 * producer has demand <em>and</em> the slot holds no unfinished attempt, so a slot never holds
 * more than one cell. (Akka's {@code WorkPullingProducerController} cannot promise that: a
 * consumer's flow-control window below 3 stalls, and a window of 3 lets two more cells queue at
 * a busy slot while another slot idles; it also resends a lost slot's cell silently as the same
 * attempt, so a cell that kills its node would loop. Here a lost slot's attempt counts as a
 * failed attempt.)
 *
 * <p>The coordinator is independent of how it is spawned: plainly, or later as a cluster
 * singleton under supervision. Bookkeeping lives in {@link CellBook} and {@link SlotTable}; this
 * actor carries out their decisions.
 */
public final class SweepCoordinator extends AbstractBehavior<SweepCoordinator.Command> {

  /** What the coordinator accepts from outside. */
  public sealed interface Command extends CborSerializable {}

  /**
   * Stop handing out cells, record each cell out on a slot as interrupted (the next run resumes
   * it), flush the writer, reply, and stop. Cells already on slots are not cancelled; their late
   * reports are dropped.
   */
  public record Interrupt(ActorRef<Interrupted> replyTo) implements Command {
    public Interrupt {
      Objects.requireNonNull(replyTo, "replyTo");
    }
  }

  /**
   * The answer to {@link Interrupt}, once the writer has flushed.
   *
   * @param cellsInterrupted the cells that were out on slots and are recorded as interrupted
   */
  public record Interrupted(String sweep, int cellsInterrupted) implements CborSerializable {}

  private record WrappedRegistration(ResultsWriter.SweepRegistered registered, Throwable failure)
      implements Command, NoSerializationVerificationNeeded {}

  private record WrappedFlush(ResultsWriter.Flushed flushed, Throwable failure)
      implements Command, NoSerializationVerificationNeeded {}

  private record WrappedReport(CellReport report)
      implements Command, NoSerializationVerificationNeeded {}

  private record WrappedWorkers(Set<ActorRef<ConsumerController.Command<RunCell>>> workers)
      implements Command, NoSerializationVerificationNeeded {}

  private record WrappedRequestNext(ProducerController.RequestNext<RunCell> next)
      implements Command, NoSerializationVerificationNeeded {}

  private enum ProgressTick implements Command, NoSerializationVerificationNeeded { INSTANCE }

  private enum RetryDue implements Command, NoSerializationVerificationNeeded { INSTANCE }

  private enum LeaseCheck implements Command, NoSerializationVerificationNeeded { INSTANCE }

  private enum Phase { REGISTERING, RUNNING, FINISHING, INTERRUPTING }

  /** A worker slot's consumer and the producer this coordinator feeds it through. */
  private record SlotLink(String id, ActorRef<ProducerController.Command<RunCell>> producer) {}

  private final SweepSpec spec;
  private final ActorRef<ResultsWriter.Command> results;
  private final ActorRef<ArtifactUpload> artifacts;
  private final NodeAdmission admission;
  private final CoordinatorSettings settings;
  private final ActorRef<SweepEvent> listener;
  private final TimerScheduler<Command> timers;
  private final Clock clock;
  private final ActorRef<CellReport> reportAdapter;
  private final ActorRef<ProducerController.RequestNext<RunCell>> requestNextAdapter;
  private final SlotTable<ActorRef<RunCell>> slots = SlotTable.create();
  private final Map<ActorRef<ConsumerController.Command<RunCell>>, SlotLink> links =
      new HashMap<>();
  private final List<ActorRef<Interrupted>> interruptWaiters = new ArrayList<>();
  private CellBook book;
  private Phase phase = Phase.REGISTERING;
  private int slotsEverSeen;
  private int cellsInterrupted;

  private SweepCoordinator(ActorContext<Command> context, TimerScheduler<Command> timers,
      SweepSpec spec, ActorRef<ResultsWriter.Command> results,
      ActorRef<ArtifactUpload> artifacts, CoordinatorSettings settings,
      ActorRef<SweepEvent> listener, Clock clock) {
    super(context);
    this.timers = timers;
    this.spec = spec;
    this.results = results;
    this.artifacts = artifacts;
    this.admission = NodeAdmission.of(context.getSystem(), context.getLog());
    this.settings = settings;
    this.listener = listener;
    this.clock = clock;
    this.reportAdapter = context.messageAdapter(CellReport.class, WrappedReport::new);
    this.requestNextAdapter = context.messageAdapter(
        ProducerController.requestNextClass(), WrappedRequestNext::new);
    ActorRef<Receptionist.Listing> listingAdapter = context.messageAdapter(
        Receptionist.Listing.class,
        listing -> new WrappedWorkers(listing.getAllServiceInstances(ServiceKeys.CELL_WORKERS)));
    context.getSystem().receptionist()
        .tell(Receptionist.subscribe(ServiceKeys.CELL_WORKERS, listingAdapter));
    context.ask(ResultsWriter.SweepRegistered.class, results, settings.registerTimeout(),
        replyTo -> new ResultsWriter.RegisterSweep(spec.name(), spec.origin(), spec.cells(),
            replyTo),
        WrappedRegistration::new);
  }

  /**
   * A coordinator for {@code spec}.
   *
   * @param spec the sweep, expanded and validated
   * @param results the results writer: asked which cells are done, told every start, result,
   *     failure and interruption, and flushed at the end
   * @param settings retries, timeouts and the progress interval
   * @param listener receives the {@link SweepEvent}s
   */
  public static Behavior<Command> create(SweepSpec spec, ActorRef<ResultsWriter.Command> results,
      CoordinatorSettings settings, ActorRef<SweepEvent> listener) {
    return create(spec, results, settings, listener, Clock.systemUTC());
  }

  /** As {@link #create(SweepSpec, ActorRef, CoordinatorSettings, ActorRef)}, with a clock. */
  public static Behavior<Command> create(SweepSpec spec, ActorRef<ResultsWriter.Command> results,
      CoordinatorSettings settings, ActorRef<SweepEvent> listener, Clock clock) {
    return create(spec, results, null, settings, listener, clock);
  }

  /**
   * A coordinator whose nodes upload each cell's files to {@code artifacts} before they report
   * it done, for nodes that do not share the coordinator's file system.
   *
   * @param artifacts the artifact store the nodes upload to; null to leave files on the nodes
   */
  public static Behavior<Command> create(SweepSpec spec, ActorRef<ResultsWriter.Command> results,
      ActorRef<ArtifactUpload> artifacts, CoordinatorSettings settings,
      ActorRef<SweepEvent> listener, Clock clock) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(results, "results");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(clock, "clock");
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> new SweepCoordinator(context,
        timers, spec, results, artifacts, settings, listener, clock)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(WrappedRegistration.class, this::onRegistration)
        .onMessage(WrappedWorkers.class, this::onWorkers)
        .onMessage(WrappedRequestNext.class, this::onRequestNext)
        .onMessage(WrappedReport.class, this::onReport)
        .onMessage(RetryDue.class, due -> onRetryDue())
        .onMessage(LeaseCheck.class, check -> onLeaseCheck())
        .onMessage(ProgressTick.class, tick -> onProgressTick())
        .onMessage(Interrupt.class, this::onInterrupt)
        .onMessage(WrappedFlush.class, this::onFlush)
        .build();
  }

  private Behavior<Command> onRegistration(WrappedRegistration registration) {
    if (phase != Phase.REGISTERING) {
      return this; // interrupted while registering
    }
    if (registration.failure() != null) {
      // Without knowing what is done, running anything could redo finished cells: fail, and let
      // the parent (or the singleton's supervisor) decide.
      throw new IllegalStateException("results writer did not register sweep '" + spec.name()
          + "' within " + settings.registerTimeout(), registration.failure());
    }
    book = CellBook.create(spec.cells(), registration.registered().finished(),
        registration.registered().attemptsMade(), settings.retryPolicy(), clock);
    phase = Phase.RUNNING;
    SweepCounts counts = book.counts();
    getContext().getLog().info("sweep '{}': {} cells, {} already done", spec.name(),
        counts.total(), counts.done());
    listener.tell(new SweepStarted(spec.name(), counts.total(), counts.done()));
    emitProgress();
    if (book.finished()) {
      return finish();
    }
    timers.startTimerWithFixedDelay(ProgressTick.INSTANCE, settings.progressInterval());
    timers.startTimerWithFixedDelay(LeaseCheck.INSTANCE, settings.leaseCheckInterval());
    dispatch();
    return this;
  }

  private Behavior<Command> onWorkers(WrappedWorkers listing) {
    if (phase == Phase.FINISHING || phase == Phase.INTERRUPTING) {
      return this;
    }
    Set<ActorRef<ConsumerController.Command<RunCell>>> gone = new HashSet<>(links.keySet());
    gone.removeAll(listing.workers());
    for (ActorRef<ConsumerController.Command<RunCell>> worker : gone) {
      removeSlot(worker);
    }
    for (ActorRef<ConsumerController.Command<RunCell>> worker : listing.workers()) {
      if (!links.containsKey(worker) && admission.admits(worker.path().address())) {
        addSlot(worker);
      }
    }
    dispatch();
    return finishIfDone();
  }

  private Behavior<Command> onRequestNext(WrappedRequestNext request) {
    slots.demand(request.next().producerId(), request.next().sendNextTo());
    dispatch();
    return this;
  }

  private Behavior<Command> onReport(WrappedReport wrapped) {
    CellReport report = wrapped.report();
    if (phase != Phase.RUNNING) {
      getContext().getLog().debug("sweep '{}' is over; dropping {}", spec.name(), report);
      return this;
    }
    if (!report.sweep().equals(spec.name())) {
      getContext().getLog().warn("dropping a report for sweep '{}' sent to sweep '{}': {}",
          report.sweep(), spec.name(), report);
      return this;
    }
    if (report instanceof CellProgress progress) {
      onProgress(progress);
      return this;
    }
    if (report instanceof CellReport.CellAlive alive) {
      if (!book.onAlive(alive.cellId(), alive.attempt())) {
        getContext().getLog().debug("sweep '{}': dropping a lease renewal of cell {} attempt {}"
            + " from {}: not in flight", spec.name(), alive.cellId(), alive.attempt(), alive.node());
      }
      return this;
    }
    if (report instanceof CellStarted started) {
      carryOut(book.onStarted(started.cellId(), started.attempt(), started.node()), null);
    } else if (report instanceof CellCompleted completed) {
      slots.release(completed.cellId(), completed.attempt());
      carryOut(book.onCompleted(completed.cellId(), completed.attempt(), completed.node()),
          completed.result());
    } else if (report instanceof CellFailed failed) {
      slots.release(failed.cellId(), failed.attempt());
      carryOut(book.onFailed(failed.cellId(), failed.attempt(), failed.node(), failed.reason(),
          failed.retryable()), null);
    }
    dispatch();
    return finishIfDone();
  }

  private Behavior<Command> onRetryDue() {
    dispatch();
    return this;
  }

  /** Takes back the attempts whose node stopped renewing their lease, and runs them elsewhere. */
  private Behavior<Command> onLeaseCheck() {
    if (phase != Phase.RUNNING) {
      return this;
    }
    for (InFlightCell expired : book.expiredLeases(settings.lease())) {
      slots.release(expired.cellId(), expired.attempt());
      carryOut(book.onSlotLost(expired.cellId(), expired.attempt(), "lease expired: no word from "
          + expired.node() + " for " + settings.lease().toSeconds() + " s"), null);
    }
    dispatch();
    return finishIfDone();
  }

  private Behavior<Command> onProgressTick() {
    if (phase == Phase.RUNNING) {
      emitProgress();
    }
    return this;
  }

  private Behavior<Command> onInterrupt(Interrupt interrupt) {
    interruptWaiters.add(interrupt.replyTo());
    if (phase == Phase.FINISHING || phase == Phase.INTERRUPTING) {
      return this; // answered once the flush under way completes
    }
    phase = Phase.INTERRUPTING;
    timers.cancelAll();
    if (book != null) {
      for (InFlightCell cell : book.inFlight()) {
        results.tell(new ResultsWriter.RecordInterrupted(spec.name(), cell.cellId(),
            cell.attempt()));
        listener.tell(new CellStateChanged(spec.name(), cell.cellId(),
            book.cell(cell.cellId()).label(), CellStatus.PENDING, cell.attempt(), cell.node(),
            "interrupted"));
        cellsInterrupted++;
      }
    }
    getContext().getLog().info("sweep '{}' interrupted with {} cells out on slots", spec.name(),
        cellsInterrupted);
    flush();
    return this;
  }

  private Behavior<Command> onFlush(WrappedFlush flush) {
    if (flush.failure() != null) {
      getContext().getLog().warn("results writer did not confirm the flush of sweep '{}' "
          + "within {}", spec.name(), settings.flushTimeout(), flush.failure());
    }
    SweepCounts counts = book != null
        ? book.counts()
        : new SweepCounts(spec.cells().size(), spec.cells().size(), 0, 0, 0);
    if (phase == Phase.FINISHING) {
      getContext().getLog().info("sweep '{}' finished: {} done, {} failed of {}", spec.name(),
          counts.done(), counts.failed(), counts.total());
      listener.tell(new SweepFinished(spec.name(), counts.done(), counts.failed(),
          counts.total()));
    } else {
      listener.tell(new SweepInterrupted(spec.name(), counts.done(), counts.failed(),
          cellsInterrupted, counts.total()));
    }
    for (ActorRef<Interrupted> waiter : interruptWaiters) {
      waiter.tell(new Interrupted(spec.name(), cellsInterrupted));
    }
    return Behaviors.stopped();
  }

  private void onProgress(CellProgress progress) {
    book.onProgress(progress.cellId(), progress.attempt()).ifPresent(cell ->
        listener.tell(new CellProgressed(spec.name(), progress.cellId(), cell.label(),
            progress.node(), progress.phase(), progress.epoch(), progress.epochs(),
            progress.loss(), progress.imagesPerSecond())));
  }

  /** Sends pending cells to free slots that asked for work, as long as there are both. */
  private void dispatch() {
    if (phase != Phase.RUNNING) {
      return;
    }
    boolean assigned = false;
    for (Optional<SlotTable.FreeSlot<ActorRef<RunCell>>> free = slots.nextFree();
        free.isPresent(); free = slots.nextFree()) {
      SlotTable.FreeSlot<ActorRef<RunCell>> slot = free.get();
      Optional<Assignment> next = book.assignNext(slot.label());
      if (next.isEmpty()) {
        wakeUpForRetry();
        break;
      }
      Assignment assignment = next.get();
      slots.assign(slot.id(), assignment.cell().id(), assignment.attempt());
      slot.demand().tell(new RunCell(spec.name(), assignment.cell(), assignment.attempt(),
          reportAdapter, artifacts));
      listener.tell(new CellStateChanged(spec.name(), assignment.cell().id(),
          assignment.cell().label(), CellStatus.ASSIGNED, assignment.attempt(), slot.label(), ""));
      assigned = true;
    }
    if (assigned) {
      emitProgress();
    }
  }

  /** Records and announces what the book decided about a report. */
  private void carryOut(ReportDecision decision, CellResult result) {
    String sweep = spec.name();
    if (decision instanceof ReportDecision.Ignored ignored) {
      getContext().getLog().debug("sweep '{}': ignoring a report for cell {} attempt {}: {}",
          sweep, ignored.cellId(), ignored.attempt(), ignored.reason());
      return;
    }
    if (decision instanceof ReportDecision.Started started) {
      results.tell(new ResultsWriter.RecordStarted(sweep, started.cell().id(), started.attempt(),
          started.node()));
      listener.tell(new CellStateChanged(sweep, started.cell().id(), started.cell().label(),
          CellStatus.RUNNING, started.attempt(), started.node(), ""));
    } else if (decision instanceof ReportDecision.Completed completed) {
      results.tell(new ResultsWriter.RecordCompleted(sweep, completed.cell().id(),
          completed.attempt(), completed.node(), result));
      listener.tell(new CellFinished(sweep, completed.cell().id(), completed.cell().label(),
          CellStatus.DONE, completed.attempt(), completed.node(), completed.took(), "",
          result.probes()));
    } else if (decision instanceof ReportDecision.Retrying retrying) {
      getContext().getLog().warn("cell {} ({}) attempt {} failed on {}: {}; retrying",
          retrying.cell().id(), retrying.cell().label(), retrying.attempt(), retrying.node(),
          retrying.reason());
      results.tell(new ResultsWriter.RecordFailed(sweep, retrying.cell().id(),
          retrying.attempt(), retrying.node(), retrying.reason(), false));
      listener.tell(new CellStateChanged(sweep, retrying.cell().id(), retrying.cell().label(),
          CellStatus.PENDING, retrying.attempt(), retrying.node(), retrying.reason()));
    } else if (decision instanceof ReportDecision.GaveUp gaveUp) {
      getContext().getLog().warn("cell {} ({}) failed for good on {}: {}", gaveUp.cell().id(),
          gaveUp.cell().label(), gaveUp.node(), gaveUp.reason());
      results.tell(new ResultsWriter.RecordFailed(sweep, gaveUp.cell().id(), gaveUp.attempt(),
          gaveUp.node(), gaveUp.reason(), true));
      listener.tell(new CellFinished(sweep, gaveUp.cell().id(), gaveUp.cell().label(),
          CellStatus.FAILED, gaveUp.attempt(), gaveUp.node(), gaveUp.took(), gaveUp.reason(),
          List.of()));
    }
    emitProgress();
  }

  private void addSlot(ActorRef<ConsumerController.Command<RunCell>> worker) {
    slotsEverSeen++;
    String id = "slot-" + slotsEverSeen;
    ActorRef<ProducerController.Command<RunCell>> producer = getContext().spawn(
        ProducerController.create(RunCell.class, id, Optional.empty()), "producer-" + slotsEverSeen);
    producer.tell(new ProducerController.Start<>(requestNextAdapter));
    producer.tell(new ProducerController.RegisterConsumer<>(worker));
    links.put(worker, new SlotLink(id, producer));
    slots.add(id, label(worker));
    getContext().getLog().debug("sweep '{}': worker slot {} joined as {}", spec.name(), worker, id);
  }

  private void removeSlot(ActorRef<ConsumerController.Command<RunCell>> worker) {
    SlotLink link = links.remove(worker);
    getContext().stop(link.producer());
    getContext().getLog().info("sweep '{}': worker slot {} left", spec.name(), worker);
    slots.remove(link.id()).ifPresent(held -> {
      if (book != null) {
        carryOut(book.onSlotLost(held.cellId(), held.attempt(),
            "worker slot " + label(worker) + " went away during the attempt"), null);
      }
    });
  }

  private Behavior<Command> finishIfDone() {
    return phase == Phase.RUNNING && book.finished() ? finish() : this;
  }

  private Behavior<Command> finish() {
    phase = Phase.FINISHING;
    timers.cancelAll();
    flush();
    return this;
  }

  private void flush() {
    getContext().ask(ResultsWriter.Flushed.class, results, settings.flushTimeout(),
        ResultsWriter.Flush::new, WrappedFlush::new);
  }

  private void wakeUpForRetry() {
    book.nextRetryAt().ifPresent(at -> {
      Duration delay = Duration.between(clock.instant(), at);
      timers.startSingleTimer(RetryDue.INSTANCE, delay.isNegative() ? Duration.ZERO : delay);
    });
  }

  private void emitProgress() {
    SweepCounts counts = book.counts();
    listener.tell(new SweepProgressed(spec.name(), counts.done(), counts.failed(),
        counts.inFlight(), counts.total(), book.eta(slots.size())));
  }

  private String label(ActorRef<?> worker) {
    Address address = worker.path().address();
    return (address.hasGlobalScope() ? address : getContext().getSystem().address()).hostPort();
  }
}
