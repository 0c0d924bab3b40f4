package org.monosweep.benchmarks.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Busy and idle slot time on hand-made timelines (units: nanoseconds, small numbers). */
class SlotTimelineTest {

  @Test
  void countsEachSlotsGapsBetweenCellsWhileCellsArePending() {
    // Two slots, window 0..100, cells pending throughout.
    // slot A: cells 0-40 and 50-100 (gap 10); slot B: cells 5-60 and 80-100 (gaps 5 and 20).
    SlotTimeline timeline = SlotTimeline.create(2, new Interval(0, 100),
        List.of(new Interval(0, 40), new Interval(50, 100), new Interval(5, 60),
            new Interval(80, 100)),
        List.of(new Interval(0, 100)));

    assertThat(timeline.heldNanos()).isEqualTo(40 + 50 + 55 + 20);
    assertThat(timeline.idleWhilePendingNanos()).isEqualTo(10 + 5 + 20);
    assertThat(timeline.slotNanos()).isEqualTo(200);
    assertThat(timeline.idleFractionWhilePending()).isEqualTo(35 / 200.0);
  }

  @Test
  void idleTimeWhenNothingIsPendingDoesNotCount() {
    // One slot busy 0-50, then idle 50-100; the last cell was handed out at 40.
    SlotTimeline timeline = SlotTimeline.create(1, new Interval(0, 100),
        List.of(new Interval(0, 50)), List.of(new Interval(0, 40)));

    assertThat(timeline.idleWhilePendingNanos()).isZero();
    assertThat(timeline.idleFractionWhilePending()).isZero();
    assertThat(timeline.lastHoldEnd()).isEqualTo(50);
  }

  @Test
  void separatePendingStretchesEachCountTheirOwnIdleTime() {
    // One slot: idle 0-10 (pending), busy 10-30, idle 30-60 (pending only 50-60), busy 60-70.
    SlotTimeline timeline = SlotTimeline.create(1, new Interval(0, 70),
        List.of(new Interval(10, 30), new Interval(60, 70)),
        List.of(new Interval(0, 20), new Interval(50, 65)));

    assertThat(timeline.idleWhilePendingNanos()).isEqualTo(10 + 10);
  }

  @Test
  void overlappingPendingStretchesAreCountedOnce() {
    SlotTimeline timeline = SlotTimeline.create(1, new Interval(0, 100), List.of(),
        List.of(new Interval(0, 60), new Interval(40, 80)));

    assertThat(timeline.idleWhilePendingNanos()).isEqualTo(80);
  }

  @Test
  void holdsAndPendingStretchesAreClippedToTheWindow() {
    SlotTimeline timeline = SlotTimeline.create(2, new Interval(100, 200),
        List.of(new Interval(50, 150), new Interval(190, 260)),
        List.of(new Interval(0, 300)));

    assertThat(timeline.heldNanos()).isEqualTo(50 + 10);
    assertThat(timeline.lastHoldEnd()).isEqualTo(200);
    assertThat(timeline.idleWhilePendingNanos()).isEqualTo(200 - 60);
    assertThat(timeline.idleFractionWhilePending()).isEqualTo(0.7);
  }

  @Test
  void slotsThatNeverRanACellAreIdleTheWholePendingTime() {
    // Four slots, one of them ever busy.
    SlotTimeline timeline = SlotTimeline.create(4, new Interval(0, 10),
        List.of(new Interval(0, 10)), List.of(new Interval(0, 10)));

    assertThat(timeline.idleFractionWhilePending()).isEqualTo(0.75);
  }

  @Test
  void anEmptyWindowHasNoIdleFraction() {
    SlotTimeline timeline = SlotTimeline.create(3, new Interval(5, 5), List.of(), List.of());

    assertThat(timeline.idleFractionWhilePending()).isZero();
  }

  @Test
  void rejectsATimelineWithoutSlotsAndAnIntervalThatEndsBeforeItStarts() {
    assertThatThrownBy(() -> SlotTimeline.create(0, new Interval(0, 1), List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Interval(2, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
