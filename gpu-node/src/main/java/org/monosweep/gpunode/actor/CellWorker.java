package org.monosweep.gpunode.actor;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.PreRestart;
import akka.actor.typed.delivery.ConsumerController;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.stream.Materializer;
import akka.stream.SourceRef;
import akka.stream.StreamRefAttributes;
import akka.stream.javadsl.FileIO;
import akka.stream.javadsl.StreamRefs;
import akka.util.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.monosweep.protocol.ArtifactUpload.ArtifactOffer;
import org.monosweep.protocol.ArtifactUpload.ArtifactsStored;
import org.monosweep.protocol.ArtifactUpload;
import org.monosweep.protocol.CborSerializable;
import org.monosweep.protocol.CellReport;
import org.monosweep.protocol.CellResult.ArtifactRef;
import org.monosweep.protocol.CellResult;
import org.monosweep.protocol.RunCell;
import org.monosweep.protocol.ServiceKeys;
import org.monosweep.spec.CellId;
import org.monosweep.trainer.train.CellFailure;
import org.monosweep.trainer.train.CellRunContext;
import org.monosweep.trainer.train.CellRunner;

/**
 * One worker slot: a state machine that is {@code idle} until its {@code ConsumerController}
 * delivers a {@link RunCell}, {@code running} while the {@link CellRunner} trains the cell on the
 * blocking executor, {@code uploading} while the coordinator's artifact store takes the cell's
 * files (only when the job names one), and then reports: it sends {@link
 * CellReport.CellCompleted} or {@link CellReport.CellFailed} and only then confirms the delivery,
 * so the slot takes its next cell after it has reported the last.
 *
 * <p>To the cell's {@code replyTo} it sends, in order: {@link CellReport.CellStarted}, one
 * {@link CellReport.CellProgress} per epoch the runner reports (sent straight from the training
 * thread; {@code tell} is thread-safe), and the final report. Between them, from the start until
 * the final report (so while the files upload too), a {@link CellReport.CellAlive} every
 * lease-renewal interval ({@link CellWorkerSettings#leaseRenewal()}) renews the coordinator's
 * lease on the attempt. Every {@link Throwable} from the runner ends the attempt as failed: a
 * {@link CellFailure} says whether a retry can help, anything else (an {@code OutOfMemoryError}
 * included) is retryable. Each cell works in {@code runsDir/cells/<cellId>}.
 *
 * <p>Files. When {@link RunCell#artifacts()} is null the coordinator shares this machine's file
 * system and the result's artifacts keep their local paths. Otherwise each file of a successful
 * result is offered as a stream reference ({@link SourceRef} of chunks of at most 64 KiB, far
 * below Artery's frame size) in one {@link ArtifactUpload}; the completion then carries the
 * store's {@link ArtifactsStored} paths instead of the local ones. A refused upload, or none
 * answered within {@link CellWorkerSettings#uploadTimeout()}, fails the attempt as retryable.
 * Replies for another cell or attempt (a late answer to an earlier upload) are ignored.
 *
 * <p>When the worker stops or restarts mid-cell (the node shuts down), the cell's cancellation
 * flag is set so the runner can stop at its next check; its late outcome is dropped.
 */
public final class CellWorker {

  /** The worker's messages; all are internal, it is driven by its ConsumerController. */
  public sealed interface Command extends CborSerializable {}

  private record WrappedDelivery(ConsumerController.Delivery<RunCell> delivery)
      implements Command, NoSerializationVerificationNeeded {}

  private record RunFinished(CellResult result, Throwable failure)
      implements Command, NoSerializationVerificationNeeded {}

  private enum LeaseTick implements Command, NoSerializationVerificationNeeded { INSTANCE }

  private record WrappedStored(ArtifactsStored stored)
      implements Command, NoSerializationVerificationNeeded {}

  private record UploadTimedOut(CellId cellId, int attempt)
      implements Command, NoSerializationVerificationNeeded {}

  private enum TimerKey { LEASE_RENEWAL, UPLOAD }

  /** The cell being worked on and how to end it. */
  private record Job(RunCell run, ActorRef<ConsumerController.Confirmed> confirmTo,
      AtomicBoolean cancelled) {}

