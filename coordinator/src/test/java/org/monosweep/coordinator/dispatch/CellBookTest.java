package org.monosweep.coordinator.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.monosweep.coordinator.dispatch.ReportDecision.IgnoreReason;
import org.monosweep.coordinator.testing.MutableClock;
import org.monosweep.coordinator.testing.TestCells;
import org.monosweep.spec.Cell;
import org.monosweep.spec.CellId;

class CellBookTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final RetryPolicy THREE_TRIES =
      new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofMinutes(1));

  private final MutableClock clock = new MutableClock(T0);
  private final List<Cell> cells = TestCells.cells(3);

  private CellBook book(Set<CellId> done) {
    return CellBook.create(cells, done, THREE_TRIES, clock);
  }

  private CellId id(int i) {
    return cells.get(i).id();
  }

  @Test
  void handsOutPendingCellsInGridOrderAsFirstAttempts() {
    CellBook book = book(Set.of());
    assertThat(book.assignNext("s1")).contains(new Assignment(cells.get(0), 1));
    assertThat(book.assignNext("s2")).contains(new Assignment(cells.get(1), 1));
    assertThat(book.assignNext("s3")).contains(new Assignment(cells.get(2), 1));
    assertThat(book.assignNext("s4")).isEmpty();
    assertThat(book.state(id(0))).isEqualTo(new CellState.Assigned("s1", 1, T0));
    assertThat(book.counts()).isEqualTo(new SweepCounts(3, 0, 3, 0, 0));
  }

  @Test
  void cellsFinishedInAnEarlierRunAreDoneAndNeverHandedOut() {
    CellBook book = book(Set.of(id(0), id(2), CellId.ofCanonical("not in this grid")));
    assertThat(book.counts()).isEqualTo(new SweepCounts(3, 1, 0, 2, 0));
    assertThat(book.assignNext("s1")).contains(new Assignment(cells.get(1), 1));
    assertThat(book.assignNext("s1")).isEmpty();
  }

  @Test
  void startMovesAnAssignedCellToRunningOnTheReportingNode() {
    CellBook book = book(Set.of());
    book.assignNext("slot-a");
    clock.advance(Duration.ofSeconds(1));
    ReportDecision d = book.onStarted(id(0), 1, "gpu-7");
    assertThat(d).isEqualTo(new ReportDecision.Started(cells.get(0), 1, "gpu-7"));
    assertThat(book.state(id(0))).isEqualTo(new CellState.Running("gpu-7", 1, T0));
    assertThat(book.onStarted(id(0), 1, "gpu-7"))
        .isEqualTo(new ReportDecision.Ignored(id(0), 1, IgnoreReason.DUPLICATE));
  }

  @Test
  void completionMakesTheCellDoneWithItsDuration() {
    CellBook book = book(Set.of());
    book.assignNext("s");
    book.onStarted(id(0), 1, "n");
    clock.advance(Duration.ofSeconds(30));
    assertThat(book.onCompleted(id(0), 1, "n"))
        .isEqualTo(new ReportDecision.Completed(cells.get(0), 1, "n", Duration.ofSeconds(30)));
    assertThat(book.state(id(0))).isEqualTo(new CellState.Done("n", 1, Duration.ofSeconds(30)));
  }

  @Test
  void retriesARetryableFailureAfterBackoffUpToMaxAttemptsThenFails() {
    CellBook book = CellBook.create(List.of(cells.get(0)), Set.of(), THREE_TRIES, clock);
    book.assignNext("s");
    assertThat(book.onFailed(id(0), 1, "n", "NaN loss", true))
        .isEqualTo(new ReportDecision.Retrying(cells.get(0), 1, "n", "NaN loss",
            T0.plusSeconds(10)));
    assertThat(book.state(id(0))).isEqualTo(new CellState.Pending(1, T0.plusSeconds(10), "NaN loss"));
    assertThat(book.assignNext("s")).as("still backing off").isEmpty();
    assertThat(book.nextRetryAt()).contains(T0.plusSeconds(10));

    clock.advance(Duration.ofSeconds(10));
    assertThat(book.assignNext("s")).contains(new Assignment(cells.get(0), 2));
    Instant second = clock.instant();
    assertThat(book.onFailed(id(0), 2, "n", "NaN loss", true))
        .as("back-off doubles").isEqualTo(new ReportDecision.Retrying(cells.get(0), 2, "n",
            "NaN loss", second.plusSeconds(20)));

    clock.advance(Duration.ofSeconds(20));
    assertThat(book.assignNext("s")).contains(new Assignment(cells.get(0), 3));
    clock.advance(Duration.ofSeconds(5));
    assertThat(book.onFailed(id(0), 3, "n", "NaN loss", true)).isEqualTo(
        new ReportDecision.GaveUp(cells.get(0), 3, "n", "NaN loss (attempt 3 of 3)",
            Duration.ofSeconds(5)));
    assertThat(book.state(id(0))).isEqualTo(new CellState.Failed("NaN loss (attempt 3 of 3)", 3));
    assertThat(book.finished()).isTrue();
    assertThat(book.assignNext("s")).isEmpty();
    assertThat(book.nextRetryAt()).isEmpty();
  }

  @Test
  void aFailureThatARetryCannotFixFailsTheCellAtOnce() {
    CellBook book = book(Set.of());
    book.assignNext("s");
    assertThat(book.onFailed(id(0), 1, "n", "dataset missing", false))
        .isEqualTo(new ReportDecision.GaveUp(cells.get(0), 1, "n", "dataset missing",
            Duration.ZERO));
    assertThat(book.counts().failed()).isEqualTo(1);
  }

  @Test
  void retriesQueueBehindCellsThatWereAlreadyWaiting() {
    CellBook book = CellBook.create(cells, Set.of(),
        new RetryPolicy(3, Duration.ZERO, Duration.ZERO), clock);
    book.assignNext("s");
    book.onFailed(id(0), 1, "n", "flaky", true);
    assertThat(book.assignNext("s")).contains(new Assignment(cells.get(1), 1));
    assertThat(book.assignNext("s")).contains(new Assignment(cells.get(2), 1));
    assertThat(book.assignNext("s")).contains(new Assignment(cells.get(0), 2));
  }

  @Test
  void reportsOfASupersededAttemptAreIgnored() {
    CellBook book = CellBook.create(cells, Set.of(),
        new RetryPolicy(3, Duration.ZERO, Duration.ZERO), clock);
    book.assignNext("s");
    book.onFailed(id(0), 1, "n", "flaky", true);
    // attempt 1 already ended: anything more it says is stale, before and after attempt 2 starts
    assertThat(book.onCompleted(id(0), 1, "n"))
        .isEqualTo(new ReportDecision.Ignored(id(0), 1, IgnoreReason.STALE_ATTEMPT));
    book.assignNext("s");
    book.assignNext("s");
    assertThat(book.assignNext("s")).contains(new Assignment(cells.get(0), 2));
    assertThat(book.onStarted(id(0), 1, "old-node"))
        .isEqualTo(new ReportDecision.Ignored(id(0), 1, IgnoreReason.STALE_ATTEMPT));
    assertThat(book.onCompleted(id(0), 1, "old-node"))
        .isEqualTo(new ReportDecision.Ignored(id(0), 1, IgnoreReason.STALE_ATTEMPT));
    assertThat(book.onProgress(id(0), 1)).isEmpty();
    assertThat(book.onProgress(id(0), 2)).contains(cells.get(0));
    assertThat(book.state(id(0)).status()).isEqualTo(CellStatus.ASSIGNED);
  }

  @Test
  void reportsForUnknownCellsAreIgnored() {
    CellBook book = book(Set.of());
    CellId stranger = CellId.ofCanonical("elsewhere");
    assertThat(book.onCompleted(stranger, 1, "n"))
        .isEqualTo(new ReportDecision.Ignored(stranger, 1, IgnoreReason.UNKNOWN_CELL));
    assertThat(book.onFailed(stranger, 1, "n", "x", true))
        .isEqualTo(new ReportDecision.Ignored(stranger, 1, IgnoreReason.UNKNOWN_CELL));
    assertThat(book.onProgress(stranger, 1)).isEmpty();
    assertThatThrownBy(() -> book.state(stranger)).hasMessageContaining("not part of this sweep");
  }

  @Test
  void anAttemptDeliveredTwiceIsCountedOnce() {
    CellBook book = book(Set.of());
    book.assignNext("s");
    book.onStarted(id(0), 1, "node-a");
    assertThat(book.onStarted(id(0), 1, "node-b"))
        .as("the redelivered copy started elsewhere")
        .isEqualTo(new ReportDecision.Started(cells.get(0), 1, "node-b"));
    assertThat(book.onCompleted(id(0), 1, "node-b")).isInstanceOf(ReportDecision.Completed.class);
    assertThat(book.onCompleted(id(0), 1, "node-a"))
        .isEqualTo(new ReportDecision.Ignored(id(0), 1, IgnoreReason.DUPLICATE));
    assertThat(book.onFailed(id(0), 1, "node-a", "late failure of the copy", true))
        .isEqualTo(new ReportDecision.Ignored(id(0), 1, IgnoreReason.DUPLICATE));
    assertThat(book.counts()).isEqualTo(new SweepCounts(3, 2, 0, 1, 0));
  }

  @Test
  void aLostSlotCountsAsAFailedAttempt() {
    CellBook book = CellBook.create(List.of(cells.get(0)), Set.of(),
        new RetryPolicy(2, Duration.ZERO, Duration.ZERO), clock);
    book.assignNext("slot-a");
    assertThat(book.onSlotLost(id(0), 1, "node left")).isEqualTo(
        new ReportDecision.Retrying(cells.get(0), 1, "slot-a", "node left", T0));
    book.assignNext("slot-b");
    book.onStarted(id(0), 2, "node-b");
    assertThat(book.onSlotLost(id(0), 2, "node left")).isEqualTo(new ReportDecision.GaveUp(
        cells.get(0), 2, "node-b", "node left (attempt 2 of 2)", Duration.ZERO));
  }

  @Test
  void anAttemptUnheardOfForTheLeaseExpiresAndRenewalsKeepItAlive() {
    CellBook book = book(Set.of());
    Duration lease = Duration.ofSeconds(30);
    book.assignNext("slot-a");
    book.assignNext("slot-b");
    book.onStarted(id(0), 1, "node-a");
    book.onStarted(id(1), 1, "node-b");
    clock.advance(Duration.ofSeconds(20));
    assertThat(book.onAlive(id(0), 1)).isTrue();
    assertThat(book.onAlive(id(0), 2)).isFalse(); // not an attempt in flight
    clock.advance(Duration.ofSeconds(15));

    assertThat(book.expiredLeases(lease)).extracting(InFlightCell::cellId, InFlightCell::attempt,
        InFlightCell::node).containsExactly(org.assertj.core.groups.Tuple.tuple(id(1), 1, "node-b"));

    book.onSlotLost(id(1), 1, "lease expired");
    book.onProgress(id(0), 1);
    clock.advance(Duration.ofSeconds(29));
    assertThat(book.expiredLeases(lease)).isEmpty(); // progress renewed it, the retry waits
    book.onCompleted(id(0), 1, "node-a");
    clock.advance(Duration.ofMinutes(5));
    assertThat(book.expiredLeases(lease)).isEmpty();
  }

  @Test
  void attemptsAreNumberedAfterAnEarlierCoordinatorsAndRetriesCountOnlyThisBooks() {
    CellBook book = CellBook.create(List.of(cells.get(0)), Set.of(), Map.of(id(0), 4),
        new RetryPolicy(2, Duration.ZERO, Duration.ZERO), clock);
    assertThat(book.assignNext("slot-a").orElseThrow().attempt()).isEqualTo(5);
    // the report of attempt 4, sent to a coordinator that died, can never pass for ours
    assertThat(book.onCompleted(id(0), 4, "node-x")).isInstanceOf(ReportDecision.Ignored.class);
    assertThat(book.onFailed(id(0), 5, "node-a", "oom", true))
        .isInstanceOf(ReportDecision.Retrying.class);
    assertThat(book.assignNext("slot-a").orElseThrow().attempt()).isEqualTo(6);
    assertThat(book.onFailed(id(0), 6, "node-a", "oom", true)).isEqualTo(new ReportDecision.GaveUp(
        cells.get(0), 6, "node-a", "oom (attempt 2 of 2)", Duration.ZERO));
  }

  @Test
  void listsTheAttemptsInFlight() {
    CellBook book = book(Set.of());
    book.assignNext("slot-a");
    book.assignNext("slot-b");
    book.onStarted(id(1), 1, "node-b");
    assertThat(book.inFlight()).containsExactlyInAnyOrder(
        new InFlightCell(id(0), 1, "slot-a", T0), new InFlightCell(id(1), 1, "node-b", T0));
  }

  @Test
  void etaIsUnknownUntilACellFinishes() {
    CellBook book = book(Set.of());
    book.assignNext("s");
    assertThat(book.eta(1)).isEmpty();
  }

  @Test
  void etaSpreadsTheMeanCellDurationOfPendingAndRunningCellsOverTheSlots() {
    CellBook book = CellBook.create(TestCells.cells(6), Set.of(), THREE_TRIES, clock);
    List<Cell> six = TestCells.cells(6);
    book.assignNext("s");
    book.assignNext("s");
    clock.advance(Duration.ofSeconds(60));
    book.onCompleted(six.get(0).id(), 1, "n");
    clock.advance(Duration.ofSeconds(20));
    book.onCompleted(six.get(1).id(), 1, "n"); // took 80 s: mean 70 s
    book.assignNext("s");                       // running for 0 s: 70 s left
    clock.advance(Duration.ofSeconds(10));      // 60 s left, plus 3 pending x 70 s = 270 s
    assertThat(book.eta(2)).contains(Duration.ofSeconds(135));
    assertThat(book.eta(0)).as("at least one slot").contains(Duration.ofSeconds(270));
  }

  @Test
  void etaIsZeroWhenNothingIsLeft() {
    CellBook book = book(Set.of(id(0), id(1), id(2)));
    assertThat(book.finished()).isTrue();
    assertThat(book.eta(3)).isEqualTo(Optional.of(Duration.ZERO));
  }

  @Test
  void refusesAGridWithACellTwice() {
    assertThatThrownBy(() -> CellBook.create(List.of(cells.get(0), cells.get(0)), Set.of(),
        THREE_TRIES, clock)).hasMessageContaining("appears twice");
  }

  @Test
  void retryPolicyBackoffDoublesUpToItsMaximum() {
    RetryPolicy p = new RetryPolicy(10, Duration.ofSeconds(2), Duration.ofSeconds(10));
    assertThat(List.of(p.delayAfter(1), p.delayAfter(2), p.delayAfter(3), p.delayAfter(4)))
        .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
            Duration.ofSeconds(10));
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
        .hasMessageContaining("max-attempts must be >= 1, got 0");
  }
}
