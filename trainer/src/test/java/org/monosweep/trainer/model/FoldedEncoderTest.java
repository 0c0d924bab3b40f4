package org.monosweep.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FoldedEncoderTest {

  @Test
  void foldedNetworkMatchesEncoderInInferenceModeWithin1em4() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      ConvEncoder encoder = ConvEncoder.create(EncoderArchitecture.small4());
      encoder.initialize(manager, 11);
      // Give every BatchNorm non-trivial statistics and affine parameters, as training would.
      Random random = new Random(5);
      for (Block norm : encoder.norms()) {
        set(norm.getParameters().get("gamma"), random, 0.5, 1.5);
        set(norm.getParameters().get("beta"), random, -0.5, 0.5);
        set(norm.getParameters().get("runningMean"), random, -0.3, 0.3);
        set(norm.getParameters().get("runningVar"), random, 0.2, 3.0);
      }
      NDArray images = manager.randomUniform(-1, 1, new Shape(6, 3, 32, 32));
      NDList expected = encoder.forward(images, false);
      FoldedEncoder folded = FoldedEncoder.fold(encoder);
      try (FoldedEncoder.Network network = folded.load(manager)) {
        NDList actual = network.forward(images, 4);
        assertThat(actual).hasSize(4);
        for (int k = 0; k < 4; k++) {
          assertThat(actual.get(k).getShape()).isEqualTo(expected.get(k).getShape());
          float maxAbs = actual.get(k).sub(expected.get(k)).abs().max().getFloat();
          float scale = expected.get(k).abs().max().getFloat();
          assertThat(scale).as("conv%d output is not trivially zero", k + 1).isGreaterThan(0.1f);
          assertThat(maxAbs).as("conv%d max abs difference", k + 1).isLessThan(1e-4f);
        }
      }
    }
  }

  @Test
  void encoderWithoutNormalizationFoldsToItsOwnWeightsAndBiases() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      ConvEncoder encoder = ConvEncoder.create(EncoderArchitecture.small4(Normalization.NONE));
      encoder.initialize(manager, 3);
      Random random = new Random(8);
      for (ai.djl.nn.Block conv : encoder.convs()) {
        set(conv.getParameters().get("bias"), random, -0.2, 0.2);
      }
      NDArray images = manager.randomUniform(-1, 1, new Shape(4, 3, 32, 32));
      NDList expected = encoder.forward(images, false);
      try (FoldedEncoder.Network network = FoldedEncoder.fold(encoder).load(manager)) {
        NDList actual = network.forward(images, 4);
        for (int k = 0; k < 4; k++) {
          assertThat(actual.get(k).sub(expected.get(k)).abs().max().getFloat())
              .as("conv%d", k + 1).isLessThan(1e-4f);
        }
      }
    }
  }

  @Test
  void foldedWeightsAreCopiesInOihwLayout() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      ConvEncoder encoder = ConvEncoder.create(EncoderArchitecture.small4());
      encoder.initialize(manager, 1);
      FoldedEncoder folded = FoldedEncoder.fold(encoder);
      FoldedConv conv1 = folded.layer(0);
      assertThat(conv1.weightShape()).containsExactly(64, 3, 7, 7);
      assertThat(conv1.weight()).hasSize(64 * 3 * 7 * 7);
      assertThat(conv1.bias()).hasSize(64);
      float[] copy = conv1.weight();
      copy[0] = 1234f;
      assertThat(conv1.weight()[0]).isNotEqualTo(1234f);
      assertThat(FoldedEncoder.of(folded.architecture(), folded.layers()).layers())
          .isEqualTo(folded.layers());
    }
  }

  private static void set(Parameter parameter, Random random, double lo, double hi) {
    NDArray array = parameter.getArray();
    float[] values = new float[Math.toIntExact(array.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (lo + (hi - lo) * random.nextDouble());
    }
    array.set(values);
  }
}
