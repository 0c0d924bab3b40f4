package org.monosweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.augment.preview.PreviewGrid;
import org.monosweep.augment.transform.AugmentationSettings;
import org.monosweep.augment.transform.SourceImage;
import org.monosweep.results.report.SweepReport;
import org.monosweep.results.store.ResultStore;
import org.monosweep.results.store.ResultStores;
import org.monosweep.spec.AugmentationSubset;
import org.monosweep.spec.Cell;
import org.monosweep.spec.DatasetKind;
import org.monosweep.spec.DatasetRef;
import org.monosweep.spec.EncoderKind;
import org.monosweep.spec.Hyperparameters;
import org.monosweep.spec.Method;
import org.monosweep.spec.ProbeSettings;
import org.monosweep.spec.SampleSize;
import org.monosweep.spec.TrainBudget;

class SweepPreviewsTest {
  private static final AugmentationSubset SCALE = AugmentationSubset.parse("scale");

  @TempDir Path dir;

  private ResultStore store;
  private Path photoA;
  private Path photoB;

  @BeforeEach
  void photosAndStore() throws IOException {
    photoA = photo(dir.resolve("a").resolve("wood.jpg.png"), 1);
    photoB = photo(dir.resolve("drawing.png"), 2);
    store = ResultStores.openUrl("jdbc:h2:mem:previews-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private static Path photo(Path file, int salt) throws IOException {
    BufferedImage image = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 80; y++) {
      for (int x = 0; x < 120; x++) {
        image.setRGB(x, y, (x * 2 * salt & 0xFF) << 16 | (y * 3) << 8 | (x + y) & 0xFF);
      }
    }
    Files.createDirectories(file.getParent());
    ImageIO.write(image, "png", file.toFile());
    return file;
  }

  private static Cell cell(Method method, SampleSize n, AugmentationSubset subset, long seed,
      DatasetKind kind, String source) {
    return Cell.of(method, n, subset, seed, new DatasetRef(kind, "/data/" + kind.label()), source,
        EncoderKind.SMALL4, new TrainBudget(1, 100, 16),
        new ProbeSettings(1, 0.01, List.of(), 5, 0.9, 5e-4, 16, 0, 0), Hyperparameters.EMPTY);
  }

  private List<SweepReport.Preview> writePreviews(List<Cell> cells, PrintStream warnings) {
    store.registerSweep("s", "s.conf", cells, Instant.EPOCH);
    return SweepPreviews.write(store.cells("s"), dir.resolve("runs").resolve("s").resolve("previews"),
        warnings);
  }

  @Test
  void writesOneDecodablePngPerSourceAndSubsetAndTheReportLinksEach() throws IOException {
    String a = photoA.toString();
    List<SweepReport.Preview> previews = writePreviews(List.of(
        cell(Method.ROTNET, SampleSize.of(1), AugmentationSubset.ALL, 1, DatasetKind.CIFAR10, a),
        cell(Method.DEEPCLUSTER, SampleSize.of(1), AugmentationSubset.ALL, 0, DatasetKind.CIFAR10, a),
        cell(Method.ROTNET, SampleSize.of(1), AugmentationSubset.NONE, 0, DatasetKind.CIFAR10, a),
        cell(Method.ROTNET, SampleSize.of(1), SCALE, 0, DatasetKind.FASHION_MNIST, photoB.toString()),
        cell(Method.ROTNET, SampleSize.of(10), SCALE, 0, DatasetKind.CIFAR10, a),
        cell(Method.SUPERVISED, SampleSize.FULL, AugmentationSubset.NONE, 0, DatasetKind.CIFAR10, a)),
        System.out);

    assertThat(previews).extracting(SweepReport.Preview::link).containsExactly(
        "previews/wood.jpg-all.png", "previews/wood.jpg-none.png", "previews/drawing-scale-gray.png");
    Path reportFolder = dir.resolve("runs").resolve("s");
    for (SweepReport.Preview preview : previews) {
      BufferedImage grid = ImageIO.read(reportFolder.resolve(preview.link()).toFile());
      assertThat(grid).as(preview.link()).isNotNull();
      // 16 patches of 32 px enlarged to 96, in 4 x 4 cells with 2 px gaps.
      assertThat(grid.getWidth()).isEqualTo(2 + 4 * (96 + 2));
      assertThat(grid.getHeight()).isEqualTo(2 + 4 * (96 + 2));
    }
    assertThat(reportFolder.resolve("previews")).isDirectoryNotContaining("glob:**.tmp");
    String markdown = SweepReport.load(store, "s").withPreviews(previews).toMarkdown();
    for (SweepReport.Preview preview : previews) {
      assertThat(markdown).containsOnlyOnce("](" + preview.link() + ")");
    }
  }