  /** Longest failure reason sent; the full stack trace goes to the node's log. */
  private static final int MAX_REASON_LENGTH = 500;

  /** Upload chunk size: each chunk is one Artery message, far below its 256 KiB frame limit. */
  static final int CHUNK_BYTES = 64 * 1024;

  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final CellRunner runner;
  private final String nodeName;
  private final Path runsDir;
  private final Executor blockingExecutor;
  private final CellWorkerSettings settings;
  private final ActorRef<ArtifactsStored> storedReplies;

  private CellWorker(ActorContext<Command> context, TimerScheduler<Command> timers,
      CellRunner runner, String nodeName, Path runsDir, Executor blockingExecutor,
      CellWorkerSettings settings) {
    this.context = context;
    this.timers = timers;
    this.runner = runner;
    this.nodeName = nodeName;
    this.runsDir = runsDir;
    this.blockingExecutor = blockingExecutor;
    this.settings = settings;
    this.storedReplies = context.messageAdapter(ArtifactsStored.class, WrappedStored::new);
  }

  /**
   * A worker slot with the settings of the system's {@code monosweep.gpu-node} config section.
   *
   * @param runner trains and probes a cell; called on {@code blockingExecutor}
   * @param nodeName how reports name this node
   * @param runsDir the node's runs folder; cell {@code c} works in {@code runsDir/cells/c}
   * @param blockingExecutor where cells run: a pool reserved for training, never an actor
   *     dispatcher (a cell blocks its thread for minutes to hours)
   */
  public static Behavior<Command> create(CellRunner runner, String nodeName, Path runsDir,
      Executor blockingExecutor) {
    return Behaviors.setup(context -> create(runner, nodeName, runsDir, blockingExecutor,
        CellWorkerSettings.create(context.getSystem().settings().config())));
  }

