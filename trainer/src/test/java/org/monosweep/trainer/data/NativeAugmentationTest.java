package org.monosweep.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.monosweep.spec.Method;

class NativeAugmentationTest {
  private static final int S = 8;
  private static final int STRIDE = 3 * S * S;

  /** Distinct values per image, channel and pixel, all in (-1, 1). */
  private static float[] batch(int count) {
    float[] pixels = new float[count * STRIDE];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (i % 1999) / 1000f - 0.999f;
    }
    return pixels;
  }

  private static float at(float[] pixels, int image, int c, int y, int x) {
    return pixels[image * STRIDE + c * S * S + y * S + x];
  }

  @Test
  void flipMirrorsAboutHalfTheImagesAndLeavesTheRestAlone() {
    int count = 400;
    float[] original = batch(count);
    float[] pixels = original.clone();

    NativeAugmentation.flip().apply(pixels, count, S, new Random(1));

    int flipped = 0;
    for (int i = 0; i < count; i++) {
      boolean same = true;
      boolean mirrored = true;
      for (int c = 0; c < 3; c++) {
        for (int y = 0; y < S; y++) {
          for (int x = 0; x < S; x++) {
            same &= at(pixels, i, c, y, x) == at(original, i, c, y, x);
            mirrored &= at(pixels, i, c, y, x) == at(original, i, c, y, S - 1 - x);
          }
        }
      }
      assertThat(same ^ mirrored).as("image %d is either unchanged or mirrored", i).isTrue();
      flipped += mirrored ? 1 : 0;
    }
    assertThat(flipped).isBetween(160, 240);
  }

  @Test
  void paddedCropShiftsEachImageByAtMostThePaddingAndFillsWithBlack() {
    int count = 200;
    float[] original = batch(count);
    float[] pixels = original.clone();

    NativeAugmentation.paddedCrop(2).apply(pixels, count, S, new Random(3));

    int shifted = 0;
    for (int i = 0; i < count; i++) {
      int found = 0;
      for (int dy = -2; dy <= 2; dy++) {
        for (int dx = -2; dx <= 2; dx++) {
          if (isShift(original, pixels, i, dx, dy)) {
            found++;
            shifted += dx != 0 || dy != 0 ? 1 : 0;
          }
        }
      }
      assertThat(found).as("image %d is exactly one shift of the original", i).isEqualTo(1);
    }
    assertThat(shifted).isGreaterThan(count / 2);
  }

  private static boolean isShift(float[] original, float[] pixels, int i, int dx, int dy) {
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < S; y++) {
        for (int x = 0; x < S; x++) {
          int sx = x + dx;
          int sy = y + dy;
          float expected = sx >= 0 && sx < S && sy >= 0 && sy < S ? at(original, i, c, sy, sx) : -1f;
          if (at(pixels, i, c, y, x) != expected) {
            return false;
          }
        }
      }
    }
    return true;
  }

  @Test
  void resizedCropOfTheWholeImageIsTheIdentity() {
    float[] original = batch(5);
    float[] pixels = original.clone();

    NativeAugmentation.resizedCrop(1.0, 1.0).apply(pixels, 5, S, new Random(5));

    assertThat(pixels).containsExactly(original);
  }

  @Test
  void resizedCropStaysInsideTheImageRangeAndKeepsFlatImagesFlat() {
    int count = 50;
    float[] pixels = new float[count * STRIDE];
    for (int i = 0; i < count; i++) {
      Arrays.fill(pixels, i * STRIDE, (i + 1) * STRIDE, i / 100f);
    }

    NativeAugmentation.resizedCrop(0.08, 0.75).apply(pixels, count, S, new Random(9));

    for (int i = 0; i < count; i++) {
      for (int p = 0; p < STRIDE; p++) {
        assertThat(pixels[i * STRIDE + p]).isCloseTo(i / 100f, org.assertj.core.data.Offset.offset(1e-6f));
      }
    }
  }

  @Test
  void resizedCropDrawsAreasAndAspectsWithinBounds() {
    ResizedCrop crop = new ResizedCrop(0.08, 0.75);
    Random random = new Random(11);
    int side = 32;
    double smallest = 1;
    for (int k = 0; k < 2000; k++) {
      int[] r = crop.drawCrop(side, random);
      assertThat(r[0] + r[2]).isLessThanOrEqualTo(side);
      assertThat(r[1] + r[3]).isLessThanOrEqualTo(side);
      double area = (double) r[2] * r[3] / (side * side);
      smallest = Math.min(smallest, area);
      assertThat(area).isGreaterThan(0.05);
    }
    assertThat(smallest).isLessThan(0.15);
  }

  @Test
  void sameSeedGivesTheSameBatchForEveryMethod() {
    for (Method method : Method.values()) {
      float[] a = batch(20);
      float[] b = batch(20);
      NativeAugmentation augmentation = NativeAugmentation.forMethod(method);

      augmentation.apply(a, 20, S, new Random(42));
      augmentation.apply(b, 20, S, new Random(42));

      assertThat(a).as(method.label()).containsExactly(b);
    }
  }

  @Test
  void rotnetAugmentationChangesTheBatchButRandomLeavesItAlone() {
    float[] original = batch(20);
    float[] rotnet = original.clone();
    float[] random = original.clone();

    NativeAugmentation.forMethod(Method.ROTNET).apply(rotnet, 20, S, new Random(1));
    NativeAugmentation.forMethod(Method.RANDOM).apply(random, 20, S, new Random(1));

    assertThat(rotnet).isNotEqualTo(original);
    assertThat(random).containsExactly(original);
  }
}
