package org.monosweep.spec;

import org.monosweep.expand.SpecLoader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BundledSpecsTest {
  private static final String WOOD = "/usr/share/backgrounds/mate/nature/Wood.jpg";
  /** The bundled specs name only this image; pretend it is installed. */
  private final SpecLoader loader = SpecLoader.create(p -> p.equals(Path.of(WOOD)));

  @Test
  void quickstartIsRotnetOverFourNAndTwoAugmentationsPlusBothReferences() {
    SweepSpec spec = loader.loadBundled("quickstart");

    assertThat(spec.name()).isEqualTo("quickstart");
    assertThat(spec.origin()).isEqualTo("classpath:specs/quickstart.conf");
    // N = full trains on the real split, which the augmentation subset does not touch: the
    // "none" and "all" points of N = full are one cell.
    assertThat(TestSpecs.labels(spec)).containsExactly(
        "rotnet N=1 none seed=0", "rotnet N=1 all seed=0",
        "rotnet N=10 none seed=0", "rotnet N=10 all seed=0",
        "rotnet N=1000 none seed=0", "rotnet N=1000 all seed=0",
        "rotnet N=full none seed=0",
        "supervised N=full none seed=0", "random N=full none seed=0");
    assertThat(spec.cells().get(6).budget()).as("N = full is N = d real images").isEqualTo(spec.cells().get(0).budget());
    Cell first = spec.cells().get(0);
    assertThat(first.source()).isEqualTo(WOOD);
    assertThat(first.dataset()).isEqualTo(new DatasetRef(DatasetKind.FASHION_MNIST, "/usr/share/datasets/fashion-mnist"));
    assertThat(first.encoder()).isEqualTo(EncoderKind.SMALL4);
    assertThat(first.budget()).isEqualTo(new TrainBudget(3, 4000, 64));
    assertThat(first.probe()).isEqualTo(new ProbeSettings(6, 0.01, List.of(3, 5), 5, 0.9, 5e-4, 128, 10000, 0));
    assertThat(spec.cells().get(2).source()).as("N = 10 has no single source").isEmpty();
    assertThat(spec.cells().get(7).budget()).as("supervised gets more labelled images").isEqualTo(new TrainBudget(4, 12000, 64));
  }

  @Test
  void table1IsEveryAugmentationSubsetOfMonoganPlusReferencesOverThreeSeeds() {
    SweepSpec spec = loader.loadBundled("table1-augmentation.conf");

    assertThat(spec.cells()).hasSize((8 + 2) * 3);
    assertThat(spec.cells().stream().filter(c -> c.method() == Method.MONOGAN).map(Cell::augmentation)
        .distinct()).containsExactlyElementsOf(AugmentationSubset.everySubset());
    assertThat(spec.cells()).allSatisfy(c -> {
      assertThat(c.probe()).isEqualTo(ProbeSettings.paper());
      assertThat(c.dataset().kind()).isEqualTo(DatasetKind.FASHION_MNIST);
      assertThat(c.seed()).isBetween(0L, 2L);
    });
    assertThat(spec.cells().stream().filter(c -> c.method() == Method.MONOGAN))
        .hasSize(24).allSatisfy(c -> {
          assertThat(c.n()).isEqualTo(SampleSize.of(1));
          assertThat(c.source()).isEqualTo(WOOD);
        });
    assertThat(spec.cells().stream().filter(c -> !c.method().trainsOnSources()).map(Cell::label))
        .containsExactly("supervised N=full none seed=0", "supervised N=full none seed=1",
            "supervised N=full none seed=2", "random N=full none seed=0", "random N=full none seed=1",
            "random N=full none seed=2");
  }

  @Test
  void everyConfFileInSpecsFolderIsBundledAndIdenticalInTheJar() throws IOException {
    // Surefire runs in the module folder, where specs/ lives.
    List<String> files;
    try (Stream<Path> list = Files.list(Path.of("specs"))) {
      files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".conf"))
          .map(n -> n.substring(0, n.length() - 5)).sorted().collect(Collectors.toList());
    }
    assertThat(SpecLoader.bundledNames()).containsExactlyInAnyOrderElementsOf(files);
    for (String name : files) {
      try (InputStream in = SpecLoader.class.getClassLoader().getResourceAsStream("specs/" + name + ".conf")) {
        assertThat(in).as(name).isNotNull();
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
            .isEqualTo(Files.readString(Path.of("specs", name + ".conf")));
      }
      assertThat(TestSpecs.ids(loader.load(Path.of("specs", name + ".conf"))))
          .isEqualTo(TestSpecs.ids(loader.loadBundled(name)));
    }
  }

  @Test
  void theResolvedTextOfASpecExpandsToTheSameCellsWhenParsedAgain() throws IOException {
    for (String name : SpecLoader.bundledNames()) {
      String text = loader.resolvedText(name);
      assertThat(TestSpecs.ids(loader.parse(text, "submitted " + name)))
          .as(name).isEqualTo(TestSpecs.ids(loader.loadBundled(name)));
    }
    Path file = Files.createTempFile("spec", ".conf");
    try {
      Files.writeString(file, "include \"" + Path.of("specs/quickstart.conf").toAbsolutePath()
          + "\"\nname = renamed\n");
      SweepSpec fromFile = loader.load(file);
      SweepSpec submitted = loader.parse(loader.resolvedText(file.toString()), "submitted");
      assertThat(submitted.name()).isEqualTo("renamed");
      assertThat(TestSpecs.ids(submitted)).isEqualTo(TestSpecs.ids(fromFile));
    } finally {
      Files.delete(file);
    }
    assertThatThrownBy(() -> loader.resolvedText("no-such-spec"))
        .isInstanceOf(SpecException.class).hasMessageContaining("quickstart");
  }

  @Test
  void bundledSpecsLoadOnThisMachineWhenTheBackgroundsAreInstalled() {
    assumeTrue(Files.isRegularFile(Path.of(WOOD)), "mate-backgrounds is not installed");
    for (String name : SpecLoader.bundledNames()) {
      assertThat(SpecLoader.create().loadBundled(name).cells()).isNotEmpty();
    }
  }

  @Test
  void withoutTheBackgroundsPackageTheErrorSaysWhatToInstall() {
    SpecLoader nothingInstalled = SpecLoader.create(p -> false);
    assertThatThrownBy(() -> nothingInstalled.loadBundled("quickstart"))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("classpath:specs/quickstart.conf:12: sources.A: source image " + WOOD
            + " does not exist; install it with: sudo apt-get install mate-backgrounds");
  }

  @Test
  void unknownBundledNameSuggestsTheClosest() {
    assertThatThrownBy(() -> loader.loadBundled("quickstrat"))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("no bundled spec is named 'quickstrat' (did you mean 'quickstart'?)")
        .hasMessageContaining("bundled specs are quickstart, table1-augmentation");
  }

  @Test
  void loadFileOrBundledPrefersAnExistingFileThenABundledName() {
    assertThat(loader.loadFileOrBundled("quickstart").origin()).isEqualTo("classpath:specs/quickstart.conf");
    assertThat(loader.loadFileOrBundled("specs/quickstart.conf").origin()).isEqualTo("specs/quickstart.conf");
    assertThatThrownBy(() -> loader.loadFileOrBundled("elsewhere/quickstart.conf"))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("elsewhere/quickstart.conf: spec file not found");
  }
}
