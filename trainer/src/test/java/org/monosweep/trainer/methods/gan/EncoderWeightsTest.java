package org.monosweep.trainer.methods.gan;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.monosweep.trainer.model.ConvEncoder;
import org.monosweep.trainer.model.ConvLayer;
import org.monosweep.trainer.model.EncoderArchitecture;
import org.monosweep.trainer.model.FoldedEncoder;
import org.monosweep.trainer.model.Initialization;
import org.monosweep.trainer.model.Normalization;

class EncoderWeightsTest {

  @Test
  void criticStartsFromTheEncodersSeededConvWeights() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      ConvEncoder encoder = ConvEncoder.create(EncoderArchitecture.small4());
      encoder.initialize(manager, 42);
      Critic critic = critic(manager);

      EncoderWeights.toCritic(encoder, critic);

      List<Parameter> convWeights = encoder.block().getParameters().values().stream()
          .filter(p -> p.getName().equals("weight")).toList();
      assertThat(convWeights).hasSize(4);
      for (int k = 0; k < 4; k++) {
        float[] actual = critic.convWeight(k).getArray().toFloatArray();
        float[] expected = convWeights.get(k).getArray().toFloatArray();
        // Arrays.equals: AssertJ's element diff is quadratic on a million weights
        assertThat(Arrays.equals(actual, expected)).as("conv%d weights %s... vs %s...", k + 1,
            Arrays.toString(Arrays.copyOf(actual, 3)), Arrays.toString(Arrays.copyOf(expected, 3)))
            .isTrue();
      }
    }
  }

  @Test
  void foldedEncoderComputesTheCriticsConvLayersAfterTheTransfer() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Critic critic = critic(manager);
      Random random = new Random(4);
      for (Parameter p : critic.parameters()) {
        float[] values = p.getArray().toFloatArray();
        for (int i = 0; i < values.length; i++) {
          values[i] += (float) (random.nextGaussian() * 0.05);
        }
        p.getArray().set(values);
      }
      ConvEncoder encoder = ConvEncoder.create(EncoderArchitecture.small4());
      encoder.initialize(manager, 1);
      for (Parameter p : encoder.block().getParameters().values()) {
        // BatchNorm state away from the identity, so that toEncoder must reset all of it
        p.getArray().addi(0.3f);
      }

      EncoderWeights.toEncoder(critic, encoder);

      float[] pixels = new float[4 * 3 * 32 * 32];
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = random.nextFloat() * 2 - 1;
      }
      NDArray images = manager.create(pixels, new Shape(4, 3, 32, 32));
      NDList expected = criticMaps(critic, images);
      try (FoldedEncoder.Network network = FoldedEncoder.fold(encoder).load(manager)) {
        NDList folded = network.forward(images, 4);
        NDList inference = encoder.forward(images, false);
        for (int k = 0; k < 4; k++) {
          assertThat(maxDifference(folded.get(k), expected.get(k))).as("conv%d folded", k + 1)
              .isLessThan(1e-5f);
          assertThat(maxDifference(inference.get(k), expected.get(k)))
              .as("conv%d inference", k + 1).isLessThan(1e-4f);
        }
      }
    }
  }

  private static Critic critic(NDManager manager) {
    Critic critic = new Critic(EncoderArchitecture.small4(Normalization.NONE));
    Initialization.seeded(critic, manager, 3, new Shape(1, 3, 32, 32));
    return critic;
  }

  private static NDList criticMaps(Critic critic, NDArray images) {
    NDList maps = new NDList();
    NDArray x = images;
    int k = 0;
    for (ConvLayer layer : critic.architecture().layers()) {
      x = Activation.relu(Conv2d.conv2d(x, critic.convWeight(k).getArray(), null,
          new Shape(layer.stride(), layer.stride()),
          new Shape(layer.padding(), layer.padding())).singletonOrThrow());
      maps.add(x);
      k++;
    }
    return maps;
  }

  private static float maxDifference(NDArray a, NDArray b) {
    return a.sub(b).abs().max().getFloat();
  }
}
