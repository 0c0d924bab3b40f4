package org.monosweep.results.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.monosweep.results.SampleCells;
import org.monosweep.spec.AugmentationSubset;
import org.monosweep.spec.Cell;
import org.monosweep.spec.EncoderKind;
import org.monosweep.spec.Hyperparameters;
import org.monosweep.spec.Method;
import org.monosweep.spec.ProbeSettings;
import org.monosweep.spec.SampleSize;
import org.monosweep.spec.TrainBudget;

class SettingsParamsTest {

  @Test
  void readsBackTheParametersThatCellJsonWrote() {
    Hyperparameters params = new Hyperparameters(Map.of("lr", "0.1", "optimizer", "adam",
        "odd", "a \"quoted\" \\ back\nslash\u0001"));
    Cell cell = Cell.of(Method.ROTNET, SampleSize.of(1), AugmentationSubset.ALL, 0,
        SampleCells.FASHION, "/img/\"params\":{\"lr\":\"9\"}.png", EncoderKind.SMALL4,
        new TrainBudget(2, 1000, 64), ProbeSettings.paper(), params);

    assertThat(SettingsParams.read(CellJson.write(cell))).isEqualTo(params);
  }

  @Test
  void readsNoParametersAsEmpty() {
    assertThat(SettingsParams.read(CellJson.write(SampleCells.cell(Method.RANDOM,
        SampleSize.FULL, AugmentationSubset.NONE, 0)))).isEqualTo(Hyperparameters.EMPTY);
  }
}
