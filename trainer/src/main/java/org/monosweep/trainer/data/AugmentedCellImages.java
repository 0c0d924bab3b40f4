package org.monosweep.trainer.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.monosweep.augment.transform.AugmentationSettings;
import org.monosweep.augment.transform.PatchGenerator;
import org.monosweep.augment.transform.SourceImage;
import org.monosweep.spec.Cell;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link CellImages} over a {@link DatasetCatalog} and augment-node's {@link PatchGenerator}. */
final class AugmentedCellImages implements CellImages {
  private static final Logger LOG = LoggerFactory.getLogger(AugmentedCellImages.class);
  /** Keeps the source choice's random stream apart from other uses of the cell's seed. */
  private static final long SOURCE_SALT = 0x736f75726365734cL;
  private static final int CHUNK = 64;

  private final DatasetCatalog catalog;
  private final DataSettings settings;
  private final Executor executor;
  /** Null when patches are not cached. */
  private final PatchCache cache;

  AugmentedCellImages(DatasetCatalog catalog, DataSettings settings, Executor executor,
      Path cacheFolder) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.cache = cacheFolder != null && settings.patchCache() ? new PatchCache(cacheFolder) : null;
  }

  @Override
  public TrainingImages forCell(Cell cell, int side) {
    if (cell.n().isFull() || !cell.method().trainsOnSources()) {
      // N = full is the paper's N = d: the first d real images (the splits are shuffled).
      TrainingImages split = catalog.images(cell.dataset(), Split.TRAIN, cell.budget().datasetSize());
      if (split.side() != side) {
        throw new IllegalArgumentException("the real training split of " + cell.dataset().kind()
            + " is " + split.side() + " x " + split.side() + ", not " + side + " x " + side);
      }
      return split;
    }
    int n = cell.n().count();
    int d = cell.budget().datasetSize();
    if (d < n) {
      throw new IllegalArgumentException("N = " + n + " sources need d >= " + n + ", got d = " + d);
    }
    boolean grayscale = cell.dataset().kind().grayscale();
    Sources sources = sources(cell, n, grayscale);
    AugmentationSettings augmentation =
        AugmentationSettings.paperDefaults(side, cell.augmentation().members());
    int channels = grayscale ? 1 : 3;
    long bytes = (long) d * channels * side * side;
    if (bytes > settings.materialiseLimitBytes() || bytes > Integer.MAX_VALUE - 8) {
      return new GeneratedPatches(generator(sources, augmentation, cell), d, side, grayscale);
    }
    if (cache == null) {
      return CompactImages.unlabelled(
          materialise(generator(sources, augmentation, cell), d, side, channels), d, channels, side);
    }
    PatchCacheKey key =
        PatchCacheKey.of(sources.digests(), augmentation, d, cell.seed(), grayscale);
    Optional<byte[]> cached = readCached(key, d, channels, side);
    byte[] pixels = cached.isPresent() ? cached.get()
        : materialise(generator(sources, augmentation, cell), d, side, channels);
    if (cached.isEmpty()) {
      writeCached(key, pixels, d, channels, side);
    }
    return CompactImages.unlabelled(pixels, d, channels, side);
  }

  private static PatchGenerator generator(Sources sources, AugmentationSettings augmentation,
      Cell cell) {
    return PatchGenerator.create(sources.images().get(), augmentation, cell.seed());
  }

  private Optional<byte[]> readCached(PatchCacheKey key, int d, int channels, int side) {
    try {
      return cache.read(key, d, channels, side);
    } catch (IOException e) {
      LOG.warn("{}: cannot read the cached patches ({}); rendering them again",
          cache.fileFor(key), e.toString());
      return Optional.empty();
    }
  }

  private void writeCached(PatchCacheKey key, byte[] pixels, int d, int channels, int side) {
    try {
      cache.write(key, pixels, d, channels, side);
    } catch (IOException | UncheckedIOException e) {
      // The cache only saves time: a full or read-only disk must not fail the cell.
      LOG.warn("{}: cannot store the rendered patches ({}); the cell goes on without the cache",
          cache.fileFor(key), e.toString());
    }
  }

  /**
   * A cell's sources: the digests that key them (empty without a cache), available at once, and
   * the decoded images, built only when patches must be rendered (a cache hit skips decoding a
   * large photo).
   */
  private record Sources(List<byte[]> digests, Supplier<List<SourceImage>> images) {}

  private Sources sources(Cell cell, int n, boolean grayscale) {
    if (n == 1 && !cell.source().isEmpty()) {
      Path file = Path.of(cell.source());
      List<byte[]> digests;
      try {
        digests = cache == null ? List.of() : List.of(PatchCacheKey.digestOfFile(file));
      } catch (IOException e) {
        throw notASource(file, new UncheckedIOException(e));
      }
      return new Sources(digests, () -> List.of(readSource(file, grayscale)));
    }
    TrainingImages split = catalog.images(cell.dataset(), Split.TRAIN, 0);
    int[] chosen = chooseSources(split.size(), n, cell.seed());
    List<byte[]> digests = new ArrayList<>(n);
    List<SourceImage> images = new ArrayList<>(n);
    for (int index : chosen) {
      Pixels pixels = pixelsOf(split, index);
      if (cache != null) {
        digests.add(PatchCacheKey.digestOfPixels(pixels.width(), pixels.height(),
            pixels.channels(), pixels.planar()));
      }
      // Small images (at most 32 x 32): building them now costs less than keeping the pixels.
      images.add(SourceImage.fromPixels(pixels.width(), pixels.height(), pixels.planar(),
          pixels.channels()));
    }
    List<SourceImage> built = List.copyOf(images);
    return new Sources(List.copyOf(digests), () -> built);
  }

  private static SourceImage readSource(Path file, boolean grayscale) {
    try {
      return SourceImage.read(file, grayscale);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw notASource(file, e);
    }
  }

  private static DatasetException notASource(Path file, RuntimeException e) {
    return new DatasetException(file, "cannot be used as the source image (" + e.getMessage()
        + "); give the path of a readable PNG or JPEG as the cell's source", e);
  }

  /**
   * {@code n} distinct indices of {@code [0, size)}, in draw order, from a partial Fisher-Yates
   * shuffle driven by {@link java.util.Random} (whose sequence the JDK specifies, so the choice is
   * the same on every JVM).
   */
  static int[] chooseSources(int size, int n, long seed) {
    if (n > size) {
      throw new IllegalArgumentException(
          "N = " + n + " sources but the training split has only " + size + " images");
    }
    int[] all = new int[size];
    for (int i = 0; i < size; i++) {
      all[i] = i;
    }
    Random random = new Random(seed ^ SOURCE_SALT);
    for (int i = 0; i < n; i++) {
      int j = i + random.nextInt(size - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int[] chosen = new int[n];
    System.arraycopy(all, 0, chosen, 0, n);
    return chosen;
  }

  /** A training image's pixels as {@code SourceImage.fromPixels} takes them. */
  private record Pixels(int width, int height, float[] planar, int channels) {}

  private static Pixels pixelsOf(TrainingImages split, int index) {
    if (split instanceof CompactImages) {
      // The dataset's own pixels at their original size, without the padding to 32.
      CompactImages compact = (CompactImages) split;
      CompactImages.Region r = compact.original();
      return new Pixels(r.width(), r.height(), compact.originalPixels(index), compact.channels());
    }
    int s = split.side();
    float[] chw = new float[3 * s * s];
    split.read(new int[] {index}, chw, null);
    for (int i = 0; i < chw.length; i++) {
      chw[i] = Math.min(1f, Math.max(0f, (chw[i] + 1f) / 2f));
    }
    return new Pixels(s, s, chw, 3);
  }

  private byte[] materialise(PatchGenerator generator, int d, int side, int channels) {
    byte[] pixels = new byte[d * channels * side * side];
    int tasks = Math.max(1, Math.min(settings.parallelism(), (d + CHUNK - 1) / CHUNK));
    List<CompletableFuture<Void>> running = new ArrayList<>(tasks);
    for (int t = 0; t < tasks; t++) {
      int from = (int) ((long) d * t / tasks);
      int to = (int) ((long) d * (t + 1) / tasks);
      running.add(CompletableFuture.runAsync(
          () -> renderRange(generator, from, to, side, channels, pixels), executor));
    }
    try {
      CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw e;
    }
    return pixels;
  }

  private static void renderRange(PatchGenerator generator, int from, int to, int side,
      int channels, byte[] pixels) {
    int length = generator.patchLength();
    float[] buffer = new float[CHUNK * length];
    for (int start = from; start < to; start += CHUNK) {
      int count = Math.min(CHUNK, to - start);
      generator.fill(start, count, buffer, Runnable::run, 1);
      for (int k = 0; k < count; k++) {
        Patches.quantise(buffer, k * length, side, channels == 1, pixels,
            (start + k) * channels * side * side);
      }
    }
  }
}
