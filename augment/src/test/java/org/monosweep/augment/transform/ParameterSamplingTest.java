package org.monosweep.augment.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.monosweep.spec.Augmentation;

/** Statistical checks of the parameter distributions over many draws. */
class ParameterSamplingTest {

  private static final int DRAWS = 20_000;
  private static final SourceImage PHOTO = TestImages.uniform(640, 480, 0.5f, 0.5f, 0.5f);
  private static final SourceImage SQUARE = TestImages.uniform(300, 300, 0.5f, 0.5f, 0.5f);

  private static List<PatchParameters> draw(SourceImage source, Set<Augmentation> enabled) {
    PatchSampler sampler = PatchSampler.create(AugmentationSettings.paperDefaults(32, enabled));
    SplittableRandom random = new SplittableRandom(42);
    List<PatchParameters> draws = new ArrayList<>(DRAWS);
    for (int i = 0; i < DRAWS; i++) {
      draws.add(sampler.sampleParameters(source, random));
    }
    return draws;
  }

  /** Fractions of values falling into equal bins over [lo, hi]. */
  private static List<Double> histogram(List<PatchParameters> draws,
      ToDoubleFunction<PatchParameters> value, double lo, double hi, int bins) {
    double[] fractions = new double[bins];
    for (PatchParameters p : draws) {
      int bin = (int) ((value.applyAsDouble(p) - lo) / (hi - lo) * bins);
      fractions[Math.min(bins - 1, Math.max(0, bin))] += 1.0 / draws.size();
    }
    return Arrays.stream(fractions).boxed().toList();
  }

  private static double areaRatio(PatchParameters p, SourceImage source) {
    return p.cropWidth() * p.cropHeight() / ((double) source.width() * source.height());
  }

  @Test
  void anglesStayInsideTheRangeAndCoverItUniformly() {
    List<PatchParameters> draws = draw(PHOTO, EnumSet.of(Augmentation.ROTATION));

    assertThat(draws).allSatisfy(p -> assertThat(p.angleDegrees()).isStrictlyBetween(-35.0, 35.0));
    assertThat(draws.stream().mapToDouble(PatchParameters::angleDegrees).min().orElseThrow())
        .isLessThan(-34.9);
    assertThat(draws.stream().mapToDouble(PatchParameters::angleDegrees).max().orElseThrow())
        .isGreaterThan(34.9);
    assertThat(histogram(draws, PatchParameters::angleDegrees, -35, 35, 7))
        .allSatisfy(f -> assertThat(f).isCloseTo(1.0 / 7, within(0.015)));
  }

  @Test
  void angleIsZeroWhenRotationIsOff() {
    assertThat(draw(PHOTO, EnumSet.of(Augmentation.SCALE, Augmentation.JITTER)))
        .allSatisfy(p -> assertThat(p.angleDegrees()).isZero());
  }

  @Test
  void cropAreaAndAspectStayInBoundsAndSpreadOverTheirRange() {
    List<PatchParameters> draws = draw(SQUARE, EnumSet.of(Augmentation.SCALE));

    assertThat(draws).allSatisfy(p -> {
      assertThat(areaRatio(p, SQUARE)).isBetween(1e-3 * (1 - 1e-9), 1.0 + 1e-9);
      assertThat(p.cropHeight() / p.cropWidth()).isBetween(0.75 - 1e-9, 4 / 3.0 + 1e-9);
      assertThat(p.cropWidth()).isLessThanOrEqualTo(SQUARE.width() + 1e-9);
      assertThat(p.cropHeight()).isLessThanOrEqualTo(SQUARE.height() + 1e-9);
    });
    double[] areas = draws.stream().mapToDouble(p -> areaRatio(p, SQUARE)).sorted().toArray();
    assertThat(areas[0]).isLessThan(2e-3);
    assertThat(areas[areas.length - 1]).isGreaterThan(0.99);
    // Uniform on [beta, A(aspect)] with A between 0.75 and 1: the median sits near 0.45.
    assertThat(areas[areas.length / 2]).isBetween(0.38, 0.5);
    List<Double> logAspect = histogram(draws, p -> Math.log(p.cropHeight() / p.cropWidth()),
        Math.log(0.75), -Math.log(0.75), 5);
    assertThat(logAspect).allSatisfy(f -> assertThat(f).isCloseTo(0.2, within(0.02)));
  }

  @Test
  void rotatedCropsLieInsideTheHullOfTheRotatedSourcePixels() {
    List<PatchParameters> draws =
        draw(PHOTO, EnumSet.of(Augmentation.SCALE, Augmentation.ROTATION));

    double lo = 0.5 - 1e-9;
    assertThat(draws).allSatisfy(p -> {
      for (double[] corner : corners(p)) {
        assertThat(corner[0]).isBetween(lo, PHOTO.width() - lo);
        assertThat(corner[1]).isBetween(lo, PHOTO.height() - lo);
      }
      assertThat(areaRatio(p, PHOTO)).isGreaterThanOrEqualTo(1e-3 * (1 - 1e-9));
    });
    // Crops reach the largest size that fits, not just small safe ones.
    assertThat(draws.stream().mapToDouble(p -> areaRatio(p, PHOTO)).max().orElseThrow())
        .isGreaterThan(0.5);
  }

