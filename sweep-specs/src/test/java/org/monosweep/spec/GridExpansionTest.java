package org.monosweep.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.monosweep.spec.TestSpecs.IMAGE_A;
import static org.monosweep.spec.TestSpecs.IMAGE_B;
import static org.monosweep.spec.TestSpecs.ids;
import static org.monosweep.spec.TestSpecs.labels;
import static org.monosweep.spec.TestSpecs.parse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridExpansionTest {
  /** A spec with the given grid and extra sections, on Fashion-MNIST with a small budget. */
  private static String spec(String grid, String... extra) {
    return "name = t\ndataset { kind = fashion-mnist }\nsources { A = \"" + IMAGE_A + "\", B = \"" + IMAGE_B + "\" }\n"
        + "grid { " + grid + " }\nbudget { epochs = 2, d = 2000 }\n" + String.join("\n", extra) + "\n";
  }

  @Test
  void referencesCollapseToOneCellPerSeedWithFullNAndNoAugmentation() {
    SweepSpec s = parse(spec("method = [supervised, random], n = [1, 10, full], augmentation = every-subset,"
        + " seed = [0, 1], params { lr = [0.1, 0.2] }"));

    assertThat(labels(s)).containsExactly(
        "supervised N=full none seed=0", "supervised N=full none seed=1",
        "supervised N=full none seed=0", "supervised N=full none seed=1",
        "random N=full none seed=0", "random N=full none seed=1");
    assertThat(s.cells()).allSatisfy(c -> assertThat(c.source()).isEmpty());
    Cell random = s.cells().get(4);
    assertThat(random.budget()).isEqualTo(new TrainBudget(0, 2000, 64));
    assertThat(random.params()).isEqualTo(Hyperparameters.EMPTY);
    assertThat(s.cells().get(0).params().values()).containsExactly(Map.entry("lr", "0.1"));
    assertThat(s.cells().get(2).params().values()).containsExactly(Map.entry("lr", "0.2"));
  }

  @Test
  void axesExpandMethodSlowestThenNAugmentationSourceParamsAndSeedFastest() {
    SweepSpec s = parse(spec("method = [rotnet], n = [1, 10], augmentation = [all, none], source = [B, A],"
        + " seed = [1, 0], params { weight_decay = [0, 1], lr = [0.2, 0.1] }"));

    List<String> order = s.cells().stream().map(c -> c.n() + " " + c.augmentation() + " "
        + (c.source().isEmpty() ? "-" : Path.of(c.source()).getFileName()) + " " + c.params().values() + " " + c.seed())
        .collect(Collectors.toList());
    assertThat(order).hasSize(2 * 2 * 4 * 2 + 2 * 4 * 2);
    assertThat(order.subList(0, 5)).containsExactly(
        "1 all b.jpg {lr=0.2, weight_decay=0} 1",
        "1 all b.jpg {lr=0.2, weight_decay=0} 0",
        "1 all b.jpg {lr=0.2, weight_decay=1} 1",
        "1 all b.jpg {lr=0.2, weight_decay=1} 0",
        "1 all b.jpg {lr=0.1, weight_decay=0} 1");
    assertThat(order.get(8)).isEqualTo("1 all a.jpg {lr=0.2, weight_decay=0} 1");
    assertThat(order.get(32)).as("N = 10 cells have no source, so the source axis collapses")
        .isEqualTo("10 all - {lr=0.2, weight_decay=0} 1");
  }

  @Test
  void idsAreStableAcrossParsesAndIndependentOfValueOrderAndSweepName() {
    String grid = "method = [rotnet, random], n = [1, 10, full], augmentation = [none, \"scale+jitter\"], seed = [0, 1]";
    List<String> first = ids(parse(spec(grid)));
    assertThat(ids(parse(spec(grid)))).isEqualTo(first);
    assertThat(first).doesNotHaveDuplicates().hasSize(8 + 4 + 2 + 2);

    String reordered = "seed = [1, 0], augmentation = [\"jitter+scale\", none], n = [full, 10, 1], method = [random, rotnet]";
    assertThat(ids(parse(spec(reordered)))).containsExactlyInAnyOrderElementsOf(first).isNotEqualTo(first);
    assertThat(ids(parse(spec(grid).replace("name = t", "name = another-sweep")))).isEqualTo(first);
  }

  @Test
  void addingAxisValuesKeepsTheIdsOfExistingCells() {
    List<String> before = ids(parse(spec("method = [rotnet], n = [1, 10], seed = [0]")));
    List<String> after = ids(parse(spec("method = [rotnet, supervised], n = [1, 10, 1000], seed = [0, 7],"
        + " augmentation = [none, all]")));
    assertThat(before).hasSize(3);
    assertThat(after).containsAll(before).hasSize(8 + 4 + 4 + 2);
  }

  @Test
  void idsChangeWithAnyResolvedSettingAndNumbersAreCanonical() {
    String grid = "method = [rotnet], n = [10], params { lr = [0.1] }";
    String base = ids(parse(spec(grid))).get(0);
    assertThat(ids(parse(spec(grid.replace("0.1", "0.10"))))).containsExactly(base);
    assertThat(ids(parse(spec(grid.replace("0.1", "1e-1"))))).containsExactly(base);
    assertThat(ids(parse(spec(grid.replace("0.1", "0.2"))))).doesNotContain(base);
    assertThat(ids(parse(spec(grid, "probe { epochs = 40 }")))).doesNotContain(base);
    assertThat(ids(parse(spec(grid).replace("d = 2000", "d = 3000")))).doesNotContain(base);
  }

  @Test
  void excludeRemovesMatchingCellsAndIncludeAddsCellsWithFirstGridValuesForOtherAxes() {
    SweepSpec s = parse(spec("method = [rotnet, supervised], n = [1, 10, full], augmentation = [all, none], seed = [0, 1],"
        + " source = A",
        "exclude = [ { method = rotnet, n = [10, full], augmentation = none }, { method = supervised, seed = 1 } ]",
        "\"include\" = [ { n = 1000, seed = 9 }, { method = rotnet, n = 10, augmentation = none, seed = [0, 1] } ]"));

    assertThat(labels(s)).containsExactly(
        "rotnet N=1 all seed=0", "rotnet N=1 all seed=1", "rotnet N=1 none seed=0", "rotnet N=1 none seed=1",
        "rotnet N=10 all seed=0", "rotnet N=10 all seed=1",
        "supervised N=full none seed=0",
        "rotnet N=1000 all seed=9",
        "rotnet N=10 none seed=0", "rotnet N=10 none seed=1");
  }

  @Test
  void fullNCellsIgnoreTheAugmentationSubsetAndTrainOnDRealImages() {
    SweepSpec s = parse(spec("method = rotnet, n = [full, 10], augmentation = [none, all]"));
    assertThat(labels(s)).containsExactly("rotnet N=full none seed=0", "rotnet N=10 none seed=0", "rotnet N=10 all seed=0");
    assertThat(s.cells()).extracting(c -> c.budget().datasetSize()).containsExactly(2000, 2000, 2000);
    String huge = spec("method = rotnet, n = full").replace("d = 2000", "d = 90000");
    assertThat(parse(huge).cells().get(0).budget().datasetSize()).as("d is capped at the split").isEqualTo(60_000);

    String folder = spec("method = rotnet").replace("kind = fashion-mnist", "kind = image-folder, path = /data/tree");
    assertThat(parse(folder).cells().get(0).budget().datasetSize()).as("unknown split size: d as written").isEqualTo(2000);
  }

  @Test
  void rulesMatchResolvedCellsAndSourceOnlyMatchesSingleImageCells() {
    SweepSpec s = parse(spec("method = [rotnet, random], n = [1, 10], source = [A, B]",
        "exclude = [ { source = B }, { method = random, n = full } ]"));
    assertThat(s.cells()).extracting(Cell::label, Cell::source).containsExactly(
        org.assertj.core.groups.Tuple.tuple("rotnet N=1 none seed=0", IMAGE_A),
        org.assertj.core.groups.Tuple.tuple("rotnet N=10 none seed=0", ""));
  }

  @Test
  void singleImageSourceDefaultsToEveryDeclaredSourceElseOneDrawnFromTheSplit() {
    assertThat(parse(spec("method = rotnet, n = 1")).cells()).extracting(Cell::source)
        .containsExactly(IMAGE_A, IMAGE_B);
    String noSources = "name = t\ndataset = fashion-mnist\ngrid { method = rotnet, n = [1, 10] }\nbudget { epochs = 1 }";
    SweepSpec s = parse(noSources);
    assertThat(s.cells()).extracting(Cell::source).containsExactly("", "");
    assertThat(s.cells().get(0).budget()).as("d defaults to the training split")
        .isEqualTo(new TrainBudget(1, 60_000, 64));
    assertThat(parse(spec("method = rotnet, n = 1, source = [split, A]")).cells()).extracting(Cell::source)
        .containsExactly("", IMAGE_A);
  }

  @Test
  void perMethodSettingsOverrideTheBudgetAndFixHyperparameters() {
    SweepSpec s = parse(spec("method = [rotnet, supervised], n = [10], params { lr = [0.1] }",
        "methods { rotnet { d = 3000, momentum = 0.9, optimizer = adam }, supervised { epochs = 5, batch = 32 } }"));

    Cell rotnet = s.cells().get(0);
    assertThat(rotnet.budget()).isEqualTo(new TrainBudget(2, 3000, 64));
    assertThat(rotnet.params().values()).containsExactly(
        Map.entry("lr", "0.1"), Map.entry("momentum", "0.9"), Map.entry("optimizer", "adam"));
    assertThat(rotnet.get(ParamKeys.MOMENTUM)).isEqualTo(0.9);
    assertThat(rotnet.get(ParamKeys.OPTIMIZER)).isEqualTo("adam");
    Cell supervised = s.cells().get(1);
    assertThat(supervised.budget()).isEqualTo(new TrainBudget(5, 2000, 32));
    assertThat(supervised.params().values()).containsExactly(Map.entry("lr", "0.1"));
  }

  @Test
  void substitutionsResolveAndVarsAreIgnored() {
    SweepSpec s = parse(spec("method = rotnet, n = [${vars.small}, 10]", "vars { small = 1 }"));
    assertThat(labels(s)).containsExactly("rotnet N=1 none seed=0", "rotnet N=1 none seed=0", "rotnet N=10 none seed=0");
  }

  @Test
  void loadsFromAFileNamingItInTheOrigin(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mine.conf");
    Files.writeString(file, spec("method = rotnet"));
    SweepSpec s = TestSpecs.loader().load(file);
    assertThat(s.origin()).isEqualTo(file.toString());
    assertThat(s.cells()).hasSize(1);
  }
}
