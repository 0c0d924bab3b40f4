package org.monosweep.expand;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.monosweep.expand.SpecLoader;
import org.monosweep.spec.Cell;
import org.monosweep.spec.SweepSpec;

class PlanReportTest {
  private static final String SPEC = String.join("\n",
      "name = plan-test",
      "dataset = fashion-mnist",
      "grid { method = [rotnet, random], n = [1, full], params { lr = 0.1 } }",
      "budget { epochs = 2, d = 3000 }",
      "probe { epochs = 3, lr-drops = [1], train-limit = 5000 }");

  /** 1000 training and 2000 probe images/s: round numbers to check the arithmetic. */
  private final PlanReport report = PlanReport.create(new PlanSettings(1000, 2000));
  private final SweepSpec spec = SpecLoader.create().parse(SPEC, "plan.conf");

  @Test
  void estimatesTrainingAsEpochsTimesDAndProbesAsEpochsTimesImagesTimesLayers() {
    Cell rotnet = spec.cells().get(0);
    CellCost cost = report.estimate(rotnet);
    assertThat(cost.trainImageSteps()).isEqualTo(2 * 3000);
    assertThat(cost.probeImageSteps()).isEqualTo(3 * 5000 * 4);
    assertThat(cost.time()).isEqualTo(Duration.ofSeconds(6 + 30));

    CellCost random = report.estimate(spec.cells().get(2));
    assertThat(random.trainImageSteps()).isZero();
    assertThat(random.time()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void rendersOneRowPerCellAndTheTotal() {
    String text = report.render(spec);
    List<String> lines = text.lines().toList();

    assertThat(lines.get(0)).isEqualTo("sweep plan-test (plan.conf): 3 cells");
    assertThat(lines.get(2)).isEqualTo("probes: 3 epochs on 5000 images, lr 0.01 divided by 5 at epochs [1]");
    assertThat(lines.get(4)).startsWith("#  id").contains("method", "augmentation", "train img", "probe img", "time");
    assertThat(lines.get(5)).startsWith("1  " + spec.cells().get(0).id().value() + "  rotnet")
        .contains(" split ", " lr=0.1 ", " 6000 ", " 60.0k ", " 36s");
    assertThat(lines.get(7)).startsWith("3  " + spec.cells().get(2).id().value() + "  random")
        .contains(" full ", " - ", " 30s");
    assertThat(lines.get(6)).as("N = full trains on d real images")
        .contains(" full ", " 3000 ", " 6000 ", " 60.0k ", " 36s");
    assertThat(text).contains("\ntotal: 3 cells, 12.0k training + 180.0k probe image-steps, about 1m 42s on one slot\n");
  }

  @Test
  void probeCostIsUnknownForAnImageFolderWithoutTrainLimit() {
    SweepSpec folder = SpecLoader.create().parse(String.join("\n",
        "name = folder",
        "dataset { kind = image-folder, path = /data/tree }",
        "grid { method = rotnet }",
        "budget { epochs = 1, d = 1000 }"), "folder.conf");
    CellCost cost = report.estimate(folder.cells().get(0));
    assertThat(cost.probeKnown()).isFalse();
    assertThat(cost.time()).isEqualTo(Duration.ofSeconds(1));
    assertThat(report.render(folder)).contains(" ? ").contains("1000 training + 0 (and unknown) probe image-steps");
  }

  @Test
  void settingsComeFromMonosweepPlanWithReferenceDefaults() {
    assertThat(PlanSettings.defaults()).isEqualTo(new PlanSettings(1500, 4500));
    assertThat(PlanSettings.create(ConfigFactory.parseString(
        "monosweep.plan { train-images-per-second = 10, probe-images-per-second = 20 }")))
        .isEqualTo(new PlanSettings(10, 20));
  }

  @Test
  void numbersAndDurationsAreCompact() {
    assertThat(List.of(PlanReport.compact(950), PlanReport.compact(12_000), PlanReport.compact(1_600_000),
        PlanReport.compact(2_300_000_000L))).containsExactly("950", "12.0k", "1.60M", "2.30G");
    assertThat(List.of(PlanReport.duration(Duration.ofSeconds(42)), PlanReport.duration(Duration.ofSeconds(185)),
        PlanReport.duration(Duration.ofMinutes(125)), PlanReport.duration(Duration.ofHours(76))))
        .containsExactly("42s", "3m 05s", "2h 05m", "3d 04h");
  }
}
