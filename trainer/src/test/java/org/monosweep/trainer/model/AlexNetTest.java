package org.monosweep.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.monosweep.spec.EncoderKind;
import org.monosweep.spec.ProbeSettings;
import org.monosweep.trainer.data.LabelledImages;
import org.monosweep.trainer.probe.LayerProbe;
import org.monosweep.trainer.probe.LinearProbes;
import org.monosweep.trainer.probe.ProbeListener;

/** AlexNet-BN smoke tests on the CPU: shapes, pooling and the probe hook; no training. */
class AlexNetTest {

  @Test
  void probeDimensionsAtTwoHundredTwentyFourPixelsAreThePapers() {
    EncoderArchitecture arch = EncoderArchitecture.of(EncoderKind.ALEXNET);

    assertThat(arch.inputSide()).isEqualTo(224);
    assertThat(arch.layerCount()).isEqualTo(EncoderKind.ALEXNET.convLayers());
    assertThat(arch.featureShape(0)).containsExactly(96, 55, 55);
    assertThat(arch.featureShape(1)).containsExactly(256, 27, 27);
    assertThat(arch.featureShape(4)).containsExactly(256, 13, 13);
    int[] dims = new int[5];
    for (int k = 0; k < 5; k++) {
      dims[k] = arch.probeDim(k);
    }
    assertThat(dims).containsExactly(9600, 9216, 9600, 9600, 9216);
  }

  @Test
  void runsAtSixtyFourPixelsAndItsFoldedCopyMatchesInInferenceMode() {
    EncoderArchitecture arch = EncoderArchitecture.alexnet(64);
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      ConvEncoder encoder = ConvEncoder.create(arch);
      encoder.initialize(manager, 3);
      NDArray images = manager.randomUniform(-1, 1, new Shape(2, 3, 64, 64));
      NDList maps = encoder.forward(images, false);

      assertThat(maps).extracting(NDArray::getShape).containsExactly(
          new Shape(2, 96, 15, 15), new Shape(2, 256, 7, 7), new Shape(2, 384, 3, 3),
          new Shape(2, 384, 3, 3), new Shape(2, 256, 3, 3));
      assertThat(encoder.outputShapes(2)).containsExactlyElementsOf(
          maps.stream().map(NDArray::getShape).toList());
      try (FoldedEncoder.Network network = FoldedEncoder.fold(encoder).load(manager)) {
        NDList folded = network.forward(images, 5);
        for (int k = 0; k < 5; k++) {
          float scale = maps.get(k).abs().max().getFloat();
          float diff = folded.get(k).sub(maps.get(k)).abs().max().getFloat();
          assertThat(diff).as("conv%d", k + 1).isLessThan(1e-4f * Math.max(1, scale));
        }
      }
      int[] dims = new int[5];
      for (int k = 0; k < 5; k++) {
        NDArray probed = ProbePooling.apply(arch, k, maps.get(k));
        dims[k] = Math.toIntExact(probed.size() / 2);
        assertThat(dims[k]).isEqualTo(arch.probeDim(k));
      }
      // conv1 15x15 -> 10x10 and conv2 7x7 -> 6x6; conv3..5 are 3x3, probed whole
      assertThat(dims).containsExactly(9600, 9216, 3456, 3456, 2304);
    }
  }

  @Test
  void probePoolingIsPyTorchsAdaptiveMaxPool() {
    Random random = new Random(1);
    for (int[] sides : new int[][] {{7, 3}, {15, 10}, {6, 3}, {5, 5}}) {
      int side = sides[0];
      int grid = sides[1];
      float[] values = new float[2 * side * side];
      for (int i = 0; i < values.length; i++) {
        values[i] = random.nextFloat();
      }
      EncoderArchitecture arch = new EncoderArchitecture("probe", 2, 32,
          List.of(new ConvLayer("conv1", 2, 2, 1, 1, 0)), Normalization.NONE,
          List.of(new LayerPooling(0, 0, grid)));
      try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
        NDArray map = manager.create(values, new Shape(1, 2, side, side));
        assertThat(ProbePooling.apply(arch, 0, map).toFloatArray()).as("%d -> %d", side, grid)
            .containsExactly(adaptiveMax(values, 2, side, grid));
      }
    }
  }

  @Test
  void linearProbesReadThePooledFeatures() {
    EncoderArchitecture arch = EncoderArchitecture.alexnet(64);
    LabelledImages images = images(24, 64);
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      ConvEncoder encoder = ConvEncoder.create(arch);
      encoder.initialize(manager, 5);
      try (FoldedEncoder.Network network = FoldedEncoder.fold(encoder).load(manager)) {
        LayerProbe probe = LinearProbes.create(
            new ProbeSettings(1, 0.01, List.of(), 5, 0.9, 5e-4, 8, 0, 0), 1)
            .probeLayer(network, 0, images, images, manager, ProbeListener.NONE, () -> false);
        assertThat(probe.featureDim()).isEqualTo(9600);
        assertThat(probe.weight()).hasSize(2 * 9600);
      }
    }
  }

  @Test
  void rejectsInputsOutsideItsRange() {
    assertThatThrownBy(() -> EncoderArchitecture.alexnet(32))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 to 224");
  }

  /** Reference: PyTorch's adaptive max-pool of C maps of side x side to grid x grid. */
  private static float[] adaptiveMax(float[] x, int channels, int side, int grid) {
    float[] out = new float[channels * grid * grid];
    for (int c = 0; c < channels; c++) {
      for (int i = 0; i < grid; i++) {
        for (int j = 0; j < grid; j++) {
          float best = Float.NEGATIVE_INFINITY;
          for (int y = i * side / grid; y < ((i + 1) * side + grid - 1) / grid; y++) {
            for (int z = j * side / grid; z < ((j + 1) * side + grid - 1) / grid; z++) {
              best = Math.max(best, x[c * side * side + y * side + z]);
            }
          }
          out[c * grid * grid + i * grid + j] = best;
        }
      }
    }
    return out;
  }

  private static LabelledImages images(int count, int side) {
    Random random = new Random(2);
    float[] pixels = new float[count * 3 * side * side];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextFloat() * 2 - 1;
    }
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = i % 2;
    }
    List<String> names = new ArrayList<>(List.of("a", "b"));
    return new LabelledImages(pixels, labels, side, names);
  }
}
