package org.monosweep.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InitializationTest {

  @Test
  void sameSeedGivesBitIdenticalWeights() {
    List<float[]> a = weights(42);
    List<float[]> b = weights(42);
    assertThat(a).hasSameSizeAs(b).hasSize(4 * 5);
    for (int i = 0; i < a.size(); i++) {
      // Arrays.equals: AssertJ's containsExactly is quadratic on million-element arrays
      assertThat(Arrays.equals(a.get(i), b.get(i))).as("parameter %d", i).isTrue();
    }
  }

  @Test
  void differentSeedsGiveDifferentWeights() {
    List<float[]> a = weights(42);
    List<float[]> b = weights(43);
    assertThat(Arrays.equals(a.get(0), b.get(0))).isFalse();
  }

  @Test
  void convWeightsHaveHeFanOutScale() {
    List<float[]> w = weights(7);
    float[] conv4 = w.get(w.size() - 5); // conv4 weight, then 4 BatchNorm parameters
    double sumSquares = 0;
    for (float v : conv4) {
      sumSquares += v * v;
    }
    double std = Math.sqrt(sumSquares / conv4.length);
    assertThat(conv4).hasSize(512 * 256 * 9);
    assertThat(std).isCloseTo(Math.sqrt(2.0 / (512 * 9)), within(0.02 * Math.sqrt(2.0 / (512 * 9))));
  }

  @Test
  void small4HasTheProtocolsFeatureShapes() {
    EncoderArchitecture arch = EncoderArchitecture.small4();
    assertThat(arch.featureShape(0)).containsExactly(64, 11, 11);
    assertThat(arch.featureShape(1)).containsExactly(128, 6, 6);
    assertThat(arch.featureShape(2)).containsExactly(256, 3, 3);
    assertThat(arch.featureShape(3)).containsExactly(512, 3, 3);
    assertThat(arch.featureDim(0)).isEqualTo(7744);
  }

  private static List<float[]> weights(long seed) {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      ConvEncoder encoder = ConvEncoder.create(EncoderArchitecture.small4());
      encoder.initialize(manager, seed);
      List<float[]> values = new ArrayList<>();
      for (Pair<String, Parameter> p : encoder.block().getParameters()) {
        values.add(p.getValue().getArray().toFloatArray());
      }
      return values;
    }
  }
}
