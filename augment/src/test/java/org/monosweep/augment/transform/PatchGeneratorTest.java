package org.monosweep.augment.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.monosweep.spec.Augmentation;
import org.monosweep.spec.AugmentationSubset;

/** Determinism and batching of the dataset-level generator. */
class PatchGeneratorTest {

  private static final AugmentationSettings ALL =
      AugmentationSettings.paperDefaults(24, EnumSet.allOf(Augmentation.class));
  private static final List<SourceImage> SOURCES = List.of(
      TestImages.photoLike(180, 120, 1), TestImages.photoLike(64, 96, 2));

  private static ExecutorService pool;

  @BeforeAll
  static void startPool() {
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  private static int[] bits(float[] values) {
    int[] bits = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Float.floatToRawIntBits(values[i]);
    }
    return bits;
  }

  @Test
  void sameSeedGivesByteIdenticalPatchesWithOneAndTwoThreads() {
    PatchGenerator generator = PatchGenerator.create(SOURCES, ALL, 99);
    float[] single = new float[200 * generator.patchLength()];
    float[] parallel = new float[200 * generator.patchLength()];

    generator.fill(1_000, 200, single, Runnable::run, 1);
    generator.fill(1_000, 200, parallel, pool, 2);

    assertThat(bits(parallel)).isEqualTo(bits(single));
    // And the batch really holds distinct patches, not one repeated or an untouched array.
    int length = generator.patchLength();
    assertThat(Arrays.copyOfRange(single, 0, length))
        .isNotEqualTo(Arrays.copyOfRange(single, length, 2 * length))
        .isNotEqualTo(new float[length]);
  }

  @Test
  void aPatchDoesNotDependOnTheBatchItIsGeneratedIn() {
    PatchGenerator generator = PatchGenerator.create(SOURCES, ALL, 7);
    int length = generator.patchLength();
    float[] batch = new float[10 * length];
    float[] alone = new float[length];

    generator.fill(40, 10, batch, pool, 2);
    generator.patch(45, alone, 0);

    assertThat(bits(Arrays.copyOfRange(batch, 5 * length, 6 * length))).isEqualTo(bits(alone));
  }

  @Test
  void separateGeneratorsWithTheSameInputsAgree() {
    float[] first = new float[ALL.outputSize() * ALL.outputSize() * 3];
    float[] second = new float[first.length];

    PatchGenerator.create(SOURCES, ALL, 5).patch(123_456_789_012L, first, 0);
    PatchGenerator.create(List.copyOf(SOURCES), ALL, 5).patch(123_456_789_012L, second, 0);

    assertThat(bits(second)).isEqualTo(bits(first));
  }

  @Test
  void differentSeedsGiveDifferentPatches() {
    PatchParameters a = PatchGenerator.create(SOURCES, ALL, 1).parameters(0);
    PatchParameters b = PatchGenerator.create(SOURCES, ALL, 2).parameters(0);

    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void patchIComesFromSourceIModuloN() {
    List<SourceImage> colours = List.of(TestImages.uniform(10, 10, 1, 0, 0),
        TestImages.uniform(10, 10, 0, 0, 1), TestImages.uniform(10, 10, 0, 1, 0));
    AugmentationSettings noJitter =
        AugmentationSettings.paperDefaults(8, EnumSet.of(Augmentation.SCALE));
    PatchGenerator generator = PatchGenerator.create(colours, noJitter, 3);
    float[] out = new float[7 * generator.patchLength()];

    generator.fill(0, 7, out, pool, 2);

    int[] litChannel = {0, 2, 1, 0, 2, 1, 0};
    int plane = 64;
    for (int n = 0; n < 7; n++) {
      for (int c = 0; c < 3; c++) {
        int start = n * generator.patchLength() + c * plane;
        float expected = c == litChannel[n] ? 1f : -1f;
        assertThat(Arrays.copyOfRange(out, start, start + plane)).as("patch %d channel %d", n, c)
            .usingComparatorWithPrecision(1e-5f).containsOnly(expected);
      }
    }
  }

  @Test
  void returnsTheParametersItRendered() {
    PatchGenerator generator = PatchGenerator.create(SOURCES, ALL, 11);
    float[] out = new float[generator.patchLength()];
    float[] again = new float[generator.patchLength()];

    PatchParameters p = generator.patch(17, out, 0);
    generator.sampler().render(SOURCES.get(1), generator.parameters(17), again, 0);

    assertThat(generator.parameters(17)).isEqualTo(p);
    assertThat(bits(again)).isEqualTo(bits(out));
  }

  @Test
  void rejectsAnOutputArrayTooSmallForTheBatch() {
    PatchGenerator generator = PatchGenerator.create(SOURCES, ALL, 11);
    float[] out = new float[3 * generator.patchLength() - 1];

    assertThatThrownBy(() -> generator.fill(0, 3, out, pool, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 patches");
  }

  @Test
  void rejectsNegativeIndices() {
    PatchGenerator generator = PatchGenerator.create(SOURCES, ALL, 11);

    assertThatThrownBy(() -> generator.parameters(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void needsAtLeastOneSource() {
    assertThatThrownBy(() -> PatchGenerator.create(List.of(), ALL, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Content-addressed caches of rendered patches (gpu-node's patch cache) trust {@link
   * PatchGenerator#RENDER_VERSION}: when this digest changes, so must the version, or a cache
   * would serve patches of the old rendering. An optimisation that keeps every bit keeps the
   * digest. Sources are built with integer arithmetic only, so the digest is the same on every
   * JVM.
   */
  @Test
  void renderVersionOnePinsTheRenderedBits() throws Exception {
    List<SourceImage> sources = List.of(pattern(300, 200), pattern(40, 64));
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (int size : new int[] {32, 224}) {
      for (AugmentationSubset subset : AugmentationSubset.everySubset()) {
        PatchGenerator generator = PatchGenerator.create(sources,
            AugmentationSettings.paperDefaults(size, subset.members()), 42);
        float[] out = new float[4 * generator.patchLength()];
        generator.fill(0, 4, out, Runnable::run, 1);
        ByteBuffer bytes = ByteBuffer.allocate(4 * out.length);
        bytes.asFloatBuffer().put(out);
        sha.update(bytes.array());
      }
    }

    assertThat(PatchGenerator.RENDER_VERSION).isEqualTo(1);
    assertThat(HexFormat.of().formatHex(sha.digest()))
        .as("rendering changed: raise PatchGenerator.RENDER_VERSION and update this digest")
        .isEqualTo("77987d50c3739b6fc4a2398946e98f7f83d0475fc91b37487eced8e513a46a9f");
  }

  /** Gradients in red and green, an xor texture in blue: every value from integer arithmetic. */
  private static SourceImage pattern(int width, int height) {
    int plane = width * height;
    float[] planar = new float[3 * plane];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = y * width + x;
        planar[i] = (float) x / (width - 1);
        planar[plane + i] = (float) y / (height - 1);
        planar[2 * plane + i] = ((x * 7) ^ (y * 13)) % 256 / 255f;
      }
    }
    return SourceImage.fromPixels(width, height, planar, 3);
  }
}
