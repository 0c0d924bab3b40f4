package org.monosweep.augment.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.monosweep.spec.Augmentation;

class AugmentationSettingsTest {

  private static final AugmentationSettings PAPER =
      AugmentationSettings.paperDefaults(32, EnumSet.allOf(Augmentation.class));

  private static AugmentationSettings withBeta(double beta) {
    return new AugmentationSettings(32, Set.of(), beta, 0.75, 35, PAPER.brightness(),
        PAPER.contrast(), PAPER.saturation(), 0.1, 0.5);
  }

  @Test
  void paperDefaultsMatchTheProtocol() {
    assertThat(PAPER.beta()).isEqualTo(1e-3);
    assertThat(PAPER.gammaAspect()).isEqualTo(0.75);
    assertThat(PAPER.maxAngleDegrees()).isEqualTo(35);
    assertThat(PAPER.brightness()).isEqualTo(new AugmentationSettings.Range(0.6, 1.4));
    assertThat(PAPER.contrast()).isEqualTo(new AugmentationSettings.Range(0.6, 1.4));
    assertThat(PAPER.saturation()).isEqualTo(new AugmentationSettings.Range(0.6, 1.4));
    assertThat(PAPER.hueShift()).isEqualTo(0.1);
    assertThat(PAPER.flipProbability()).isEqualTo(0.5);
    assertThat(PAPER.outputSize()).isEqualTo(32);
  }

  @Test
  void enabledSetIsAnUnmodifiableCopy() {
    Set<Augmentation> enabled = new HashSet<>(Set.of(Augmentation.SCALE));
    AugmentationSettings settings = AugmentationSettings.paperDefaults(32, enabled);
    enabled.add(Augmentation.JITTER);

    assertThat(settings.enabled()).containsExactly(Augmentation.SCALE);
    assertThat(settings.isEnabled(Augmentation.JITTER)).isFalse();
    assertThatThrownBy(() -> settings.enabled().add(Augmentation.ROTATION))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -0.1, 1.5, Double.NaN})
  void rejectsBetaOutsideTheUnitInterval(double beta) {
    assertThatThrownBy(() -> withBeta(beta))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("beta");
  }

  @Test
  void rejectsAnAspectBoundAboveOne() {
    assertThatThrownBy(() -> new AugmentationSettings(32, Set.of(), 1e-3, 1.2, 35,
        PAPER.brightness(), PAPER.contrast(), PAPER.saturation(), 0.1, 0.5))
        .hasMessageContaining("gammaAspect");
  }

  @Test
  void rejectsAnglesOfNinetyDegreesOrMore() {
    assertThatThrownBy(() -> new AugmentationSettings(32, Set.of(), 1e-3, 0.75, 90,
        PAPER.brightness(), PAPER.contrast(), PAPER.saturation(), 0.1, 0.5))
        .hasMessageContaining("maxAngleDegrees");
  }

  @Test
  void rejectsAnInvertedColourRange() {
    assertThatThrownBy(() -> new AugmentationSettings.Range(1.4, 0.6))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsAnEmptyOutput() {
    assertThatThrownBy(() -> PAPER.withOutputSize(0)).hasMessageContaining("outputSize");
  }

  @Test
  void withersChangeOnlyTheirField() {
    AugmentationSettings changed =
        PAPER.withOutputSize(224).withEnabled(Set.of()).withFlipProbability(0);

    assertThat(changed.outputSize()).isEqualTo(224);
    assertThat(changed.enabled()).isEmpty();
    assertThat(changed.flipProbability()).isZero();
    assertThat(changed.beta()).isEqualTo(PAPER.beta());
  }
}
