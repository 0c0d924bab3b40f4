package org.monosweep.results.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.monosweep.results.SampleCells.cell;
import static org.monosweep.results.SampleCells.result;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.results.SampleCells;
import org.monosweep.results.store.ResultStore;
import org.monosweep.results.store.ResultStores;
import org.monosweep.spec.AugmentationSubset;
import org.monosweep.spec.Cell;
import org.monosweep.spec.EncoderKind;
import org.monosweep.spec.Hyperparameters;
import org.monosweep.spec.Method;
import org.monosweep.spec.ProbeSettings;
import org.monosweep.spec.SampleSize;
import org.monosweep.spec.TrainBudget;

class SweepReportTest {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private static final Instant T1 = Instant.parse("2025-03-01T11:00:00Z");

  private static final Cell SUPERVISED = cell(Method.SUPERVISED, SampleSize.FULL, AugmentationSubset.NONE, 0);
  private static final Cell RANDOM = cell(Method.RANDOM, SampleSize.FULL, AugmentationSubset.NONE, 0);
  private static final Cell ONE_NONE_SEED0 = cell(Method.ROTNET, SampleSize.of(1), AugmentationSubset.NONE, 0);
  private static final Cell ONE_NONE_SEED1 = cell(Method.ROTNET, SampleSize.of(1), AugmentationSubset.NONE, 1);
  private static final Cell ONE_ALL = cell(Method.ROTNET, SampleSize.of(1), AugmentationSubset.ALL, 0);
  private static final Cell TEN_SCALE = cell(Method.ROTNET, SampleSize.of(10), AugmentationSubset.parse("scale"), 0);
  private static final Cell FULL_ALL = cell(Method.ROTNET, SampleSize.FULL, AugmentationSubset.ALL, 0);

  private ResultStore store;

