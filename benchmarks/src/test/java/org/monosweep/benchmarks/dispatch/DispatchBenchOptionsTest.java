package org.monosweep.benchmarks.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DispatchBenchOptionsTest {

  @Test
  void defaultsAreAHundredSlotsOnTwoSystemsTenThousandCellsAtZeroAndOneSecond() {
    DispatchBenchOptions options = DispatchBenchOptions.parse();

    assertThat(options.slots).isEqualTo(100);
    assertThat(options.systems).isEqualTo(2);
    assertThat(options.cells).isEqualTo(10_000);
    assertThat(options.cellHolds()).containsExactly(Duration.ZERO, Duration.ofSeconds(1));
    assertThat(options.folder()).isEqualTo(Path.of("runs", "bench-dispatch").toAbsolutePath());
  }

  @Test
  void takesValuesAfterASpaceOrAnEqualsSign() {
    DispatchBenchOptions options = DispatchBenchOptions.parse("--slots", "4", "--systems=2",
        "--cells", "40", "--cell-ms", "0,50", "--runs", "/tmp/x");

    assertThat(options.slots).isEqualTo(4);
    assertThat(options.cells).isEqualTo(40);
    assertThat(options.cellHolds()).containsExactly(Duration.ZERO, Duration.ofMillis(50));
    assertThat(options.folder()).isEqualTo(Path.of("/tmp/x/bench-dispatch"));
  }

  @Test
  void rejectsFewerSlotsThanSystemsNegativeDurationsAndUnknownOptions() {
    assertThatThrownBy(() -> DispatchBenchOptions.parse("--slots", "1", "--systems", "2"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--slots must be >=");
    assertThatThrownBy(() -> DispatchBenchOptions.parse("--cell-ms", "-5"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--cell-ms");
    assertThatThrownBy(() -> DispatchBenchOptions.parse("--cells", "0"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--cells");
    assertThatThrownBy(() -> DispatchBenchOptions.parse("--slot", "3"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--slot");
  }
}
