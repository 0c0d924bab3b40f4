package org.monosweep.trainer.methods.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.monosweep.trainer.train.CellFailure;
import org.monosweep.trainer.train.SyntheticImages;

class ModeCollapseTest {
  private static final int SIZE = 3 * 32 * 32;

  @Test
  void flagsGeneratedSamplesThatAreAllAlike() {
    ModeCollapse collapse = ModeCollapse.of(SyntheticImages.gratings(100, 4, 0.1, 1), 0.1, false,
        7);
    float[] samples = new float[8 * SIZE];
    Random random = new Random(3);
    for (int p = 0; p < SIZE; p++) {
      float v = random.nextFloat() * 2 - 1;
      for (int i = 0; i < 8; i++) {
        // the same image up to a tiny wobble
        samples[i * SIZE + p] = v + 1e-3f * i;
      }
    }

    assertThat(collapse.observe(1, varied(8, 2), 8, SIZE)).isGreaterThan(0.5);
    double ratio = collapse.observe(2, samples, 8, SIZE);
    collapse.observe(3, samples, 8, SIZE);

    assertThat(ratio).isLessThan(0.01);
    assertThat(collapse.flags()).singleElement().asString()
        .startsWith("mode-collapse: generated samples' spread fell to 0.00")
        .contains("at epoch 2").contains("after epoch 3");
  }

  @Test
  void leavesVariedSamplesUnflagged() {
    ModeCollapse collapse = ModeCollapse.of(SyntheticImages.gratings(100, 4, 0.1, 1), 0.1, false,
        7);
    collapse.observe(1, varied(16, 5), 16, SIZE);
    assertThat(collapse.flags()).isEmpty();
  }

  @Test
  void failsTheCellPermanentlyWhenAskedTo() {
    ModeCollapse collapse = ModeCollapse.of(SyntheticImages.gratings(100, 4, 0.1, 1), 0.1, true,
        7);
    assertThatThrownBy(() -> collapse.observe(4, new float[8 * SIZE], 8, SIZE))
        .isInstanceOfSatisfying(CellFailure.class, f -> assertThat(f.retryable()).isFalse())
        .hasMessageStartingWith("mode collapse: generated samples' spread fell to 0.000");
  }

  @Test
  void spreadIsTheRootMeanPerPixelVariance() {
    // two images of 2 values: (0, 0) and (2, 4): variances 2 and 8 (unbiased), mean 5
    assertThat(ModeCollapse.spread(new float[] {0, 0, 2, 4}, 2, 2)).isCloseTo(Math.sqrt(5),
        org.assertj.core.data.Offset.offset(1e-12));
  }

  private static float[] varied(int count, long seed) {
    Random random = new Random(seed);
    float[] pixels = new float[count * SIZE];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) (random.nextGaussian() * 0.5);
    }
    return pixels;
  }
}