  @BeforeEach
  void fillStore() {
    store = ResultStores.openUrl(SampleCells.memoryUrl());
    // Registered out of the paper's order: the report sorts.
    store.registerSweep("table1", "specs/table1.conf", List.of(FULL_ALL, ONE_NONE_SEED0, RANDOM,
        TEN_SCALE, ONE_NONE_SEED1, SUPERVISED, ONE_ALL), T0);
    complete(SUPERVISED, result(0.665, 0.701, 0.724, 0.759));
    complete(RANDOM, result(0.578, 0.555, 0.542, 0.473));
    complete(ONE_NONE_SEED0, result(0.60, 0.55, 0.50, 0.45));
    complete(ONE_NONE_SEED1, result(0.62, 0.57, 0.53, 0.44));
    complete(FULL_ALL, result(List.of("mode-collapse: 3 of 10 clusters"), 0.681, 0.723, 0.708, 0.635));
    for (int attempt = 1; attempt <= 3; attempt++) {
      store.markStarted(TEN_SCALE.id(), attempt, "gpu-1", T0);
      store.recordFailed(TEN_SCALE.id(), attempt, "gpu-1", "CUDA out of memory |\n at conv3",
          attempt == 3, T1);
    }
    store.markStarted(ONE_ALL.id(), 1, "gpu-2", T1);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void rendersThePapersLayoutWithSeedsAggregated() {
    String markdown = SweepReport.load(store, "table1").toMarkdown();

    assertThat(markdown).isEqualTo("""
        # Sweep report: table1

        - origin: `specs/table1.conf`
        - registered: 2025-03-01T10:00:00Z
        - cells: 7 total · 5 done · 1 failed · 1 running · 0 pending · 0 interrupted

        Linear-probe top-1 accuracy (%%) on the test split after each conv layer. Cells that \
        differ only by seed share a row: mean ± sample std (n finished cells); — where none has \
        finished.

        ## fashion-mnist · small4

        | method | N | augmentation | conv1 | conv2 | conv3 | conv4 |
        |:---|---:|:---|---:|---:|---:|---:|
        | supervised | — | — | 66.5 (1) | 70.1 (1) | 72.4 (1) | 75.9 (1) |
        | random | — | — | 57.8 (1) | 55.5 (1) | 54.2 (1) | 47.3 (1) |
        | rotnet | 1 | none | 61.0 ± 1.4 (2) | 56.0 ± 1.4 (2) | 51.5 ± 2.1 (2) | 44.5 ± 0.7 (2) |
        | rotnet | 1 | all | — | — | — | — |
        | rotnet | 10 | scale | — | — | — | — |
        | rotnet | full | all | 68.1 (1) | 72.3 (1) | 70.8 (1) | 63.5 (1) |

        ## Failures

        - `%s` rotnet N=10 scale seed=0: failed (attempt 3 on gpu-1): CUDA out of memory | at conv3
        - `%s` rotnet N=full all seed=0: done, flagged: mode-collapse: 3 of 10 clusters

        ## Cells

        | cell | label | status | attempts | train s | probe s |
        |:---|:---|:---|---:|---:|---:|
        | `%s` | rotnet N=full all seed=0 | done | 1 | 12.5 | 3.3 |
        | `%s` | rotnet N=1 none seed=0 | done | 1 | 12.5 | 3.3 |
        | `%s` | random N=full none seed=0 | done | 1 | 12.5 | 3.3 |
        | `%s` | rotnet N=10 scale seed=0 | failed | 3 | — | — |
        | `%s` | rotnet N=1 none seed=1 | done | 1 | 12.5 | 3.3 |
        | `%s` | supervised N=full none seed=0 | done | 1 | 12.5 | 3.3 |
        | `%s` | rotnet N=1 all seed=0 | running | 1 | — | — |
        """.formatted(TEN_SCALE.id(), FULL_ALL.id(), FULL_ALL.id(), ONE_NONE_SEED0.id(),
        RANDOM.id(), TEN_SCALE.id(), ONE_NONE_SEED1.id(), SUPERVISED.id(), ONE_ALL.id()));
  }

  @Test
  void ordersAugmentationsAsEverySubsetAndNumbersWithFullLast() {
    List<Cell> cells = List.of(
        cell(Method.ROTNET, SampleSize.FULL, AugmentationSubset.NONE, 0),
        cell(Method.ROTNET, SampleSize.of(1000), AugmentationSubset.NONE, 0),
        cell(Method.ROTNET, SampleSize.of(1), AugmentationSubset.ALL, 0),
        cell(Method.ROTNET, SampleSize.of(1), AugmentationSubset.parse("rotation+jitter"), 0),
        cell(Method.ROTNET, SampleSize.of(1), AugmentationSubset.parse("jitter"), 0),
        cell(Method.ROTNET, SampleSize.of(1), AugmentationSubset.parse("scale"), 0),
        cell(Method.ROTNET, SampleSize.of(1), AugmentationSubset.NONE, 0),
        cell(Method.ROTNET, SampleSize.of(10), AugmentationSubset.NONE, 0));
    store.registerSweep("order", "o.conf", cells, T0);

    assertThat(rowLabels(SweepReport.load(store, "order").toMarkdown())).containsExactly(
        "| rotnet | 1 | none |", "| rotnet | 1 | scale |", "| rotnet | 1 | jitter |",
        "| rotnet | 1 | rotation+jitter |", "| rotnet | 1 | all |", "| rotnet | 10 | none |",
        "| rotnet | 1000 | none |", "| rotnet | full | none |");
  }

  @Test
  void separatesRowsThatDifferInMoreThanTheSeed() {
    Cell imageA = Cell.of(Method.ROTNET, SampleSize.of(1), AugmentationSubset.ALL, 0,
        SampleCells.FASHION, "/img/imageA.png", EncoderKind.SMALL4, new TrainBudget(2, 1000, 64),
        ProbeSettings.paper(), Hyperparameters.EMPTY);
    Cell imageB = Cell.of(Method.ROTNET, SampleSize.of(1), AugmentationSubset.ALL, 0,
        SampleCells.FASHION, "/img/imageB.png", EncoderKind.SMALL4, new TrainBudget(2, 1000, 64),
        ProbeSettings.paper(), Hyperparameters.EMPTY);
    Cell lowLr = cell(Method.ROTNET, SampleSize.of(10), AugmentationSubset.ALL, 0);
    Cell highLr = Cell.of(Method.ROTNET, SampleSize.of(10), AugmentationSubset.ALL, 0,
        SampleCells.FASHION, "", EncoderKind.SMALL4, new TrainBudget(2, 1000, 64),
        ProbeSettings.paper(), Hyperparameters.EMPTY.with("lr", "0.1"));
    store.registerSweep("variants", "v.conf", List.of(imageA, imageB, lowLr, highLr), T0);

    String md = SweepReport.load(store, "variants").toMarkdown();
    List<String> labels = rowLabels(md);

    assertThat(labels).startsWith("| rotnet | 1 (imageA.png) | all |", "| rotnet | 1 (imageB.png) | all |");
    assertThat(md).contains("| method | N | augmentation | parameters | conv1 |")
        .contains("\n| rotnet | 10 | all | lr=0.05 | ", "\n| rotnet | 10 | all | lr=0.1 | ")
        .doesNotContain(lowLr.id().value().substring(0, 8) + "]");
  }

  @Test
  void showsOnlyTheParametersThatVaryAmongCellsOfOneMethod() {
    Cell fixedLr = Cell.of(Method.SUPERVISED, SampleSize.FULL, AugmentationSubset.NONE, 0,
        SampleCells.FASHION, "", EncoderKind.SMALL4, new TrainBudget(2, 1000, 64),
        ProbeSettings.paper(), Hyperparameters.EMPTY.with("lr", "0.2").with("momentum", "0.5"));
    Cell momentum = Cell.of(Method.ROTNET, SampleSize.of(10), AugmentationSubset.ALL, 0,
        SampleCells.FASHION, "", EncoderKind.SMALL4, new TrainBudget(2, 1000, 64),
        ProbeSettings.paper(), Hyperparameters.EMPTY.with("momentum", "0.5"));
    Cell plain = cell(Method.ROTNET, SampleSize.of(10), AugmentationSubset.ALL, 0);
    store.registerSweep("narrow", "n.conf", List.of(fixedLr, momentum, plain), T0);

    String md = SweepReport.load(store, "narrow").toMarkdown();

    assertThat(md).contains("\n| supervised | — | — | momentum=0.5 | ",
        "\n| rotnet | 10 | all | momentum=0.5 | ", "\n| rotnet | 10 | all | momentum=0.9 | ",
        "| `" + plain.id() + "` | rotnet N=10 all seed=0 momentum=0.9 | ")
        .doesNotContain("lr=");
  }

  @Test
  void writesTheReportUnderTheSweepsRunFolder(@TempDir Path runs) throws Exception {
    SweepReport report = SweepReport.load(store, "table1");

    Path written = report.writeTo(runs);

    assertThat(written).isEqualTo(runs.resolve("table1").resolve("report.md"));
    assertThat(Files.readString(written)).isEqualTo(report.toMarkdown());
    assertThat(report.writeTo(runs)).hasSameTextualContentAs(written);
    assertThat(runs.resolve("table1")).isDirectoryNotContaining("glob:**.partial");
  }

  @Test
  void linksEachPreviewOnceSortedBySourceThenSubsetBeforeTheFailures() {
    AugmentationSubset scale = AugmentationSubset.parse("scale");
    SweepReport report = SweepReport.load(store, "table1").withPreviews(List.of(
        new SweepReport.Preview("/photos/wood.jpg", AugmentationSubset.ALL, "previews/wood-all.png"),
        new SweepReport.Preview("/photos/b.png", scale, "previews/b-scale.png"),
        new SweepReport.Preview("/photos/wood.jpg", AugmentationSubset.NONE, "previews/wood-none.png")));

    String markdown = report.toMarkdown();

    List<String> lines = markdown.lines().toList();
    int section = lines.indexOf("## Augmentation previews");
    assertThat(section).isPositive().isLessThan(lines.indexOf("## Failures"));
    assertThat(lines.subList(section, lines.size()).stream().filter(l -> l.startsWith("- ")).limit(3))
        .containsExactly(
            "- b.png, scale: [previews/b-scale.png](previews/b-scale.png)",
            "- wood.jpg, none: [previews/wood-none.png](previews/wood-none.png)",
            "- wood.jpg, all: [previews/wood-all.png](previews/wood-all.png)");
    assertThat(SweepReport.load(store, "table1").toMarkdown())
        .doesNotContain("## Augmentation previews");
    assertThatThrownBy(() -> new SweepReport.Preview("a.png", scale, "/tmp/a.png"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namesTheKnownSweepsWhenAskedForAnUnknownOne() {
    assertThatThrownBy(() -> SweepReport.load(store, "tabel1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no sweep named 'tabel1' in the results store; known sweeps: table1");
  }

  @Test
  void summarisesTheStatusOfEverySweep() {
    store.registerSweep("quickstart", "q.conf", List.of(SUPERVISED, RANDOM), T1);

    assertThat(StatusSummary.load(store).toText()).isEqualTo("""
        sweep       done/total  failed  running  interrupted  pending
        table1             5/7       1        1            0        0
        quickstart         2/2       0        0            0        0
        """);
    assertThat(new StatusSummary(List.of()).toText()).isEqualTo("No sweeps in the results store yet.\n");
  }

  private void complete(Cell cell, org.monosweep.protocol.CellResult result) {
    store.markStarted(cell.id(), 1, "gpu-1", T0);
    store.recordCompleted(cell.id(), 1, "gpu-1", result, T1);
  }

  /** The method, N and augmentation columns of the first accuracy table's rows. */
  private static List<String> rowLabels(String markdown) {
    List<String> lines = markdown.lines().toList();
    int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("| method |")).findFirst()
        .orElseThrow());
    return lines.subList(header + 2, lines.size()).stream()
        .takeWhile(line -> !line.isEmpty())
        .map(line -> {
          String[] parts = line.split(" \\| ", 4);
          return parts[0] + " | " + parts[1] + " | " + parts[2] + " |";
        })
        .toList();
  }
}
