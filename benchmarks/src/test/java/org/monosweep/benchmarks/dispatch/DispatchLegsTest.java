package org.monosweep.benchmarks.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.monosweep.spec.CellId;

class DispatchLegsTest {
  private static final long MS = 1_000_000L;
  private static final CellId A = new CellId("000000000000000a");
  private static final CellId B = new CellId("000000000000000b");
  private static final CellId C = new CellId("000000000000000c");

  @Test
  void splitsEachCellsGapIntoTheLegToTheCoordinatorAndTheLegBack() {
    List<HoldLog.Hold> holds = List.of(
        new HoldLog.Hold(A, new Interval(12 * MS, 100 * MS)),
        new HoldLog.Hold(B, new Interval(15 * MS, 120 * MS)),
        new HoldLog.Hold(C, new Interval(20 * MS, 130 * MS)));
    // C was never announced done (say the sweep was cut short): it has no report leg.
    DispatchLegs legs = DispatchLegs.of(holds, Map.of(A, 10 * MS, B, 11 * MS, C, 19 * MS),
        Map.of(A, 103 * MS, B, 121 * MS));

    assertThat(legs.dispatchMillis()).containsExactly(1.0, 2.0, 4.0);
    assertThat(legs.reportMillis()).containsExactly(1.0, 3.0);
    assertThat(String.join("\n", legs.describe()))
        .contains("report leg (runner returned -> coordinator announced the cell done):"
            + " mean 2.000 ms, p50 1.000 ms, p99 3.000 ms over 2 cells")
        .contains("mean 2.333 ms, p50 2.000 ms, p99 4.000 ms over 3 cells");
  }

  @Test
  void quantilesUseTheNearestRank() {
    double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    assertThat(DispatchLegs.quantile(sorted, 0.5)).isEqualTo(5);
    assertThat(DispatchLegs.quantile(sorted, 0.99)).isEqualTo(10);
    assertThat(DispatchLegs.quantile(sorted, 0.0)).isEqualTo(1);
    assertThat(DispatchLegs.quantile(new double[0], 0.5)).isZero();
  }
}
