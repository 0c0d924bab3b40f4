package org.monosweep.trainer.methods.gan;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.monosweep.spec.Method;
import org.monosweep.spec.TrainBudget;
import org.monosweep.trainer.model.ConvLayer;
import org.monosweep.trainer.model.EncoderArchitecture;
import org.monosweep.trainer.model.Normalization;
import org.monosweep.trainer.train.CellFailure;
import org.monosweep.trainer.train.TestCells;

/**
 * A GAN whose loss turns non-finite fails its cell naming the step and the parameters that went
 * non-finite, on any machine: one critic weight is set to NaN, as a faulty kernel or update would.
 */
class NonFiniteLossTest {
  private static final EncoderArchitecture TINY = new EncoderArchitecture("tiny", 3, 8, List.of(
      new ConvLayer("conv1", 3, 8, 3, 2, 1),
      new ConvLayer("conv2", 8, 16, 3, 2, 1)), Normalization.NONE);

  @Test
  void aNanCriticWeightFailsTheCellNamingTheStepAndTheWeight() {
    GanSettings settings = GanSettings.monogan(TestCells.cell(Method.MONOGAN, 1,
        new TrainBudget(1, 4, 4), TestCells.probe(1), Map.of("z_dim", "16", "gen_width", "8")));
    try (NDManager manager = NDManager.newBaseManager("PyTorch");
        Autograd.Mode paused = Autograd.paused()) {
      WganGp gan = WganGp.create(TINY, settings, manager, 1);
      MonoGanTrainer.Model model = new MonoGanTrainer.Model(gan, settings, manager);
      Random noise = new Random(1);
      step(model, manager, 1, noise);
      GanLoop.drain(model, 1, 1);
      NDArray weight = gan.critic().convWeight(1).getArray();
      weight.set(new float[Math.toIntExact(weight.size())]);
      weight.muli(Float.NaN);
      step(model, manager, 2, noise);

      assertThatThrownBy(() -> GanLoop.drain(model, 1, 1))
          .isInstanceOf(CellFailure.class)
          .hasMessageContaining("diverged: loss NaN at epoch 1 step 2 (critic loss)")
          .hasMessageContaining("parameters no longer finite: ")
          .hasMessageContaining("critic_conv2_weight")
          .hasMessageNotContaining("generator");
      model.close();
    }
  }

  private static void step(MonoGanTrainer.Model model, NDManager manager, long index,
      Random noise) {
    float[] pixels = new float[4 * 3 * 8 * 8];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = noise.nextFloat() * 2 - 1;
    }
    try (NDManager step = manager.newSubManager()) {
      model.step(step, step.create(pixels, new Shape(4, 3, 8, 8)), index, noise);
    }
  }
}
