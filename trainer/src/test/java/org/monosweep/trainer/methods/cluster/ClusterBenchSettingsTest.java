package org.monosweep.trainer.methods.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ClusterBenchSettingsTest {

  @Test
  void oneEpochIsRefusedBecauseTheFirstIsAWarmUpThatIsNotCounted() {
    assertThatThrownBy(() -> new ClusterBench.Settings(64, 4096, 1, 100, OptionalInt.empty(),
        false, false)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--epochs must be >= 2, got 1");
  }

  @Test
  void fewerImagesThanOneBatchAreRefusedNamingTheBatch() {
    assertThatThrownBy(() -> new ClusterBench.Settings(64, 32, 4, 100, OptionalInt.empty(),
        false, false)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--images must be >= 64, got 32");
  }

  @Test
  void theDefaultsOfBenchClusterAreAccepted() {
    ClusterBench.Settings settings = new ClusterBench.Settings(64, 4096, 4, 100,
        OptionalInt.of(2), false, true);

    assertThat(settings.threads()).hasValue(2);
    assertThat(settings.skipRotnet()).isTrue();
  }
}
