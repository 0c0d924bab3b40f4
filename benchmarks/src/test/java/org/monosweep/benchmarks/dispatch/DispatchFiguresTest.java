package org.monosweep.benchmarks.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The printed figures follow their formulas. */
class DispatchFiguresTest {
  private static final long S = 1_000_000_000L;

  // 4 slots, 10 s wall, 20 cells of 1.5 s each held (30 s), 2 s idle while pending, 1 s drain.
  private final DispatchFigures figures =
      new DispatchFigures(Duration.ofMillis(1500), 20, 4, 3 * S, 10 * S, 30 * S, 2 * S, S);

  @Test
  void throughputIsCellsOverWall() {
    assertThat(figures.cellsPerSecond()).isCloseTo(2.0, within(1e-12));
  }

  @Test
  void overheadIsSlotTimeNotSpentHoldingPerCell() {
    // (4 x 10 s - 30 s) / 20 = 0.5 s
    assertThat(figures.overheadMsPerCell()).isCloseTo(500.0, within(1e-9));
    assertThat(figures.wallMsPerCell()).isCloseTo(500.0, within(1e-9));
    // (10 s - 30 s / 4) / 20 = 125 ms: the slot-time overhead shared by 4 slots
    assertThat(figures.amortisedOverheadMs()).isCloseTo(125.0, within(1e-9));
  }

  @Test
  void idleFractionIsIdleSlotTimeOverAllSlotTime() {
    assertThat(figures.idleFraction()).isCloseTo(0.05, within(1e-12));
  }

  @Test
  void describesEachFigureWithItsFormulaAndInputs() {
    assertThat(String.join("\n", figures.describe()))
        .contains("registration (RegisterSweep of 20 cells into H2, before the window): 3.00 s")
        .contains("10.000 s, of which 1.000 s after the last cell's hold")
        .contains("throughput = cells / wall = 20 / 10.000 s = 2.0 cells/s")
        .contains("(slots x wall - sum of hold) / cells = (4 x 10.000 s - 30.000 s) / 20"
            + " = 500.000 ms")
        .contains("wall / cells = 10.000 s / 20 = 500.0000 ms")
        .contains("(wall - sum of hold / slots) / cells = (10.000 s - 30.000 s / 4) / 20"
            + " = 125.0000 ms")
        .contains("= 2.000 s / (4 x 10.000 s) = 5.000 %");
  }

  @Test
  void aTimelineGivesItsSlotsWallHeldIdleAndDrainTime() {
    SlotTimeline timeline = SlotTimeline.create(2, new Interval(0, 10 * S),
        java.util.List.of(new Interval(0, 4 * S), new Interval(0, 7 * S)),
        java.util.List.of(new Interval(0, 5 * S)));

    DispatchFigures of = DispatchFigures.of(Duration.ZERO, 5, timeline, S);

    // idle: 4-5 s with one slot free; drain: last hold ends at 7 s, the window at 10 s
    assertThat(of).isEqualTo(new DispatchFigures(Duration.ZERO, 5, 2, S, 10 * S, 11 * S, S, 3 * S));
  }
}
