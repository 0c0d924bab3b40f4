package org.monosweep.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RotationTaskTest {

  @Test
  void expandsEachImageIntoFourAnticlockwiseRotationsWithTheirIndexAsTarget() {
    int side = 3;
    float[] image = new float[3 * 9];
    for (int i = 0; i < image.length; i++) {
      image[i] = i;
    }
    float[] out = new float[4 * image.length];
    long[] targets = new long[4];
    new RotationTask().expand(image, null, 1, side, out, targets);

    assertThat(targets).containsExactly(0, 1, 2, 3);
    // channel 0 is  0 1 2 / 3 4 5 / 6 7 8; rotated 90 degrees anticlockwise: 2 5 8 / 1 4 7 / 0 3 6
    assertThat(slice(out, 1, 0)).containsExactly(2, 5, 8, 1, 4, 7, 0, 3, 6);
    assertThat(slice(out, 2, 0)).containsExactly(8, 7, 6, 5, 4, 3, 2, 1, 0);
    assertThat(slice(out, 3, 0)).containsExactly(6, 3, 0, 7, 4, 1, 8, 5, 2);
    assertThat(slice(out, 0, 2)).containsExactly(18, 19, 20, 21, 22, 23, 24, 25, 26);
  }

  private static float[] slice(float[] out, int image, int channel) {
    float[] s = new float[9];
    System.arraycopy(out, image * 27 + channel * 9, s, 0, 9);
    return s;
  }
}
