package org.monosweep.trainer.methods.gan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.monosweep.spec.Cell;
import org.monosweep.spec.Method;
import org.monosweep.spec.TrainBudget;
import org.monosweep.trainer.train.TestCells;

class GanSettingsTest {

  @Test
  void eachGanStartsFromItsPapersAdamSettings() {
    GanSettings monogan = GanSettings.monogan(cell(Method.MONOGAN, Map.of()));
    GanSettings bigan = GanSettings.bigan(cell(Method.BIGAN, Map.of()));

    assertThat(new double[] {monogan.learningRate(), monogan.beta1(), monogan.beta2()})
        .containsExactly(1e-4, 0, 0.9);
    assertThat(new double[] {bigan.learningRate(), bigan.beta1(), bigan.beta2()})
        .containsExactly(2e-4, 0.5, 0.999);
    assertThat(monogan.criticSteps()).isEqualTo(5);
  }

  @Test
  void aSpecsValueReplacesTheDefault() {
    GanSettings bigan = GanSettings.bigan(cell(Method.BIGAN, Map.of("lr", "0.001", "beta1", "0")));
    assertThat(bigan.learningRate()).isEqualTo(1e-3);
    assertThat(bigan.beta1()).isZero();
  }

  private static Cell cell(Method method, Map<String, String> params) {
    return TestCells.cell(method, 0, new TrainBudget(1, 8, 8), TestCells.probe(1), params);
  }
}
