package org.monosweep.coordinator.writer;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.monosweep.protocol.CellResult;
import org.monosweep.results.store.CellRow;
import org.monosweep.results.store.CellStatus;
import org.monosweep.results.store.ResultStore;
import org.monosweep.results.store.StoreWrite;
import org.monosweep.results.store.WriteOutcome;
import org.monosweep.spec.Cell;
import org.monosweep.spec.CellId;

/**
 * The one actor that writes to the {@link ResultStore}. Commands queue up in the actor; whenever
 * no flush is in flight, everything queued (up to the batch limit) is written in one transaction
 * on a blocking dispatcher and the result comes back with {@code pipeToSelf}, so under load many
 * writes share a commit and the actor thread never waits on JDBC.
 *
 * <p>Writes are applied in the order received. A write that throws is logged with its cell id
 * and retried once in a transaction of its own; the other writes of its batch commit regardless.
 * A write that fails twice is logged and dropped. {@link Flush} answers once every write received
 * before it has been committed (or dropped). Times are taken from the injected clock when a
 * command arrives.
 *
 * <p>The protocol is local-only: the writer owns a database file on its own machine, so its
 * messages are never serialised and carry {@link NoSerializationVerificationNeeded}. The writer
 * does not close the store: whoever opened it closes it after the actor system terminated.
 */
public final class ResultsWriter extends AbstractBehavior<ResultsWriter.Command> {

  /** What the writer accepts. */
  public sealed interface Command extends NoSerializationVerificationNeeded {}

  /**
   * Registers a sweep and its cells (idempotent), marks the sweep's cells left RUNNING by an
   * earlier process INTERRUPTED, and replies with the cells that are already done.
   *
   * @param sweep the sweep's name
   * @param origin where its spec came from
   * @param cells the grid, in order
   * @param replyTo gets {@link SweepRegistered} once committed
   */
  public record RegisterSweep(String sweep, String origin, List<Cell> cells,
      ActorRef<SweepRegistered> replyTo) implements Command {
    public RegisterSweep {
      Objects.requireNonNull(sweep, "sweep");
      Objects.requireNonNull(origin, "origin");
      cells = List.copyOf(cells);
      Objects.requireNonNull(replyTo, "replyTo");
    }
  }

  /**
   * Reply to {@link RegisterSweep}.
   *
   * @param sweep the sweep's name
   * @param finished its cells that are done (possibly finished by another sweep with identical
   *     settings): a resumed run skips them. Empty if the store could not be read (then logged).
   * @param attemptsMade the latest attempt number recorded for each cell that was ever started:
   *     a coordinator that takes over numbers its attempts after these, so a report of an
   *     earlier attempt can never pass for one of its own
   */
  public record SweepRegistered(String sweep, Set<CellId> finished,
      Map<CellId, Integer> attemptsMade) implements NoSerializationVerificationNeeded {
    public SweepRegistered {
      Objects.requireNonNull(sweep, "sweep");
      finished = Set.copyOf(finished);
      attemptsMade = Map.copyOf(attemptsMade);
    }

    /** A registration of cells none of which was ever started. */
    public SweepRegistered(String sweep, Set<CellId> finished) {
      this(sweep, finished, Map.of());
    }
  }

  /**
   * Records a sweep submitted to a cluster, with its spec's text, so that a coordinator started
   * anywhere can resume it; answers once committed.
   *
   * @param sweep the sweep's name
   * @param origin where its spec came from
   * @param specText the spec as HOCON
   * @param replyTo gets {@link Flushed#INSTANCE} once the submission is committed
   */
  public record SubmitSpec(String sweep, String origin, String specText,
      ActorRef<Flushed> replyTo) implements Command {
    public SubmitSpec {
      Objects.requireNonNull(sweep, "sweep");
      Objects.requireNonNull(origin, "origin");
      Objects.requireNonNull(specText, "specText");
      Objects.requireNonNull(replyTo, "replyTo");
    }
  }

  /** A submitted sweep finished: a coordinator that starts later does not resume it. */
  public record CloseSpec(String sweep) implements Command {
    public CloseSpec {
      Objects.requireNonNull(sweep, "sweep");
    }
  }

  /**
   * An attempt of a cell started on a node.
   *
   * @param sweep the sweep it runs for (named in log lines)
   * @param cellId the cell
   * @param attempt the attempt number, from 1
   * @param node where it runs
   */
  public record RecordStarted(String sweep, CellId cellId, int attempt, String node)
      implements Command {
    public RecordStarted {
      Objects.requireNonNull(sweep, "sweep");
      Objects.requireNonNull(cellId, "cellId");
      Objects.requireNonNull(node, "node");
    }
  }

