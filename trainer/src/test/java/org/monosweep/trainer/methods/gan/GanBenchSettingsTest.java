package org.monosweep.trainer.methods.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.monosweep.spec.Method;

class GanBenchSettingsTest {

  @Test
  void aMethodWithoutABenchmarkIsRefusedByItsLabel() {
    assertThatThrownBy(() -> new GanBench.Settings(30, 64, 10, OptionalInt.empty(),
        List.of(Method.MONOGAN, Method.SUPERVISED), 0, 64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--methods: no benchmark for supervised");
  }

  @Test
  void aNegativeMemoryRunIsRefusedWhileZeroSkipsIt() {
    assertThatThrownBy(() -> new GanBench.Settings(30, 64, 10, OptionalInt.empty(),
        List.of(Method.BIGAN), -1, 64)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--memory-steps must be >= 0, got -1");
    assertThat(new GanBench.Settings(30, 64, 10, OptionalInt.empty(), List.of(Method.BIGAN), 0,
        64).memorySteps()).isZero();
  }

  @Test
  void theMethodsAreCopiedSoTheCallerCannotChangeThemLater() {
    List<Method> methods = new ArrayList<>(List.of(Method.ROTNET));
    GanBench.Settings settings = new GanBench.Settings(30, 64, 10, OptionalInt.empty(), methods,
        0, 64);

    methods.add(Method.BIGAN);

    assertThat(settings.methods()).containsExactly(Method.ROTNET);
  }
}
