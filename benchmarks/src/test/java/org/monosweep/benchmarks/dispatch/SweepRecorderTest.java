package org.monosweep.benchmarks.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.BehaviorTestKit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.monosweep.coordinator.dispatch.CellStatus;
import org.monosweep.coordinator.sweep.SweepEvent;
import org.monosweep.spec.CellId;

/** The recorder's time stamps and pending stretches, on a hand-set clock. */
class SweepRecorderTest {
  private static final String SWEEP = "s";

  private final AtomicLong now = new AtomicLong();
  private final CompletableFuture<SweepRecording> outcome = new CompletableFuture<>();
  private final BehaviorTestKit<Object> recorder =
      BehaviorTestKit.create(SweepRecorder.create(now::get, 5, outcome));

  @Test
  void recordsStartEndAndWhenTheLastPendingCellWasHandedOut() {
    at(10, new SweepEvent.SweepStarted(SWEEP, 3, 0));
    at(11, progressed(0, 2, 3)); // two assigned, one still pending
    at(20, progressed(1, 2, 3)); // the third assigned as the first finished
    at(30, progressed(3, 0, 3));
    at(40, new SweepEvent.SweepFinished(SWEEP, 3, 0, 3));

    assertThat(outcome).isCompletedWithValue(
        new SweepRecording(5, 10, 40, List.of(new Interval(10, 20)), 3, 3, 0, Map.of(),
            Map.of()));
    assertThat(outcome.join().registrationNanos()).isEqualTo(5);
  }

  @Test
  void aCellWaitingForARetryOpensAnotherPendingStretch() {
    at(10, new SweepEvent.SweepStarted(SWEEP, 2, 0));
    at(12, progressed(0, 2, 2));
    at(20, progressed(0, 1, 2)); // one failed and waits for its retry
    at(25, progressed(0, 2, 2));
    at(30, new SweepEvent.SweepFinished(SWEEP, 2, 0, 2));

    assertThat(outcome.join().pending())
        .containsExactly(new Interval(10, 12), new Interval(20, 25));
  }

  @Test
  void cellsAlreadyDoneAreNotPending() {
    at(10, new SweepEvent.SweepStarted(SWEEP, 2, 2));
    at(11, new SweepEvent.SweepFinished(SWEEP, 2, 0, 2));

    assertThat(outcome.join().pending()).isEmpty();
  }

  @Test
  void aCoordinatorThatStopsBeforeFinishingFailsTheOutcome() {
    at(10, new SweepEvent.SweepStarted(SWEEP, 2, 0));
    at(11, SweepRecorder.CoordinatorStopped.INSTANCE);

    assertThat(outcome).isCompletedExceptionally();
  }

  @Test
  void theCoordinatorStoppingAfterTheSweepFinishedChangesNothing() {
    at(10, new SweepEvent.SweepStarted(SWEEP, 1, 0));
    at(11, new SweepEvent.SweepFinished(SWEEP, 1, 0, 1));
    at(12, SweepRecorder.CoordinatorStopped.INSTANCE);

    assertThat(outcome).isCompletedWithValue(
        new SweepRecording(5, 10, 11, List.of(new Interval(10, 11)), 1, 1, 0, Map.of(),
            Map.of()));
  }

  @Test
  void stampsWhenEachCellWasLastAssignedAndWhenItWasAnnouncedDone() {
    CellId a = new CellId("00000000000000aa");
    CellId b = new CellId("00000000000000bb");
    at(10, new SweepEvent.SweepStarted(SWEEP, 2, 0));
    at(11, changed(a, CellStatus.ASSIGNED, 1));
    at(12, changed(b, CellStatus.ASSIGNED, 1));
    at(13, changed(a, CellStatus.RUNNING, 1));
    at(20, finished(b, CellStatus.FAILED, 1));
    at(21, changed(b, CellStatus.ASSIGNED, 2));
    at(30, finished(a, CellStatus.DONE, 1));
    at(40, finished(b, CellStatus.DONE, 2));
    at(41, new SweepEvent.SweepFinished(SWEEP, 2, 0, 2));

    assertThat(outcome.join().assignedAt()).isEqualTo(Map.of(a, 11L, b, 21L));
    assertThat(outcome.join().completedAt()).isEqualTo(Map.of(a, 30L, b, 40L));
  }

  private static SweepEvent.CellStateChanged changed(CellId id, CellStatus status, int attempt) {
    return new SweepEvent.CellStateChanged(SWEEP, id, "cell", status, attempt, "slot", "");
  }

  private static SweepEvent.CellFinished finished(CellId id, CellStatus status, int attempt) {
    return new SweepEvent.CellFinished(SWEEP, id, "cell", status, attempt, "node",
        Duration.ofMillis(1), status == CellStatus.DONE ? "" : "boom", List.of());
  }

  private void at(long time, Object message) {
    now.set(time);
    recorder.run(message);
  }

  private static SweepEvent.SweepProgressed progressed(int done, int running, int total) {
    return new SweepEvent.SweepProgressed(SWEEP, done, 0, running, total, Optional.empty());
  }
}
