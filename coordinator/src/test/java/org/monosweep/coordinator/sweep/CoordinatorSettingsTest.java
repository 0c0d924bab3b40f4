package org.monosweep.coordinator.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.monosweep.coordinator.dispatch.RetryPolicy;

class CoordinatorSettingsTest {

  @Test
  void readsTheDefaultsOfReferenceConf() {
    CoordinatorSettings settings = CoordinatorSettings.create(ConfigFactory.defaultReference());
    assertThat(settings).isEqualTo(new CoordinatorSettings(3, Duration.ofSeconds(2),
        Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ofSeconds(60),
        Duration.ofSeconds(60), Duration.ofSeconds(30)));
    assertThat(settings.leaseCheckInterval()).isEqualTo(Duration.ofMillis(7500));
    assertThat(settings.retryPolicy())
        .isEqualTo(new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofMinutes(1)));
  }

  @Test
  void overridesComeFromTheMonosweepCoordinatorSection() {
    CoordinatorSettings settings = CoordinatorSettings.create(ConfigFactory
        .parseString("monosweep.coordinator { max-attempts = 5, retry-backoff = 1s }")
        .withFallback(ConfigFactory.defaultReference()));
    assertThat(settings.maxAttempts()).isEqualTo(5);
    assertThat(settings.retryBackoff()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aValueOutOfRangeIsRefusedWithItsKey() {
    assertThatThrownBy(() -> CoordinatorSettings.create(ConfigFactory
        .parseString("monosweep.coordinator.max-attempts = 0")
        .withFallback(ConfigFactory.defaultReference())))
        .hasMessageContaining("max-attempts must be >= 1, got 0");
    assertThatThrownBy(() -> CoordinatorSettings.create(ConfigFactory
        .parseString("monosweep.coordinator.progress-interval = 0s")
        .withFallback(ConfigFactory.defaultReference())))
        .hasMessageContaining("monosweep.coordinator.progress-interval must be > 0");
  }
}