  /**
   * A cell finished; its status, probes, metrics and artifacts commit together. A second
   * completion of a done cell changes nothing.
   *
   * @param sweep the sweep it ran for (named in log lines)
   * @param cellId the cell
   * @param attempt the attempt that produced the result
   * @param node where it ran
   * @param result the outcome
   */
  public record RecordCompleted(String sweep, CellId cellId, int attempt, String node,
      CellResult result) implements Command {
    public RecordCompleted {
      Objects.requireNonNull(sweep, "sweep");
      Objects.requireNonNull(cellId, "cellId");
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(result, "result");
    }
  }

  /**
   * An attempt failed.
   *
   * @param sweep the sweep it ran for (named in log lines)
   * @param cellId the cell
   * @param attempt the attempt that failed
   * @param node where it ran
   * @param reason a one-line cause, shown in the report
   * @param finalFailure true when no retry follows (the cell becomes FAILED); false when the
   *     coordinator will retry it (the cell goes back to PENDING)
   */
  public record RecordFailed(String sweep, CellId cellId, int attempt, String node, String reason,
      boolean finalFailure) implements Command {
    public RecordFailed {
      Objects.requireNonNull(sweep, "sweep");
      Objects.requireNonNull(cellId, "cellId");
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * A running attempt was stopped (Ctrl-C); the cell becomes INTERRUPTED and the next run
   * resumes it.
   *
   * @param sweep the sweep it ran for (named in log lines)
   * @param cellId the cell
   * @param attempt the attempt that was running
   */
  public record RecordInterrupted(String sweep, CellId cellId, int attempt) implements Command {
    public RecordInterrupted {
      Objects.requireNonNull(sweep, "sweep");
      Objects.requireNonNull(cellId, "cellId");
    }
  }

  /**
   * Asks for {@link Flushed} once every write received before this command is committed (or,
   * having failed twice, logged and dropped). Send it before stopping the system.
   *
   * @param replyTo gets {@link Flushed#INSTANCE}
   */
  public record Flush(ActorRef<Flushed> replyTo) implements Command {
    public Flush {
      Objects.requireNonNull(replyTo, "replyTo");
    }
  }

  /** Reply to {@link Flush}: every earlier write is committed. */
  public enum Flushed implements NoSerializationVerificationNeeded {
    INSTANCE
  }

  /** A background flush ended; {@code error} is set only if the task itself broke. */
  private record BatchFinished(Batch batch, BatchResult result, Throwable error) implements Command {}

  /**
   * A queued command: the writes it stands for, the sweep they belong to (for log lines), and
   * whom to answer once they are committed.
   */
  private record Entry(List<StoreWrite> writes, String sweep, boolean registration,
      ActorRef<SweepRegistered> registrationReply, ActorRef<Flushed> flushReply) {

    static Entry write(String sweep, StoreWrite write) {
      return new Entry(List.of(write), sweep, false, null, null);
    }
  }

  /** The entries of one flush and their writes flattened in order, with each write's sweep. */
  private record Batch(List<Entry> entries, List<StoreWrite> writes, List<String> sweeps) {}

  /**
   * What a flush did, gathered off the actor thread and logged on it.
   *
   * @param commitError set when the batch transaction as a whole failed the first time
   * @param outcomes the outcome of each write (after the whole-batch retry, if there was one)
   * @param retries the outcomes of single-write retries, by index into the batch's writes
   * @param registered what each sweep registered in the batch found in the store
   * @param readErrors why reading a registered sweep's cells failed
   */
  private record BatchResult(RuntimeException commitError, List<WriteOutcome> outcomes,
      Map<Integer, WriteOutcome> retries, Map<String, SweepRegistered> registered,
      Map<String, RuntimeException> readErrors) {}

  private final ResultStore store;
  private final ResultsWriterSettings settings;
  private final Clock clock;
  private final Executor blockingExecutor;
  private final ArrayDeque<Entry> queue = new ArrayDeque<>();
  private boolean flushing;

  private ResultsWriter(ActorContext<Command> context, ResultStore store,
      ResultsWriterSettings settings, Clock clock) {
    super(context);
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.blockingExecutor = context.getSystem().dispatchers()
        .lookup(DispatcherSelector.fromConfig(settings.dispatcher()));
  }

  /**
   * A writer for {@code store} with the settings of the system's config and the UTC system clock.
   */
  public static Behavior<Command> create(ResultStore store) {
    Objects.requireNonNull(store, "store");
    return Behaviors.setup(context -> new ResultsWriter(context, store,
        ResultsWriterSettings.create(context.getSystem().settings().config()), Clock.systemUTC()));
  }

  /**
   * A writer for {@code store} with explicit settings and the clock event times are taken from.
   */
  public static Behavior<Command> create(ResultStore store, ResultsWriterSettings settings,
      Clock clock) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(clock, "clock");
    return Behaviors.setup(context -> new ResultsWriter(context, store, settings, clock));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(RegisterSweep.class, this::onRegisterSweep)
        .onMessage(RecordStarted.class, this::onRecordStarted)
        .onMessage(RecordCompleted.class, this::onRecordCompleted)
        .onMessage(RecordFailed.class, this::onRecordFailed)
        .onMessage(RecordInterrupted.class, this::onRecordInterrupted)
        .onMessage(Flush.class, this::onFlush)
        .onMessage(SubmitSpec.class, command -> enqueue(new Entry(List.of(
            new StoreWrite.SpecSubmission(command.sweep(), command.origin(), command.specText(),
                clock.instant())), command.sweep(), false, null, command.replyTo())))
        .onMessage(CloseSpec.class, command -> enqueue(Entry.write(command.sweep(),
            new StoreWrite.SpecCompletion(command.sweep(), clock.instant()))))
        .onMessage(BatchFinished.class, this::onBatchFinished)
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  private Behavior<Command> onRegisterSweep(RegisterSweep command) {
    var now = clock.instant();
    List<StoreWrite> writes = List.of(
        new StoreWrite.SweepRegistration(command.sweep(), command.origin(), command.cells(), now),
        // A cell still RUNNING when its sweep registers was left by a run that stopped (a crash,
        // or a restarted coordinator): it is interrupted so this run resumes it. A completion
        // that still arrives for it is accepted; a cell is only ever stored done once.
        new StoreWrite.SweepInterruption(command.sweep(), now));
    return enqueue(new Entry(writes, command.sweep(), true, command.replyTo(), null));
  }

  private Behavior<Command> onRecordStarted(RecordStarted command) {
    return enqueue(Entry.write(command.sweep(), new StoreWrite.CellStart(command.cellId(),
        command.attempt(), command.node(), clock.instant())));
  }

  private Behavior<Command> onRecordCompleted(RecordCompleted command) {
    return enqueue(Entry.write(command.sweep(), new StoreWrite.CellCompletion(command.cellId(),
        command.attempt(), command.node(), command.result(), clock.instant())));
  }

  private Behavior<Command> onRecordFailed(RecordFailed command) {
    return enqueue(Entry.write(command.sweep(), new StoreWrite.CellFailure(command.cellId(),
        command.attempt(), command.node(), command.reason(), command.finalFailure(),
        clock.instant())));
  }

  private Behavior<Command> onRecordInterrupted(RecordInterrupted command) {
    return enqueue(Entry.write(command.sweep(), new StoreWrite.CellInterruption(command.cellId(),
        command.attempt(), clock.instant())));
  }

  private Behavior<Command> onFlush(Flush command) {
    return enqueue(new Entry(List.of(), null, false, null, command.replyTo()));
  }

  private Behavior<Command> enqueue(Entry entry) {
    queue.addLast(entry);
    if (!flushing) {
      startFlush();
    }
    return this;
  }

  /** Starts writing the head of the queue, answering write-free entries (flushes) at once. */
  private void startFlush() {
    while (!queue.isEmpty()) {
      Batch batch = takeBatch();
      if (batch.writes().isEmpty()) {
        // Only Flush requests, and nothing is in flight: everything before them is committed.
        batch.entries().forEach(this::answerFlush);
        continue;
      }
      flushing = true;
      ResultStore target = store;
      List<String> registered = batch.entries().stream()
          .filter(Entry::registration).map(Entry::sweep).toList();
      CompletableFuture<BatchResult> task = CompletableFuture.supplyAsync(
          () -> write(target, batch.writes(), registered), blockingExecutor);
      getContext().pipeToSelf(task, (result, error) -> new BatchFinished(batch, result, error));
      return;
    }
  }

  private Batch takeBatch() {
    List<Entry> entries = new ArrayList<>();
    List<StoreWrite> writes = new ArrayList<>();
    List<String> sweeps = new ArrayList<>();
    while (!queue.isEmpty()) {
      Entry next = queue.peekFirst();
      if (!writes.isEmpty() && writes.size() + next.writes().size() > settings.maxBatchSize()) {
        break;
      }
      queue.removeFirst();
      entries.add(next);
      writes.addAll(next.writes());
      next.writes().forEach(w -> sweeps.add(next.sweep()));
    }
    return new Batch(List.copyOf(entries), List.copyOf(writes), List.copyOf(sweeps));
  }

  /**
   * Runs on the blocking dispatcher: one transaction for the batch, a retry of the whole batch if
   * it cannot commit, a retry of each write that failed on its own, then the reads the
   * registrations need. Touches no actor state.
   */
  private static BatchResult write(ResultStore store, List<StoreWrite> writes, List<String> sweeps) {
    RuntimeException commitError = null;
    List<WriteOutcome> outcomes;
    try {
      outcomes = store.applyAll(writes);
    } catch (RuntimeException first) {
      commitError = first;
      try {
        outcomes = store.applyAll(writes);
      } catch (RuntimeException second) {
        outcomes = writes.stream().map(w -> WriteOutcome.failed(w, second)).toList();
      }
    }
    Map<Integer, WriteOutcome> retries = new HashMap<>();
    if (commitError == null) {
      for (int i = 0; i < outcomes.size(); i++) {
        if (outcomes.get(i).failed()) {
          retries.put(i, retry(store, writes.get(i)));
        }
      }
    }
    Map<String, SweepRegistered> registered = new HashMap<>();
    Map<String, RuntimeException> readErrors = new HashMap<>();
    for (String sweep : sweeps) {
      try {
        registered.put(sweep, readRegistration(store, sweep));
      } catch (RuntimeException e) {
        readErrors.put(sweep, e);
      }
    }
    return new BatchResult(commitError, outcomes, retries, registered, readErrors);
  }

  private static SweepRegistered readRegistration(ResultStore store, String sweep) {
    Set<CellId> finished = new HashSet<>();
    Map<CellId, Integer> attempts = new HashMap<>();
    for (CellRow row : store.cells(sweep)) {
      if (row.state().status() == CellStatus.DONE) {
        finished.add(row.id());
      }
      if (row.state().attempt() > 0) {
        attempts.put(row.id(), row.state().attempt());
      }
    }
    return new SweepRegistered(sweep, finished, attempts);
  }

  private static WriteOutcome retry(ResultStore store, StoreWrite write) {
    try {
      return store.applyAll(List.of(write)).get(0);
    } catch (RuntimeException e) {
      return WriteOutcome.failed(write, e);
    }
  }

  private Behavior<Command> onBatchFinished(BatchFinished finished) {
    flushing = false;
    Batch batch = finished.batch();
    if (finished.error() != null) {
      getContext().getLog().error("Writing {} results broke unexpectedly; they may be lost",
          batch.writes().size(), finished.error());
    } else {
      logOutcomes(batch, finished.result());
    }
    for (Entry entry : batch.entries()) {
      if (entry.registration()) {
        answerRegistration(entry, finished.result());
      }
      answerFlush(entry);
    }
    startFlush();
    return this;
  }

  private void logOutcomes(Batch batch, BatchResult result) {
    var log = getContext().getLog();
    if (result.commitError() != null) {
      log.warn("A batch of {} result writes failed to commit; retried it once",
          batch.writes().size(), result.commitError());
    }
    for (int i = 0; i < result.outcomes().size(); i++) {
      WriteOutcome outcome = result.outcomes().get(i);
      if (!outcome.failed()) {
        continue;
      }
      WriteOutcome retried = result.retries().get(i);
      String sweep = batch.sweeps().get(i);
      if (retried == null) {
        log.error("Result write {} for {} of sweep {} failed twice and is dropped: {}",
            kind(outcome), outcome.write().target(), sweep, outcome.error().getMessage(),
            outcome.error());
      } else if (retried.failed()) {
        log.warn("Result write {} for {} of sweep {} failed, retrying once: {}",
            kind(outcome), outcome.write().target(), sweep, outcome.error().getMessage());
        log.error("Result write {} for {} of sweep {} failed twice and is dropped: {}",
            kind(retried), retried.write().target(), sweep, retried.error().getMessage(),
            retried.error());
      } else {
        log.warn("Result write {} for {} of sweep {} failed, and succeeded when retried: {}",
            kind(outcome), outcome.write().target(), sweep, outcome.error().getMessage());
      }
    }
  }

  private static String kind(WriteOutcome outcome) {
    return outcome.write().getClass().getSimpleName();
  }

  private void answerRegistration(Entry entry, BatchResult result) {
    String sweep = entry.sweep();
    SweepRegistered registered = result == null ? null : result.registered().get(sweep);
    if (registered == null) {
      RuntimeException error = result == null ? null : result.readErrors().get(sweep);
      getContext().getLog().error("Cannot read the finished cells of sweep {}; answering that none"
          + " is finished, so finished cells may run again (their results are kept once)", sweep, error);
      registered = new SweepRegistered(sweep, Set.of());
    }
    entry.registrationReply().tell(registered);
  }

  private void answerFlush(Entry entry) {
    if (entry.flushReply() != null) {
      entry.flushReply().tell(Flushed.INSTANCE);
    }
  }

  private Behavior<Command> onPostStop() {
    int pending = queue.stream().mapToInt(e -> e.writes().size()).sum();
    if (pending > 0) {
      getContext().getLog().warn("Results writer stopped with {} writes not committed: send Flush"
          + " and wait for Flushed before stopping", pending);
    }
    return this;
  }
}
