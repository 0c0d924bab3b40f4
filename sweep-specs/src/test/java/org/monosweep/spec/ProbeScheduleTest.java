package org.monosweep.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The probe's learning-rate schedule: no drops is a constant rate, drops must fall in time. */
class ProbeScheduleTest {
  private static String withProbe(String probe) {
    return String.join("\n",
        "name = t",
        "dataset { kind = fashion-mnist }",
        "grid { method = [rotnet] }",
        "budget { epochs = 1, d = 2000 }",
        probe) + "\n";
  }

  @Test
  void aOneEpochProbeWithoutDropsKeepsItsRateConstant() {
    ProbeSettings probe = TestSpecs.parse(withProbe("probe { epochs = 1, lr-drops = [] }"))
        .cells().get(0).probe();

    assertThat(probe.epochs()).isEqualTo(1);
    assertThat(probe.lrDropEpochs()).isEmpty();
    assertThat(probe.learningRateAt(0)).isEqualTo(ProbeSettings.paper().learningRate());
  }

  @Test
  void anEmptyDropListIsAllowedForAnyNumberOfEpochs() {
    ProbeSettings probe = TestSpecs.parse(withProbe("probe { epochs = 12, lr-drops = [] }"))
        .cells().get(0).probe();

    assertThat(probe.lrDropEpochs()).isEmpty();
    assertThat(probe.learningRateAt(11)).isEqualTo(probe.learningRate());
  }

  @Test
  void aOneEpochProbeWithTheDefaultDropsSaysToWriteAnEmptyList() {
    SpecProblem problem = TestSpecs.problem(withProbe("probe { epochs = 1 }"));

    assertThat(problem.line()).isEqualTo(5);
    assertThat(problem.path()).isEqualTo("probe.lr-drops");
    assertThat(problem.problem())
        .isEqualTo("the drop at epoch 5 (a default) never happens with probe.epochs = 1");
    assertThat(problem.fix()).isEqualTo("write lr-drops = [] for a constant rate");
  }

  @Test
  void aDropAtOrPastTheLastEpochIsRefusedAsNeverReached() {
    List<SpecProblem> problems =
        TestSpecs.problems(withProbe("probe { epochs = 4, lr-drops = [2, 4] }"));

    assertThat(problems).extracting(SpecProblem::problem)
        .containsExactly("the drop at epoch 4 never happens with probe.epochs = 4");
  }
}
