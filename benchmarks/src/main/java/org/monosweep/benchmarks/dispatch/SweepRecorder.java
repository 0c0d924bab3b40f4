package org.monosweep.benchmarks.dispatch;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.monosweep.coordinator.dispatch.CellStatus;
import org.monosweep.coordinator.sweep.SweepEvent;
import org.monosweep.spec.CellId;

/**
 * The coordinator's listener during a measured sweep: time-stamps the sweep's start and end and
 * the stretches during which cells were pending, and completes a future with the {@link
 * SweepRecording} when the sweep finishes.
 *
 * <p>Pending cells are counted from each {@code SweepProgressed} ({@code total - done - failed -
 * running}), which the coordinator sends after every batch of assignments and every report, so a
 * pending stretch closes when the last waiting cell was handed out and reopens if a failed cell
 * goes back to wait for a retry. It also stamps, per cell, when the coordinator announced its
 * assignment ({@code CellStateChanged} ASSIGNED) and its completion ({@code CellFinished} DONE):
 * with the runner's own stamps these split a slot's gap into the leg to the coordinator and the
 * leg back. Stamps are taken when the recorder handles an event, a little after it was sent.
 */
final class SweepRecorder {

  /** The coordinator stopped; sent by its parent after the coordinator's last event was queued. */
  enum CoordinatorStopped implements NoSerializationVerificationNeeded { INSTANCE }

  private final LongSupplier ticker;
  private final long spawnedAt;
  private final CompletableFuture<SweepRecording> outcome;
  private final List<Interval> pending = new ArrayList<>();
  private final Map<CellId, Long> assignedAt = new HashMap<>();
  private final Map<CellId, Long> completedAt = new HashMap<>();
  private long startedAt = -1;
  private long pendingSince = -1;

  private SweepRecorder(LongSupplier ticker, long spawnedAt,
      CompletableFuture<SweepRecording> outcome) {
    this.ticker = ticker;
    this.spawnedAt = spawnedAt;
    this.outcome = outcome;
  }

  /**
   * A recorder for a coordinator spawned at {@code spawnedAt}.
   *
   * @param ticker the benchmark's clock, in nanoseconds
   * @param outcome completed with the recording at {@code SweepFinished}; completed exceptionally
   *     if the sweep is interrupted or the coordinator stops without finishing
   */
  static Behavior<Object> create(LongSupplier ticker, long spawnedAt,
      CompletableFuture<SweepRecording> outcome) {
    return Behaviors.setup(context -> {
      SweepRecorder recorder = new SweepRecorder(ticker, spawnedAt, outcome);
      return Behaviors.receive(Object.class)
          .onMessage(SweepEvent.SweepStarted.class, recorder::onStarted)
          .onMessage(SweepEvent.SweepProgressed.class, recorder::onProgressed)
          .onMessage(SweepEvent.CellStateChanged.class, recorder::onCellStateChanged)
          .onMessage(SweepEvent.CellFinished.class, recorder::onCellFinished)
          .onMessage(SweepEvent.SweepFinished.class, recorder::onFinished)
          .onMessage(SweepEvent.SweepInterrupted.class, recorder::onInterrupted)
          .onMessage(CoordinatorStopped.class, stopped -> recorder.onCoordinatorStopped())
          .onMessage(SweepEvent.class, event -> Behaviors.same())
          .build();
    });
  }

  private Behavior<Object> onStarted(SweepEvent.SweepStarted started) {
    startedAt = ticker.getAsLong();
    setPending(started.total() - started.alreadyDone(), startedAt);
    return Behaviors.same();
  }

  private Behavior<Object> onProgressed(SweepEvent.SweepProgressed p) {
    if (startedAt >= 0) {
      setPending(p.total() - p.done() - p.failed() - p.running(), ticker.getAsLong());
    }
    return Behaviors.same();
  }

  private Behavior<Object> onCellStateChanged(SweepEvent.CellStateChanged changed) {
    if (changed.status() == CellStatus.ASSIGNED) {
      assignedAt.put(changed.cellId(), ticker.getAsLong());
    }
    return Behaviors.same();
  }

  private Behavior<Object> onCellFinished(SweepEvent.CellFinished finished) {
    if (finished.status() == CellStatus.DONE) {
      completedAt.put(finished.cellId(), ticker.getAsLong());
    }
    return Behaviors.same();
  }

  private Behavior<Object> onFinished(SweepEvent.SweepFinished finished) {
    long now = ticker.getAsLong();
    setPending(0, now);
    outcome.complete(new SweepRecording(spawnedAt, startedAt < 0 ? now : startedAt, now, pending,
        finished.total(), finished.done(), finished.failed(), assignedAt, completedAt));
    return Behaviors.same();
  }

  private Behavior<Object> onInterrupted(SweepEvent.SweepInterrupted interrupted) {
    outcome.completeExceptionally(new IllegalStateException("sweep " + interrupted.sweep()
        + " was interrupted: " + interrupted.done() + " of " + interrupted.total() + " done"));
    return Behaviors.same();
  }

  private Behavior<Object> onCoordinatorStopped() {
    outcome.completeExceptionally(new IllegalStateException(
        "the sweep coordinator stopped before the sweep finished; see the log"));
    return Behaviors.same();
  }

  private void setPending(int cellsPending, long now) {
    if (cellsPending > 0 && pendingSince < 0) {
      pendingSince = now;
    } else if (cellsPending <= 0 && pendingSince >= 0) {
      pending.add(new Interval(pendingSince, now));
      pendingSince = -1;
    }
  }
}