  /**
   * A worker slot.
   *
   * @param runner trains and probes a cell; called on {@code blockingExecutor}
   * @param nodeName how reports name this node
   * @param runsDir the node's runs folder; cell {@code c} works in {@code runsDir/cells/c}
   * @param blockingExecutor where cells run: a pool reserved for training, never an actor
   *     dispatcher (a cell blocks its thread for minutes to hours)
   * @param settings lease renewal interval and upload timeout
   */
  public static Behavior<Command> create(CellRunner runner, String nodeName, Path runsDir,
      Executor blockingExecutor, CellWorkerSettings settings) {
    Objects.requireNonNull(runner, "runner");
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(runsDir, "runsDir");
    Objects.requireNonNull(blockingExecutor, "blockingExecutor");
    Objects.requireNonNull(settings, "settings");
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      ActorRef<ConsumerController.Delivery<RunCell>> deliveries =
          context.messageAdapter(ConsumerController.deliveryClass(), WrappedDelivery::new);
      ActorRef<ConsumerController.Command<RunCell>> consumer =
          context.spawn(ConsumerController.create(ServiceKeys.CELL_WORKERS), "consumerController");
      consumer.tell(new ConsumerController.Start<>(deliveries));
      return new CellWorker(context, timers, runner, nodeName, runsDir, blockingExecutor, settings)
          .idle();
    }));
  }

  private Behavior<Command> idle() {
    return Behaviors.receive(Command.class)
        .onMessage(WrappedDelivery.class, wrapped -> start(wrapped.delivery()))
        .onMessage(WrappedStored.class, wrapped -> ignoreStale(wrapped.stored()))
        .build();
  }

  private Behavior<Command> running(Job job) {
    return Behaviors.receive(Command.class)
        .onMessage(RunFinished.class, finished -> onRunFinished(job, finished))
        .onMessage(LeaseTick.class, tick -> renewLease(job))
        .onMessage(WrappedStored.class, wrapped -> ignoreStale(wrapped.stored()))
        .onSignal(PostStop.class, signal -> cancel(job))
        .onSignal(PreRestart.class, signal -> cancel(job))
        .build();
  }

  private Behavior<Command> uploading(Job job, CellResult result) {
    return Behaviors.receive(Command.class)
        .onMessage(WrappedStored.class, wrapped -> onStored(job, result, wrapped.stored()))
        .onMessage(UploadTimedOut.class, timedOut -> onUploadTimedOut(job, timedOut))
        .onMessage(LeaseTick.class, tick -> renewLease(job))
        .build();
  }

  private Behavior<Command> start(ConsumerController.Delivery<RunCell> delivery) {
    RunCell run = delivery.message();
    ActorRef<CellReport> replyTo = run.replyTo();
    replyTo.tell(new CellReport.CellStarted(run.sweep(), run.cell().id(), run.attempt(), nodeName));
    timers.startTimerWithFixedDelay(TimerKey.LEASE_RENEWAL, LeaseTick.INSTANCE,
        settings.leaseRenewal());
    AtomicBoolean cancelled = new AtomicBoolean();
    Path workDir = runsDir.resolve("cells").resolve(run.cell().id().value());
    CellRunContext runContext = new CellRunContext(workDir,
        (phase, epoch, epochs, loss, imagesPerSecond) -> replyTo.tell(new CellReport.CellProgress(
            run.sweep(), run.cell().id(), run.attempt(), nodeName, phase, epoch, epochs, loss,
            imagesPerSecond)),
        cancelled::get);
    CompletionStage<CellResult> outcome;
    try {
      outcome = CompletableFuture.supplyAsync(() -> runIn(workDir, run, runContext), blockingExecutor);
    } catch (RejectedExecutionException e) {
      outcome = CompletableFuture.failedFuture(e);
    }
    context.pipeToSelf(outcome, RunFinished::new);
    return running(new Job(run, delivery.confirmTo(), cancelled));
  }

  /** Runs on the blocking executor. */
  private CellResult runIn(Path workDir, RunCell run, CellRunContext runContext) {
    try {
      Files.createDirectories(workDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the cell folder " + workDir, e);
    }
    return runner.run(run.cell(), runContext);
  }

  private Behavior<Command> renewLease(Job job) {
    RunCell run = job.run();
    run.replyTo().tell(new CellReport.CellAlive(run.sweep(), run.cell().id(), run.attempt(), nodeName));
    return Behaviors.same();
  }

  private Behavior<Command> onRunFinished(Job job, RunFinished finished) {
    RunCell run = job.run();
    if (finished.failure() != null || finished.result() == null) {
      return reportFailure(job, finished.failure());
    }
    CellResult result = finished.result();
    if (run.artifacts() == null || result.artifacts().isEmpty()) {
      return complete(job, result);
    }
    return upload(job, result);
  }

  /** Offers each of the result's files to the coordinator's store, then waits for its answer. */
  private Behavior<Command> upload(Job job, CellResult result) {
    RunCell run = job.run();
    List<ArtifactOffer> offers = new ArrayList<>(result.artifacts().size());
    try {
      Materializer materializer = Materializer.matFromSystem(context.getSystem());
      for (ArtifactRef artifact : result.artifacts()) {
        // The node's end of the stream waits for the store as long as this slot waits for its
        // answer: the store pulls a bounded number of files at once and may queue ours.
        SourceRef<ByteString> data = FileIO.fromPath(Path.of(artifact.path()), CHUNK_BYTES)
            .runWith(StreamRefs.<ByteString>sourceRef().addAttributes(
                StreamRefAttributes.subscriptionTimeout(settings.uploadTimeout())), materializer);
        offers.add(new ArtifactOffer(artifact, data));
      }
    } catch (RuntimeException e) {
      return fail(job, "cannot offer the cell's files: " + reason(e), true);
    }
    context.getLog().info("uploading {} file(s) ({} bytes) of cell {} attempt {}",
        offers.size(), result.artifacts().stream().mapToLong(ArtifactRef::sizeBytes).sum(),
        run.cell().id(), run.attempt());
    run.artifacts().tell(new ArtifactUpload(run.sweep(), run.cell().id(), run.attempt(), nodeName,
        offers, storedReplies));
    timers.startSingleTimer(TimerKey.UPLOAD, new UploadTimedOut(run.cell().id(), run.attempt()),
        settings.uploadTimeout());
    return uploading(job, result);
  }

  private Behavior<Command> onStored(Job job, CellResult result, ArtifactsStored stored) {
    RunCell run = job.run();
    if (!stored.cellId().equals(run.cell().id()) || stored.attempt() != run.attempt()) {
      return ignoreStale(stored);
    }
    if (!stored.ok()) {
      return fail(job, "artifact upload refused: " + stored.failure(), true);
    }
    if (stored.stored().size() != result.artifacts().size()) {
      return fail(job, "artifact upload incomplete: the store kept " + stored.stored().size()
          + " of " + result.artifacts().size() + " files", true);
    }
    return complete(job, new CellResult(result.probes(), result.metrics(), stored.stored(),
        result.trainSeconds(), result.probeSeconds(), result.flags()));
  }

  private Behavior<Command> onUploadTimedOut(Job job, UploadTimedOut timedOut) {
    RunCell run = job.run();
    if (!timedOut.cellId().equals(run.cell().id()) || timedOut.attempt() != run.attempt()) {
      return Behaviors.same();
    }
    long millis = settings.uploadTimeout().toMillis();
    return fail(job, "artifact upload timed out: the store did not answer within "
        + (millis < 10_000 ? millis + " ms" : millis / 1000 + " s"), true);
  }

  private Behavior<Command> ignoreStale(ArtifactsStored stored) {
    context.getLog().debug("ignoring a late artifact store reply for cell {} attempt {}",
        stored.cellId(), stored.attempt());
    return Behaviors.same();
  }

  private Behavior<Command> reportFailure(Job job, Throwable failure) {
    RunCell run = job.run();
    Throwable cause = failure == null
        ? new IllegalStateException("the cell runner returned no result")
        : unwrap(failure);
    boolean retryable = failure != null
        && (!(cause instanceof CellFailure cellFailure) || cellFailure.retryable());
    context.getLog().warn("cell {} ({}) attempt {} failed{}", run.cell().id(),
        run.cell().label(), run.attempt(), retryable ? " (retryable)" : "", cause);
    return report(job, new CellReport.CellFailed(run.sweep(), run.cell().id(), run.attempt(),
        nodeName, reason(cause), retryable));
  }

  private Behavior<Command> fail(Job job, String reason, boolean retryable) {
    RunCell run = job.run();
    context.getLog().warn("cell {} ({}) attempt {} failed{}: {}", run.cell().id(),
        run.cell().label(), run.attempt(), retryable ? " (retryable)" : "", reason);
    return report(job, new CellReport.CellFailed(run.sweep(), run.cell().id(), run.attempt(),
        nodeName, oneLine(reason), retryable));
  }

  private Behavior<Command> complete(Job job, CellResult result) {
    RunCell run = job.run();
    return report(job, new CellReport.CellCompleted(run.sweep(), run.cell().id(), run.attempt(),
        nodeName, result));
  }

  /** Sends the final report, then confirms the delivery so the next cell can come. */
  private Behavior<Command> report(Job job, CellReport finalReport) {
    timers.cancel(TimerKey.LEASE_RENEWAL);
    timers.cancel(TimerKey.UPLOAD);
    job.run().replyTo().tell(finalReport);
    job.confirmTo().tell(ConsumerController.confirmed());
    return idle();
  }

  private Behavior<Command> cancel(Job job) {
    job.cancelled().set(true);
    return Behaviors.same();
  }

  private static Throwable unwrap(Throwable t) {
    Throwable cause = t;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** A one-line reason: a CellFailure's own message, else the exception's type and message. */
  static String reason(Throwable cause) {
    String message = cause.getMessage();
    String text;
    if (cause instanceof CellFailure) {
      text = message == null || message.isBlank() ? "cell failed" : message;
    } else {
      text = message == null || message.isBlank()
          ? cause.getClass().getSimpleName()
          : cause.getClass().getSimpleName() + ": " + message;
    }
    return oneLine(text);
  }

  private static String oneLine(String text) {
    String line = text.strip().lines().findFirst().orElse(text).strip();
    return line.length() <= MAX_REASON_LENGTH ? line : line.substring(0, MAX_REASON_LENGTH - 3) + "...";
  }
}
