package org.monosweep.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.monosweep.trainer.data.Fixtures.cell;

import com.typesafe.config.ConfigFactory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.augment.transform.AugmentationSettings;
import org.monosweep.spec.Augmentation;
import org.monosweep.spec.AugmentationSubset;
import org.monosweep.spec.Cell;
import org.monosweep.spec.DatasetKind;
import org.monosweep.spec.Method;
import org.monosweep.spec.SampleSize;

class PatchCacheTest {
  private static final DataSettings SETTINGS = new DataSettings(2, 4, 1L << 30, true);
  private static ExecutorService pool;

  @TempDir static Path data;
  @TempDir Path dir;

  private final DatasetCatalog catalog = DatasetCatalog.create();

  @BeforeAll
  static void start() {
    pool = Executors.newFixedThreadPool(2);
    Fixtures.idxDataset(data.resolve("fashion"), 40, 10);
    Fixtures.cifar10(data.resolve("cifar"), 8, 4);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  private Path cacheFolder() {
    return dir.resolve("cache").resolve("patches");
  }

  private CellImages cached() {
    return CellImages.create(catalog, SETTINGS, pool, cacheFolder());
  }

  private CellImages uncached() {
    return CellImages.create(catalog, SETTINGS, pool);
  }

  /** A 96 x 64 colour photo whose pixel (x, y) is a function of x, y and {@code salt}. */
  private Path photo(String name, int salt) {
    BufferedImage image = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 96; x++) {
        image.setRGB(x, y, (x * 2 + salt) << 16 | (y * 3) << 8 | (x + y + salt) & 0xFF);
      }
    }
    Path file = dir.resolve(name);
    Fixtures.png(file, image);
    return file;
  }

  private Cell photoCell(Method method, Path photo, long seed, int d) {
    return cell(method, SampleSize.of(1), AugmentationSubset.ALL, seed, DatasetKind.CIFAR10,
        data.resolve("cifar"), photo.toString(), d);
  }

  private List<Path> cacheFiles() {
    try (Stream<Path> files = Files.list(cacheFolder())) {
      return files.sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object fileIdentity(Path file) throws IOException {
    // The inode on Linux: an atomic rewrite replaces it, an untouched file keeps it.
    return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
  }

  @Test
  void aCachedSetHasTheBytesRenderingGivesAndIsReadBackWithoutRewriting() throws IOException {
    Cell cell = photoCell(Method.ROTNET, photo("a.png", 0), 3, 40);
    float[] rendered = Fixtures.readAll(uncached().forCell(cell, 32));

    float[] firstRun = Fixtures.readAll(cached().forCell(cell, 32));
    assertThat(cacheFiles()).hasSize(1);
    Path file = cacheFiles().get(0);
    Object written = fileIdentity(file);
    float[] secondRun = Fixtures.readAll(cached().forCell(cell, 32));

    assertThat(firstRun).containsExactly(rendered);
    assertThat(secondRun).containsExactly(rendered);
    assertThat(fileIdentity(file)).as("a hit must not rewrite the file").isEqualTo(written);
    assertThat(Files.size(file)).isEqualTo(PatchCache.HEADER_BYTES + 40L * 3 * 32 * 32);
  }

  @Test
  void grayscaleSetsFromTrainingImagesAreCachedAsOnePlaneWithTheSameValues() throws IOException {
    Cell cell = cell(Method.ROTNET, SampleSize.of(10), AugmentationSubset.ALL, 1,
        DatasetKind.FASHION_MNIST, data.resolve("fashion"), "", 30);
    float[] rendered = Fixtures.readAll(uncached().forCell(cell, 16));

    cached().forCell(cell, 16);
    float[] read = Fixtures.readAll(cached().forCell(cell, 16));

    assertThat(read).containsExactly(rendered);
    assertThat(Files.size(cacheFiles().get(0))).isEqualTo(PatchCache.HEADER_BYTES + 30L * 16 * 16);
  }

  @Test
  void cellsThatDifferOnlyInMethodShareOneFile() {
    Path photo = photo("shared.png", 0);

    cached().forCell(photoCell(Method.ROTNET, photo, 5, 20), 32);
    cached().forCell(photoCell(Method.DEEPCLUSTER, photo, 5, 20), 32);
    cached().forCell(photoCell(Method.MONOGAN, photo, 5, 20), 32);

    assertThat(cacheFiles()).hasSize(1);
  }

  @Test
  void theKeyChangesWithSourceBytesSettingsSizeCountSeedAndGrayscale() throws IOException {
    byte[] source = PatchCacheKey.digestOfFile(photo("one.png", 0));
    byte[] sameImageAgain = PatchCacheKey.digestOfFile(photo("copy.png", 0));
    byte[] otherImage = PatchCacheKey.digestOfFile(photo("other.png", 1));
    AugmentationSettings all = AugmentationSettings.paperDefaults(32, Set.of(Augmentation.values()));
    PatchCacheKey key = PatchCacheKey.of(List.of(source), all, 4000, 0, false);

    assertThat(PatchCacheKey.of(List.of(sameImageAgain), all, 4000, 0, false)).isEqualTo(key);
    List<PatchCacheKey> others = List.of(
        PatchCacheKey.of(List.of(otherImage), all, 4000, 0, false),
        PatchCacheKey.of(List.of(source, source), all, 4000, 0, false),
        PatchCacheKey.of(List.of(source), all.withEnabled(Set.of(Augmentation.SCALE)), 4000, 0,
            false),
        PatchCacheKey.of(List.of(source), all.withFlipProbability(0), 4000, 0, false),
        PatchCacheKey.of(List.of(source), all.withOutputSize(64), 4000, 0, false),
        PatchCacheKey.of(List.of(source), all, 4001, 0, false),
        PatchCacheKey.of(List.of(source), all, 4000, 1, false),
        PatchCacheKey.of(List.of(source), all, 4000, 0, true));
    assertThat(others).doesNotContain(key).doesNotHaveDuplicates();
    float[] pixels = new float[12];
    float[] changed = pixels.clone();
    changed[11] = 1f / 255;
    assertThat(PatchCacheKey.digestOfPixels(2, 2, 3, changed))
        .isNotEqualTo(PatchCacheKey.digestOfPixels(2, 2, 3, pixels));
    assertThat(PatchCacheKey.digestOfPixels(4, 1, 3, pixels))
        .isNotEqualTo(PatchCacheKey.digestOfPixels(2, 2, 3, pixels));
  }

  @Test
  void cellsWithAnotherSeedOrSourceGetTheirOwnFiles() {
    Path photo = photo("base.png", 0);

    cached().forCell(photoCell(Method.ROTNET, photo, 5, 20), 32);
    cached().forCell(photoCell(Method.ROTNET, photo, 6, 20), 32);
    cached().forCell(photoCell(Method.ROTNET, photo("edited.png", 1), 5, 20), 32);

    assertThat(cacheFiles()).hasSize(3);
  }

  @Test
  void aTruncatedFileIsDetectedRenderedAgainAndReplaced() throws IOException {
    Cell cell = photoCell(Method.ROTNET, photo("t.png", 0), 2, 24);
    float[] rendered = Fixtures.readAll(uncached().forCell(cell, 32));
    cached().forCell(cell, 32);
    Path file = cacheFiles().get(0);
    long whole = Files.size(file);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(whole / 2);
    }

    float[] read = Fixtures.readAll(cached().forCell(cell, 32));

    assertThat(read).containsExactly(rendered);
    assertThat(Files.size(file)).isEqualTo(whole);
    assertThat(new PatchCache(cacheFolder()).read(keyOf(file), 24, 3, 32)).isPresent();
  }

  @Test
  void aFileWithAFlippedPixelFailsItsChecksumAndIsReplaced() throws IOException {
    Cell cell = photoCell(Method.ROTNET, photo("c.png", 0), 2, 24);
    float[] rendered = Fixtures.readAll(uncached().forCell(cell, 32));
    cached().forCell(cell, 32);
    Path file = cacheFiles().get(0);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 100] ^= 0x01;
    Files.write(file, bytes);

    PatchCache cache = new PatchCache(cacheFolder());
    assertThat(cache.read(keyOf(file), 24, 3, 32)).isEmpty();
    float[] read = Fixtures.readAll(cached().forCell(cell, 32));

    assertThat(read).containsExactly(rendered);
    assertThat(cache.read(keyOf(file), 24, 3, 32)).isPresent();
  }

  @Test
  void aFileIsOnlyReadForItsOwnKeyAndShape() throws IOException {
    PatchCache cache = new PatchCache(cacheFolder());
    PatchCacheKey key = new PatchCacheKey("ab".repeat(32));
    PatchCacheKey other = new PatchCacheKey("cd".repeat(32));
    byte[] pixels = new byte[2 * 3 * 4 * 4];
    pixels[5] = 9;
    cache.write(key, pixels, 2, 3, 4);
    Files.copy(cache.fileFor(key), cache.fileFor(other));

    assertThat(cache.read(key, 2, 3, 4)).hasValueSatisfying(
        read -> assertThat(read).containsExactly(pixels));
    assertThat(cache.read(other, 2, 3, 4)).as("renamed to another key").isEmpty();
    assertThat(cache.read(key, 6, 1, 4)).as("same length, other shape").isEmpty();
    assertThat(cache.read(new PatchCacheKey("ef".repeat(32)), 2, 3, 4)).isEmpty();
  }

  @Test
  void concurrentWritersOfOneKeyLeaveOneWholeFileAndNoTemporaryFiles() throws IOException {
    PatchCache cache = new PatchCache(cacheFolder());
    PatchCacheKey key = new PatchCacheKey("12".repeat(32));
    byte[] pixels = new byte[64 * 3 * 32 * 32];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 31);
    }
    ExecutorService writers = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<Void>> running = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        running.add(CompletableFuture.runAsync(() -> {
          try {
            cache.write(key, pixels, 64, 3, 32);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }, writers));
      }
      CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
    } finally {
      writers.shutdownNow();
    }

    assertThat(cacheFiles()).containsExactly(cache.fileFor(key));
    assertThat(cache.read(key, 64, 3, 32)).hasValueSatisfying(
        read -> assertThat(read).containsExactly(pixels));
  }

  @Test
  void writingLeavesOnlyPatchFilesBehind() {
    Path photo = photo("clean.png", 0);
    for (long seed = 0; seed < 3; seed++) {
      cached().forCell(photoCell(Method.ROTNET, photo, seed, 16), 32);
    }

    assertThat(cacheFiles()).hasSize(3)
        .allSatisfy(file -> assertThat(file.getFileName().toString()).endsWith(PatchCache.SUFFIX)
            .doesNotContain(PatchCache.TEMPORARY_SUFFIX));
  }

  @Test
  void anUnwritableCacheFolderDoesNotFailTheCell() throws IOException {
    Files.createDirectories(cacheFolder().getParent());
    Files.writeString(cacheFolder(), "a file where the folder should be");
    Cell cell = photoCell(Method.ROTNET, photo("u.png", 0), 1, 12);

    float[] read = Fixtures.readAll(cached().forCell(cell, 32));

    assertThat(read).containsExactly(Fixtures.readAll(uncached().forCell(cell, 32)));
    assertThat(Files.isRegularFile(cacheFolder())).isTrue();
  }

  @Test
  void theCacheIsSwitchedOffBySetting() {
    DataSettings off = DataSettings.create(
        ConfigFactory.parseString("monosweep.gpu-node.data.patch-cache = off"));
    CellImages images = CellImages.create(catalog, off, pool, cacheFolder());

    images.forCell(photoCell(Method.ROTNET, photo("off.png", 0), 1, 12), 32);

    assertThat(off.patchCache()).isFalse();
    assertThat(DataSettings.defaults().patchCache()).isTrue();
    assertThat(Files.exists(cacheFolder())).isFalse();
  }

  @Test
  void setsBeyondTheMaterialiseLimitAreNotCached() {
    CellImages images = CellImages.create(catalog, new DataSettings(2, 4, 0, true), pool,
        cacheFolder());

    TrainingImages generated = images.forCell(photoCell(Method.ROTNET, photo("big.png", 0), 1, 12), 32);

    assertThat(generated).isInstanceOf(GeneratedPatches.class);
    assertThat(Files.exists(cacheFolder())).isFalse();
  }

  private static PatchCacheKey keyOf(Path file) {
    String name = file.getFileName().toString();
    return new PatchCacheKey(name.substring(0, name.length() - PatchCache.SUFFIX.length()));
  }
}
