package org.monosweep.augment.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Colour jitter semantics, through rendering of uniform sources and against the reference. */
class ColourJitterTest {

  private static final int SIZE = 4;

  private static float[] render(SourceImage src, double brightness, double contrast,
      double saturation, double hue) {
    PatchSampler sampler = PatchSampler.create(
        AugmentationSettings.paperDefaults(SIZE, java.util.Set.of()));
    PatchParameters p = new PatchParameters(0, src.width() / 2.0, src.height() / 2.0,
        src.width(), src.height(), false, brightness, contrast, saturation, hue);
    float[] out = new float[sampler.patchLength()];
    sampler.render(src, p, out, 0);
    return out;
  }

  /** The first pixel's colour back in [0, 1]. */
  private static float[] firstPixel(float[] chw) {
    int plane = SIZE * SIZE;
    return new float[] {(chw[0] + 1) / 2, (chw[plane] + 1) / 2, (chw[2 * plane] + 1) / 2};
  }

  @Test
  void hueShiftOfOneThirdTurnsRedIntoGreen() {
    float[] rgb = firstPixel(render(TestImages.uniform(4, 4, 1, 0, 0), 1, 1, 1, 1 / 3.0));

    assertThat(rgb[0]).isCloseTo(0f, within(1e-5f));
    assertThat(rgb[1]).isCloseTo(1f, within(1e-5f));
    assertThat(rgb[2]).isCloseTo(0f, within(1e-5f));
  }

  @Test
  void zeroSaturationGivesTheLuminanceGray() {
    float[] rgb = firstPixel(render(TestImages.uniform(4, 4, 0.8f, 0.4f, 0.2f), 1, 1, 0, 0));

    float gray = 0.2989f * 0.8f + 0.587f * 0.4f + 0.114f * 0.2f;
    assertThat(rgb).containsExactly(new float[] {gray, gray, gray}, within(1e-5f));
  }

  @Test
  void brightnessScalesAndClampsAtOne() {
    float[] rgb = firstPixel(render(TestImages.uniform(4, 4, 0.8f, 0.4f, 0.2f), 1.4, 1, 1, 0));

    assertThat(rgb).containsExactly(new float[] {1f, 0.56f, 0.28f}, within(1e-5f));
  }

  @Test
  void contrastZeroGivesTheMeanLuminanceEverywhere() {
    SourceImage src = TestImages.photoLike(4, 4, 1);
    float[] out = render(src, 1, 0, 1, 0);

    float[] planar = src.toPlanarRgb();
    double mean = 0;
    for (int i = 0; i < 16; i++) {
      mean += (0.2989 * planar[i] + 0.587 * planar[16 + i] + 0.114 * planar[32 + i]) / 16;
    }
    for (float v : out) {
      assertThat((v + 1) / 2).isCloseTo((float) mean, within(1e-5f));
    }
  }

  @Test
  void identityFactorsLeaveColoursUntouched() {
    SourceImage src = TestImages.photoLike(4, 4, 2);
    float[] out = render(src, 1, 1, 1, 0);

    float[] planar = src.toPlanarRgb();
    for (int k = 0; k < out.length; k++) {
      assertThat(out[k]).isEqualTo(2 * planar[k] - 1);
    }
  }

  @Test
  void matchesTheReferenceJitterOnRandomColours() {
    SplittableRandom random = new SplittableRandom(3);
    int plane = 4096;
    float[] fused = new float[3 * plane];
    double[][] reference = new double[3][plane];
    for (int k = 0; k < 3 * plane; k++) {
      fused[k] = (float) random.nextDouble();
      reference[k / plane][k % plane] = fused[k];
    }
    PatchParameters p = new PatchParameters(0, 1, 1, 1, 1, false, 1, 1.3, 0.7, -0.08);
    ReferenceAugmenter.Planes img = new ReferenceAugmenter.Planes(64, 64, reference);
    ReferenceAugmenter.contrast(img, p.contrast());
    ReferenceAugmenter.saturation(img, p.saturation());
    ReferenceAugmenter.hue(img, p.hueShift());
    double mean = 0;
    for (int k = 0; k < plane; k++) {
      mean += (0.2989f * fused[k] + 0.587f * fused[plane + k] + 0.114f * fused[2 * plane + k]);
    }

    ColourJitter.apply(fused, 0, plane, p, mean / plane);

    for (int k = 0; k < 3 * plane; k++) {
      assertThat((fused[k] + 1) / 2).isCloseTo((float) reference[k / plane][k % plane],
          within(2e-5f));
    }
  }
}