  @Test
  void flipRateIsOneHalf() {
    long flips = draw(PHOTO, EnumSet.noneOf(Augmentation.class)).stream()
        .filter(PatchParameters::flipped).count();

    assertThat((double) flips / DRAWS).isCloseTo(0.5, within(0.02));
  }

  @Test
  void jitterFactorsStayInRangeAndCoverIt() {
    List<PatchParameters> draws = draw(PHOTO, EnumSet.of(Augmentation.JITTER));

    List<ToDoubleFunction<PatchParameters>> factors = List.of(
        PatchParameters::brightness, PatchParameters::contrast, PatchParameters::saturation);
    for (ToDoubleFunction<PatchParameters> factor : factors) {
      assertThat(draws).allSatisfy(p -> assertThat(factor.applyAsDouble(p)).isBetween(0.6, 1.4));
      assertThat(histogram(draws, factor, 0.6, 1.4, 4))
          .allSatisfy(f -> assertThat(f).isCloseTo(0.25, within(0.02)));
    }
    assertThat(draws).allSatisfy(p -> assertThat(p.hueShift()).isBetween(-0.1, 0.1));
    assertThat(histogram(draws, PatchParameters::hueShift, -0.1, 0.1, 4))
        .allSatisfy(f -> assertThat(f).isCloseTo(0.25, within(0.02)));
  }

  @Test
  void jitterOffGivesIdentityColour() {
    assertThat(draw(PHOTO, EnumSet.of(Augmentation.SCALE, Augmentation.ROTATION)))
        .allSatisfy(p -> assertThat(p.identityColour()).isTrue());
  }

  @Test
  void scaleOffTakesTheWholeImage() {
    assertThat(draw(PHOTO, EnumSet.of(Augmentation.JITTER))).allSatisfy(p -> {
      assertThat(p.cropWidth()).isEqualTo(640.0);
      assertThat(p.cropHeight()).isEqualTo(480.0);
      assertThat(p.centreX()).isEqualTo(320.0);
      assertThat(p.centreY()).isEqualTo(240.0);
    });
  }

  @Test
  void scaleOffWithRotationTakesTheLargestCentredCropOfTheSourceAspect() {
    assertThat(draw(PHOTO, EnumSet.of(Augmentation.ROTATION))).allSatisfy(p -> {
      assertThat(p.cropHeight() / p.cropWidth()).isCloseTo(0.75, within(1e-12));
      assertThat(p.centreX()).isEqualTo(320.0);
      assertThat(p.centreY()).isEqualTo(240.0);
      // Largest: 0.1% bigger would leave the rotated source.
      PatchParameters bigger = new PatchParameters(p.angleDegrees(), p.centreX(), p.centreY(),
          p.cropWidth() * 1.001, p.cropHeight() * 1.001, false, 1, 1, 1, 0);
      assertThat(corners(bigger)).anySatisfy(c -> assertThat(
          c[0] < 0.5 || c[0] > 639.5 || c[1] < 0.5 || c[1] > 479.5).isTrue());
    });
  }

  @Test
  void theSameDrawsGiveTheSameGeometryWhateverElseIsEnabled() {
    List<PatchParameters> geometryOnly =
        draw(PHOTO, EnumSet.of(Augmentation.SCALE, Augmentation.ROTATION));
    List<PatchParameters> withJitter = draw(PHOTO, EnumSet.allOf(Augmentation.class));

    for (int i = 0; i < 100; i++) {
      assertThat(withJitter.get(i).angleDegrees()).isEqualTo(geometryOnly.get(i).angleDegrees());
      assertThat(withJitter.get(i).cropWidth()).isEqualTo(geometryOnly.get(i).cropWidth());
    }
  }

  /** The crop's corners in source coordinates. */
  static List<double[]> corners(PatchParameters p) {
    double radians = Math.toRadians(p.angleDegrees());
    double c = Math.cos(radians);
    double s = Math.sin(radians);
    List<double[]> corners = new ArrayList<>();
    for (int sx = -1; sx <= 1; sx += 2) {
      for (int sy = -1; sy <= 1; sy += 2) {
        double qx = sx * p.cropWidth() / 2;
        double qy = sy * p.cropHeight() / 2;
        corners.add(new double[] {p.centreX() + c * qx - s * qy, p.centreY() + s * qx + c * qy});
      }
    }
    return corners;
  }
}