  @Test
  void aGridIsThePatchesOfTheLowestSeedAndTheSameBytesEveryTime() throws IOException {
    String a = photoA.toString();
    List<Cell> cells = List.of(
        cell(Method.ROTNET, SampleSize.of(1), AugmentationSubset.ALL, 7, DatasetKind.CIFAR10, a),
        cell(Method.ROTNET, SampleSize.of(1), AugmentationSubset.ALL, 3, DatasetKind.CIFAR10, a));
    Path file = dir.resolve("runs").resolve("s").resolve("previews").resolve("wood.jpg-all.png");

    writePreviews(cells, System.out);
    byte[] first = Files.readAllBytes(file);
    SweepPreviews.write(store.cells("s"), file.getParent(), System.out);
    Path expected = dir.resolve("expected.png");
    PreviewGrid.create(AugmentationSettings.paperDefaults(32, AugmentationSubset.ALL.members()), 3)
        .write(SourceImage.read(photoA, false), 16, expected);

    assertThat(Files.readAllBytes(file)).isEqualTo(first).isEqualTo(Files.readAllBytes(expected));
  }

  @Test
  void sourcesWithTheSameStemGetDistinctFiles() throws IOException {
    Path other = photo(dir.resolve("b").resolve("wood.jpg.png"), 3);

    List<SweepReport.Preview> previews = writePreviews(List.of(
        cell(Method.ROTNET, SampleSize.of(1), AugmentationSubset.ALL, 0, DatasetKind.CIFAR10,
            photoA.toString()),
        cell(Method.ROTNET, SampleSize.of(1), AugmentationSubset.ALL, 0, DatasetKind.CIFAR10,
            other.toString())), System.out);

    assertThat(previews).hasSize(2).extracting(SweepReport.Preview::link).doesNotHaveDuplicates()
        .allSatisfy(link -> assertThat(link).matches("previews/wood\\.jpg-[0-9a-f]{8}-all\\.png"));
  }

  @Test
  void anUnreadableSourceIsReportedAndLeftOut() {
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    Path missing = dir.resolve("missing.jpg");

    List<SweepReport.Preview> previews = writePreviews(List.of(
        cell(Method.ROTNET, SampleSize.of(1), AugmentationSubset.ALL, 0, DatasetKind.CIFAR10,
            missing.toString()),
        cell(Method.ROTNET, SampleSize.of(1), AugmentationSubset.ALL, 0, DatasetKind.CIFAR10,
            photoA.toString())),
        new PrintStream(warnings, true, StandardCharsets.UTF_8));

    assertThat(previews).extracting(SweepReport.Preview::source).containsExactly(photoA.toString());
    assertThat(warnings.toString(StandardCharsets.UTF_8)).contains("missing.jpg");
  }

  @Test
  void aSweepWithoutSingleImageCellsWritesNothing() {
    List<SweepReport.Preview> previews = writePreviews(List.of(
        cell(Method.ROTNET, SampleSize.of(10), AugmentationSubset.ALL, 0, DatasetKind.CIFAR10, ""),
        cell(Method.ROTNET, SampleSize.of(1), AugmentationSubset.ALL, 0, DatasetKind.CIFAR10, "")),
        System.out);

    assertThat(previews).isEmpty();
    assertThat(dir.resolve("runs").resolve("s").resolve("previews")).doesNotExist();
  }
}
