package org.monosweep.gpunode.actor;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.PreRestart;
import akka.actor.typed.delivery.ConsumerController;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.monosweep.gpunode.train.CellFailure;
import org.monosweep.gpunode.train.CellRunContext;
import org.monosweep.gpunode.train.CellRunner;
import org.monosweep.protocol.CborSerializable;
import org.monosweep.protocol.CellReport;
import org.monosweep.protocol.CellResult;
import org.monosweep.protocol.RunCell;
import org.monosweep.protocol.ServiceKeys;

/**
 * One worker slot: a state machine that is {@code idle} until its {@code ConsumerController}
 * delivers a {@link RunCell}, {@code running} while the {@link CellRunner} trains the cell on the
 * blocking executor, and {@code reporting} when the run ended: it sends {@link
 * CellReport.CellCompleted} or {@link CellReport.CellFailed} and only then confirms the delivery,
 * so the slot takes its next cell after it has reported the last.
 *
 * <p>To the cell's {@code replyTo} it sends, in order: {@link CellReport.CellStarted}, one
 * {@link CellReport.CellProgress} per epoch the runner reports (sent straight from the training
 * thread; {@code tell} is thread-safe), and the final report. Every {@link Throwable} from the
 * runner ends the attempt as failed: a {@link CellFailure} says whether a retry can help,
 * anything else (an {@code OutOfMemoryError} included) is retryable. Each cell works in
 * {@code runsDir/cells/<cellId>}.
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

  /** The cell being worked on and how to end it. */
  private record Job(RunCell run, ActorRef<ConsumerController.Confirmed> confirmTo,
      AtomicBoolean cancelled) {}

  /** Longest failure reason sent; the full stack trace goes to the node's log. */
  private static final int MAX_REASON_LENGTH = 500;

  private final ActorContext<Command> context;
  private final CellRunner runner;
  private final String nodeName;
  private final Path runsDir;
  private final Executor blockingExecutor;

  private CellWorker(ActorContext<Command> context, CellRunner runner, String nodeName,
      Path runsDir, Executor blockingExecutor) {
    this.context = context;
    this.runner = runner;
    this.nodeName = nodeName;
    this.runsDir = runsDir;
    this.blockingExecutor = blockingExecutor;
  }

  /**
   * A worker slot.
   *
   * @param runner trains and probes a cell; called on {@code blockingExecutor}
   * @param nodeName how reports name this node
   * @param runsDir the node's runs folder; cell {@code c} works in {@code runsDir/cells/c}
   * @param blockingExecutor where cells run: a pool reserved for training, never an actor
   *     dispatcher (a cell blocks its thread for minutes to hours)
   */
  public static Behavior<Command> create(CellRunner runner, String nodeName, Path runsDir,
      Executor blockingExecutor) {
    Objects.requireNonNull(runner, "runner");
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(runsDir, "runsDir");
    Objects.requireNonNull(blockingExecutor, "blockingExecutor");
    return Behaviors.setup(context -> {
      ActorRef<ConsumerController.Delivery<RunCell>> deliveries =
          context.messageAdapter(ConsumerController.deliveryClass(), WrappedDelivery::new);
      ActorRef<ConsumerController.Command<RunCell>> consumer =
          context.spawn(ConsumerController.create(ServiceKeys.CELL_WORKERS), "consumerController");
      consumer.tell(new ConsumerController.Start<>(deliveries));
      return new CellWorker(context, runner, nodeName, runsDir, blockingExecutor).idle();
    });
  }

  private Behavior<Command> idle() {
    return Behaviors.receive(Command.class)
        .onMessage(WrappedDelivery.class, wrapped -> start(wrapped.delivery()))
        .build();
  }

  private Behavior<Command> running(Job job) {
    return Behaviors.receive(Command.class)
        .onMessage(RunFinished.class, finished -> reporting(job, finished))
        .onSignal(PostStop.class, signal -> cancel(job))
        .onSignal(PreRestart.class, signal -> cancel(job))
        .build();
  }

  /** Sends the final report, then confirms the delivery so the next cell can come. */
  private Behavior<Command> reporting(Job job, RunFinished finished) {
    RunCell run = job.run();
    if (finished.failure() == null && finished.result() != null) {
      run.replyTo().tell(new CellReport.CellCompleted(run.sweep(), run.cell().id(), run.attempt(),
          nodeName, finished.result()));
    } else {
      Throwable cause = finished.failure() == null
          ? new IllegalStateException("the cell runner returned no result")
          : unwrap(finished.failure());
      boolean retryable = finished.failure() != null
          && (!(cause instanceof CellFailure failure) || failure.retryable());
      context.getLog().warn("cell {} ({}) attempt {} failed{}", run.cell().id(),
          run.cell().label(), run.attempt(), retryable ? " (retryable)" : "", cause);
      run.replyTo().tell(new CellReport.CellFailed(run.sweep(), run.cell().id(), run.attempt(),
          nodeName, reason(cause), retryable));
    }
    job.confirmTo().tell(ConsumerController.confirmed());
    return idle();
  }

  private Behavior<Command> start(ConsumerController.Delivery<RunCell> delivery) {
    RunCell run = delivery.message();
    ActorRef<CellReport> replyTo = run.replyTo();
    replyTo.tell(new CellReport.CellStarted(run.sweep(), run.cell().id(), run.attempt(), nodeName));
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
    String line = text.strip().lines().findFirst().orElse(text).strip();
    return line.length() <= MAX_REASON_LENGTH ? line : line.substring(0, MAX_REASON_LENGTH - 3) + "...";
  }
}
