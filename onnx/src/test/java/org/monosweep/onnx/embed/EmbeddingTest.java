package org.monosweep.onnx.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.onnx.export.ModelMetadata;
import org.monosweep.onnx.export.OnnxExport;
import org.monosweep.spec.DatasetKind;
import org.monosweep.spec.DatasetRef;
import org.monosweep.trainer.data.DatasetCatalog;
import org.monosweep.trainer.data.LabelledImages;
import org.monosweep.trainer.data.PlaneResize;
import org.monosweep.trainer.data.Split;
import org.monosweep.trainer.model.ConvEncoder;
import org.monosweep.trainer.model.EncoderArchitecture;
import org.monosweep.trainer.model.FoldedEncoder;
import org.monosweep.trainer.probe.LayerProbe;
import org.monosweep.trainer.probe.LinearProbes;
import org.monosweep.trainer.probe.ProbeListener;
import org.monosweep.trainer.train.TestCells;

class EmbeddingTest {

  /** Writes MNIST-layout IDX files of oriented gratings: class k is angle k * 18 degrees. */
  private static void writeGratings(Path dir, String prefix, int count, long seed)
      throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] pixels = new byte[count * 28 * 28];
    int[] labels = new int[count];
    for (int n = 0; n < count; n++) {
      int label = n % 10;
      labels[n] = label;
      double angle = Math.PI * label / 10;
      double period = 5 + 3 * random.nextDouble();
      double phase = 2 * Math.PI * random.nextDouble();
      for (int y = 0; y < 28; y++) {
        for (int x = 0; x < 28; x++) {
          double v = Math.sin(2 * Math.PI * (x * Math.cos(angle) + y * Math.sin(angle)) / period
              + phase) * 0.6 + 0.25 * (random.nextDouble() * 2 - 1);
          pixels[n * 784 + y * 28 + x] =
              (byte) Math.round(Math.max(0, Math.min(255, 127.5 + 127.5 * v)));
        }
      }
    }
    EmbedFixtures.writeIdxImages(dir.resolve(prefix + "-images-idx3-ubyte.gz"), pixels, count,
        28, 28, true);
    EmbedFixtures.writeIdxLabels(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), labels, true);
  }

  @Test
  void probeAccuracyComesBackFromEmbedFeaturesOfTheExportedClassifier(@TempDir Path dir)
      throws Exception {
    Path data = Files.createDirectories(dir.resolve("mnist"));
    writeGratings(data, "train", 300, 1);
    writeGratings(data, "t10k", 120, 2);
    DatasetCatalog catalog = DatasetCatalog.create();
    DatasetRef mnist = new DatasetRef(DatasetKind.MNIST, data.toString());
    LabelledImages train = catalog.labelled(mnist, Split.TRAIN, 0);
    LabelledImages test = catalog.labelled(mnist, Split.TEST, 0);

    EncoderArchitecture arch = EncoderArchitecture.small4();
    LayerProbe probe;
    FoldedEncoder folded;
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      ConvEncoder encoder = ConvEncoder.create(arch);
      encoder.initialize(manager, 5);
      folded = FoldedEncoder.fold(encoder);
      try (FoldedEncoder.Network network = folded.load(manager)) {
        probe = LinearProbes.create(TestCells.probe(3), 9).probeLayer(network, 1, train, test,
            manager, ProbeListener.NONE, () -> false);
      }
    }
    assertThat(probe.top1()).as("the probe learned something").isGreaterThan(0.2);

    ModelMetadata metadata = new ModelMetadata("0123456789abcdef", "random", "full", "none",
        "mnist", data.toString(), "", 0, "small4", true, Map.of("conv2", probe.top1()), "test");
    Path model = Files.write(dir.resolve("classifier-conv2.onnx"),
        OnnxExport.classifierModel(folded, probe, test.classNames(), metadata));
    Path out = dir.resolve("out").resolve("probabilities.npy");
    EmbeddingResult result = Embedding.run(model, data.resolve("t10k-images-idx3-ubyte.gz"),
        "probabilities", out);

    assertThat(result.rows()).isEqualTo(120);
    assertThat(result.dim()).isEqualTo(10);
    assertThat(result.labels()).contains(dir.resolve("out").resolve("probabilities.labels.npy"));
    Npy.NpyArray features = Npy.read(out);
    assertThat(features.shape()).containsExactly(120, 10);
    int[] labels = Npy.read(result.labels().orElseThrow()).ints();
    assertThat(labels).containsExactly(test.labels());
    float[] p = features.floats();
    int correct = 0;
    for (int i = 0; i < 120; i++) {
      int best = 0;
      for (int c = 1; c < 10; c++) {
        if (p[i * 10 + c] > p[i * 10 + best]) {
          best = c;
        }
      }
      correct += best == labels[i] ? 1 : 0;
    }
    assertThat(correct / 120.0).isCloseTo(probe.top1(), within(1e-6));
  }

  /** Writes {@code count} gratings as a t10k IDX pair and reads them back as training does. */
  private static LabelledImages storedGratings(Path dir, int count) throws Exception {
    writeGratings(dir, "t10k", count, 3);
    return DatasetCatalog.create()
        .labelled(new DatasetRef(DatasetKind.FASHION_MNIST, dir.toString()), Split.TEST, 0);
  }

  @Test
  void idxImagesAreTheSameFloatsTheDatasetReaderGivesTraining(@TempDir Path dir)
      throws Exception {
    LabelledImages expected = storedGratings(dir, 20);
    ImageSource source = ImageSource.open(dir.resolve("t10k-images-idx3-ubyte.gz"), 32, true);
    assertThat(source.size()).isEqualTo(20);
    assertThat(source.labels()).containsExactly(expected.labels());
    float[] read = new float[20 * 3 * 32 * 32];
    source.read(0, 20, read);
    assertThat(read).containsExactly(expected.pixels());
  }

  @Test
  void idxImagesForALargerModelAreTheTrainingFramesUpsampled(@TempDir Path dir)
      throws Exception {
    LabelledImages stored = storedGratings(dir, 5);
    PlaneResize resize = new PlaneResize(32, 64);
    float[] expected = new float[5 * 3 * 64 * 64];
    for (int p = 0; p < 5 * 3; p++) {
      resize.apply(stored.pixels(), p * 32 * 32, expected, p * 64 * 64);
    }

    ImageSource source = ImageSource.open(dir.resolve("t10k-images-idx3-ubyte.gz"), 64, true);
    float[] read = new float[5 * 3 * 64 * 64];
    source.read(0, 5, read);

    assertThat(source.side()).isEqualTo(64);
    assertThat(read).containsExactly(expected);
    // the first row reads only the black frame
    assertThat(Arrays.copyOfRange(read, 0, 64)).containsOnly(-1f);
  }

  @Test
  void imageFoldersAreResizedExactlyAsTheDatasetReaderDoes(@TempDir Path dir) throws Exception {
    SplittableRandom random = new SplittableRandom(4);
    List<String> classes = List.of("cat", "dog", "eel");
    for (String split : List.of("train", "test")) {
      for (String name : classes) {
        Path folder = Files.createDirectories(dir.resolve(split).resolve(name));
        for (int k = 0; k < 3; k++) {
          BufferedImage image = new BufferedImage(45, 37, BufferedImage.TYPE_INT_RGB);
          for (int y = 0; y < 37; y++) {
            for (int x = 0; x < 45; x++) {
              image.setRGB(x, y, random.nextInt(1 << 24));
            }
          }
          ImageIO.write(image, "png", folder.resolve("img" + k + ".png").toFile());
        }
      }
    }
    LabelledImages expected = DatasetCatalog.create()
        .labelled(new DatasetRef(DatasetKind.IMAGE_FOLDER, dir.toString()), Split.TRAIN, 0);
    ImageSource source = ImageSource.open(dir.resolve("train"), 32, false);
    assertThat(source.classNames()).isEqualTo(classes).isEqualTo(expected.classNames());
    assertThat(source.labels()).containsExactly(0, 0, 0, 1, 1, 1, 2, 2, 2);
    assertThat(source.name(4)).isEqualTo(Path.of("dog", "img1.png").toString());
    int size = 3 * 32 * 32;
    float[] read = new float[9 * size];
    source.read(0, 9, read);
    // The reader interleaves classes (image k of every class, then k + 1); this source does not.
    for (int c = 0; c < 3; c++) {
      for (int k = 0; k < 3; k++) {
        int mine = c * 3 + k;
        int theirs = k * 3 + c;
        assertThat(Arrays.copyOfRange(read, mine * size, (mine + 1) * size))
            .as("%s/img%d", classes.get(c), k)
            .containsExactly(Arrays.copyOfRange(expected.pixels(), theirs * size,
                (theirs + 1) * size));
      }
    }

    Path model = EmbedFixtures.tinyEncoderFile(dir, false);
    Path out = dir.resolve("features.npy");
    EmbeddingResult result = Embedding.run(model, dir.resolve("train"), "conv2", out,
        new EmbedOptions(4, ExecutionProvider.AUTO));
    assertThat(result.dim()).isEqualTo(8 * 4 * 4);
    assertThat(Npy.read(out).shape()).containsExactly(9, 128);
    assertThat(Npy.read(Embedding.labelsPath(out)).ints())
        .containsExactly(0, 0, 0, 1, 1, 1, 2, 2, 2);
    assertThat(Files.readAllLines(result.names().orElseThrow())).hasSize(9)
        .startsWith(Path.of("cat", "img0.png").toString());
  }

  @Test
  void embedFeaturesEqualTheScorersOutputInBatchesOfAnySize(@TempDir Path dir) throws Exception {
    byte[] pixels = new byte[7 * 6 * 6];
    new SplittableRandom(8).nextBytes(pixels);
    Path idx = EmbedFixtures.writeIdxImages(dir.resolve("x-images-idx3-ubyte"), pixels, 7, 6, 6,
        false);
    Path model = EmbedFixtures.tinyEncoderFile(dir, false);
    Path out = dir.resolve("f.npy");
    EmbeddingResult result = Embedding.run(model, idx, "conv1", out,
        new EmbedOptions(3, ExecutionProvider.CPU));
    assertThat(result.labels()).isEmpty();
    assertThat(Files.exists(Embedding.labelsPath(out))).isFalse();
    ImageSource source = ImageSource.open(idx, 8, false);
    float[] all = new float[7 * 192];
    source.read(0, 7, all);
    try (Scorer scorer = Scorer.open(model, ExecutionProvider.CPU)) {
      assertThat(Npy.read(out).floats()).containsExactly(scorer.run("conv1", all, 7));
    }
  }

  @Test
  void grayscaleModelsSeeLuminanceInEveryChannel(@TempDir Path dir) throws Exception {
    BufferedImage image = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < 100; i++) {
      image.setRGB(i % 10, i / 10, i * 0x020301);
    }
    Path folder = Files.createDirectories(dir.resolve("imgs"));
    ImageIO.write(image, "png", folder.resolve("a.png").toFile());
    float[] read = new float[3 * 64];
    ImageSource.open(folder, 8, true).read(0, 1, read);
    assertThat(Arrays.copyOfRange(read, 0, 64)).containsExactly(Arrays.copyOfRange(read, 64, 128))
        .containsExactly(Arrays.copyOfRange(read, 128, 192));
  }

  @Test
  void badInputSaysWhatIsWrongAndWhatIsExpected(@TempDir Path dir) throws Exception {
    Path model = EmbedFixtures.tinyEncoderFile(dir, false);
    Path images = Files.createDirectories(dir.resolve("images"));
    ImageIO.write(new BufferedImage(12, 12, BufferedImage.TYPE_INT_RGB), "png",
        images.resolve("a.png").toFile());
    Path out = dir.resolve("out.npy");

    assertThatThrownBy(() -> Embedding.run(model, images, "conv9", out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("has no output 'conv9'; it has conv1, conv2");

    Path big = EmbedFixtures.writeIdxImages(dir.resolve("big-images-idx3-ubyte"),
        new byte[2 * 28 * 28], 2, 28, 28, false);
    assertThatThrownBy(() -> Embedding.run(model, big, "conv1", out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds 28 x 28 images, but IDX images are framed at 8 x 8");

    Path notIdx = Files.writeString(dir.resolve("list.txt"), "a.png\nb.png\n");
    assertThatThrownBy(() -> Embedding.run(model, notIdx, "conv1", out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("list.txt: is not an IDX image file: magic number 0x612e706e");
    Path small = EmbedFixtures.writeIdxImages(dir.resolve("small-images-idx3-ubyte"),
        new byte[4 * 6 * 6], 4, 6, 6, false);
    Path shortIdx = Files.write(dir.resolve("s-images-idx3-ubyte"),
        Arrays.copyOf(Files.readAllBytes(small), 100));
    assertThatThrownBy(() -> Embedding.run(model, shortIdx, "conv1", out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is truncated: expected 160 bytes (16-byte header + 4 images of"
            + " 6 x 6), got only 100 bytes");

    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> Embedding.run(model, empty, "conv1", out))
        .hasMessageContaining("holds no .png, .jpg or .jpeg images");
    Path mixed = Files.createDirectories(dir.resolve("mixed"));
    Files.copy(images.resolve("a.png"), mixed.resolve("a.png"));
    Files.createDirectories(mixed.resolve("cls"));
    Files.copy(images.resolve("a.png"), mixed.resolve("cls").resolve("b.png"));
    assertThatThrownBy(() -> Embedding.run(model, mixed, "conv1", out))
        .hasMessageContaining("mixes 1 loose images with class folders [cls]");
    assertThatThrownBy(() -> Embedding.run(model, dir.resolve("nowhere"), "conv1", out))
        .hasMessageStartingWith("no images at");

    Files.writeString(images.resolve("b.png"), "this is not a png");
    assertThatThrownBy(() -> Embedding.run(model, images, "conv1", out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("b.png is not a readable PNG or JPEG image");

    Path corrupt = Files.writeString(dir.resolve("corrupt.onnx"), "garbage");
    assertThatThrownBy(() -> Embedding.run(corrupt, images, "conv1", out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("corrupt.onnx is not an ONNX model that ONNX Runtime can load");
    assertThat(Files.exists(out)).as("no features file after failures").isFalse();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }
  }
}
