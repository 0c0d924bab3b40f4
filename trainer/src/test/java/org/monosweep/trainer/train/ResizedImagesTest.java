package org.monosweep.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.monosweep.trainer.data.LabelledImages;
import org.monosweep.trainer.data.TrainingImages;

class ResizedImagesTest {

  @Test
  void upsamplesAtPixelCentresLikePyTorchsBilinearInterpolation() {
    // one 2 x 2 image per channel: c, c + 1 / c + 2, c + 3
    float[] pixels = new float[2 * 3 * 4];
    for (int image = 0; image < 2; image++) {
      for (int c = 0; c < 3; c++) {
        for (int i = 0; i < 4; i++) {
          pixels[(image * 3 + c) * 4 + i] = 10 * image + c + i;
        }
      }
    }
    TrainingImages source = new LabelledImages(pixels, new int[] {1, 0}, 2, List.of("a", "b"));
    TrainingImages resized = ResizedImages.of(source, 4);
    float[] out = new float[2 * 3 * 16];
    int[] labels = new int[2];
    resized.read(new int[] {1, 0}, out, labels);

    // torch.nn.functional.interpolate(x, size=4, mode="bilinear", align_corners=False) of
    // [[0, 1], [2, 3]]
    float[] expected = {
        0f, 0.25f, 0.75f, 1f,
        0.5f, 0.75f, 1.25f, 1.5f,
        1.5f, 1.75f, 2.25f, 2.5f,
        2f, 2.25f, 2.75f, 3f};
    for (int k = 0; k < 2; k++) {
      int image = k == 0 ? 1 : 0;
      for (int c = 0; c < 3; c++) {
        float[] plane = java.util.Arrays.copyOfRange(out, (k * 3 + c) * 16, (k * 3 + c + 1) * 16);
        float offset = 10 * image + c;
        float[] shifted = expected.clone();
        for (int i = 0; i < 16; i++) {
          shifted[i] += offset;
        }
        assertThat(plane).as("image %d channel %d", image, c).containsExactly(shifted);
      }
    }
    assertThat(labels).containsExactly(0, 1);
    assertThat(resized.side()).isEqualTo(4);
    assertThat(resized.size()).isEqualTo(2);
    assertThat(resized.classes()).isEqualTo(2);
    assertThat(resized.classNames()).containsExactly("a", "b");
  }

  @Test
  void leavesImagesOfTheRequestedSideAsTheyAre() {
    TrainingImages source = SyntheticImages.gratings(4, 2, 0.1, 1);
    assertThat(ResizedImages.of(source, source.side())).isSameAs(source);
  }
}
