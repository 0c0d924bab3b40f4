package org.monosweep.trainer.methods.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.monosweep.spec.Method;
import org.monosweep.spec.TrainBudget;
import org.monosweep.trainer.linalg.Pca;
import org.monosweep.trainer.model.ConvEncoder;
import org.monosweep.trainer.model.EncoderArchitecture;
import org.monosweep.trainer.model.Normalization;
import org.monosweep.trainer.train.TestCells;

/**
 * The GANs' data-dependent starts: {@link WganGp#calibrate} puts the critic where the gradient
 * penalty wants it, {@link BiGan#calibrate} whitens the encoder head's outputs; and BiGAN's
 * codes have the prior's mean and variance in every batch.
 */
class GanCalibrationTest {
  private static final GanSettings SETTINGS = GanSettings.monogan(TestCells.cell(Method.MONOGAN,
      1, new TrainBudget(1, 8, 8), TestCells.probe(1), Map.of()));
  private static final GanSettings BIGAN = GanSettings.bigan(TestCells.cell(Method.BIGAN,
      1, new TrainBudget(1, 8, 8), TestCells.probe(1), Map.of()));

  @Test
  void scalesTheHeadToUnitInputGradientsAndLeavesTheConvsAlone() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch");
        Autograd.Mode paused = Autograd.paused()) {
      WganGp gan = smallCritic(manager);
      NDArray real = images(manager, 16, 7);
      float[] conv1 = gan.critic().convWeight(0).getArray().toFloatArray();
      float norm = meanGradientNorm(gan, manager, real);

      double before = gan.calibrate(manager, real);

      // the He-initialised small4 critic starts far from the penalty's 1 (0.025 on Fashion-MNIST)
      assertThat(before).isCloseTo(norm, offset(1e-6 * norm));
      assertThat(before).isLessThan(0.5);
      assertThat(meanGradientNorm(gan, manager, real)).isCloseTo(1f, offset(1e-4f));
      // on other images the norm moves by the same factor, not to exactly 1
      float other = meanGradientNorm(gan, manager, images(manager, 16, 8));
      assertThat(other).isBetween(0.5f, 2f);
      assertThat(Arrays.equals(gan.critic().convWeight(0).getArray().toFloatArray(), conv1))
          .isTrue();
    }
  }

  @Test
  void refusesACriticWithNoInputGradient() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch");
        Autograd.Mode paused = Autograd.paused()) {
      WganGp gan = smallCritic(manager);
      gan.critic().headWeight().getArray().muli(0);

      assertThatThrownBy(() -> gan.calibrate(manager, images(manager, 4, 7)))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("input gradient");
    }
  }

  @Test
  void refusesACriticWhoseInputGradientIsTooSmallToScaleUp() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch");
        Autograd.Mode paused = Autograd.paused()) {
      WganGp gan = smallCritic(manager);
      // nonzero but ~1e-10: dividing by it would make the head ~1e8 times larger
      gan.critic().headWeight().getArray().muli(1e-8f);

      assertThatThrownBy(() -> gan.calibrate(manager, images(manager, 4, 7)))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("input gradient");
    }
  }

  @Test
  void whitensTheHeadsOutputsAndLeavesTheConvsAlone() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch");
        Autograd.Mode paused = Autograd.paused()) {
      ConvEncoder encoder = smallEncoder(manager);
      BiGan gan = BiGan.create(encoder, BIGAN, manager, 9);
      int rows = BiGan.WHITENING_ROWS_PER_DIM * BIGAN.zDim();
      NDArray real = images(manager, rows, 7);
      float[] conv1 = encoder.block().getParameters().get(0).getValue().getArray().toFloatArray();
      // the random encoder's outputs are far from white (7.4 on these noise images)
      double[] before = eigenvalues(gan.headOutputs(manager, real));
      assertThat(before[0] / before[before.length - 1]).isGreaterThan(5);

      gan.calibrate(manager, gan.headOutputs(manager, real));

      NDArray outputs = gan.headOutputs(manager, real);
      float[] means = outputs.mean(new int[] {0}).toFloatArray();
      for (int j = 0; j < means.length; j++) {
        assertThat(means[j]).as("mean of output %d", j).isCloseTo(0f, offset(1e-3f));
      }
      assertThat(eigenvalues(outputs)).containsOnly(new double[] {1}, offset(1e-2));
      assertThat(Arrays.equals(
          encoder.block().getParameters().get(0).getValue().getArray().toFloatArray(), conv1))
          .isTrue();
    }
  }

  @Test
  void leavesTheHeadAloneWhenTheSampleIsTooSmallToWhiten() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch");
        Autograd.Mode paused = Autograd.paused()) {
      BiGan gan = BiGan.create(smallEncoder(manager), BIGAN, manager, 9);
      NDArray real = images(manager, BiGan.WHITENING_ROWS_PER_DIM * BIGAN.zDim() - 1, 7);
      float[] before = gan.headOutputs(manager, real).toFloatArray();

      gan.calibrate(manager, gan.headOutputs(manager, real));

      assertThat(gan.headOutputs(manager, real).toFloatArray()).containsExactly(before);
    }
  }

  @Test
  void standardisesTheCodesOverTheBatch() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch");
        Autograd.Mode paused = Autograd.paused()) {
      BiGan gan = BiGan.create(smallEncoder(manager), BIGAN, manager, 9);
      NDArray real = images(manager, 32, 7);
      // the head's raw outputs are far from the prior's moments
      float[] rawSpreads = spreads(gan.headOutputs(manager, real));
      for (int j = 0; j < rawSpreads.length; j++) {
        assertThat(rawSpreads[j]).as("spread of output %d", j).isLessThan(0.9f);
      }

      NDArray codes = gan.codes(manager, real);

      float[] means = codes.mean(new int[] {0}).toFloatArray();
      float[] spreads = spreads(codes);
      assertThat(means).hasSize(BIGAN.zDim());
      for (int j = 0; j < means.length; j++) {
        assertThat(means[j]).as("mean of code %d", j).isCloseTo(0f, offset(1e-4f));
        assertThat(spreads[j]).as("spread of code %d", j).isCloseTo(1f, offset(1e-3f));
      }
    }
  }

  private static float[] spreads(NDArray codes) {
    return codes.sub(codes.mean(new int[] {0})).square().mean(new int[] {0}).sqrt()
        .toFloatArray();
  }

  private static double[] eigenvalues(NDArray codes) {
    try (NDManager pass = codes.getManager().newSubManager();
        Pca pca = Pca.fit(codes, Math.toIntExact(codes.getShape().get(1)), pass)) {
      assertThat(pca.dims()).isEqualTo(codes.getShape().get(1));
      return pca.eigenvalues();
    }
  }

  private static ConvEncoder smallEncoder(NDManager manager) {
    ConvEncoder encoder = ConvEncoder.create(EncoderArchitecture.small4());
    encoder.initialize(manager, 9);
    return encoder;
  }

  private static WganGp smallCritic(NDManager manager) {
    return WganGp.create(EncoderArchitecture.small4(Normalization.NONE), SETTINGS, manager, 5);
  }

  private static float meanGradientNorm(WganGp gan, NDManager manager, NDArray real) {
    try (NDManager pass = manager.newSubManager()) {
      return new GradientPenalty(SETTINGS.lambda()).surrogate(gan.critic(),
          gan.critic().detachedWeights(pass), real).gradientNorm().getFloat();
    }
  }

  private static NDArray images(NDManager manager, int count, long seed) {
    Random random = new Random(seed);
    float[] pixels = new float[count * 3 * 32 * 32];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextFloat() * 2 - 1;
    }
    return manager.create(pixels, new Shape(count, 3, 32, 32));
  }
}
