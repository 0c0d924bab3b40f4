package org.monosweep.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BatchPrefetcherTest {
  private static final int SIDE = 4;
  private static final int STRIDE = 3 * SIDE * SIDE;
  private static ExecutorService pool;

  @BeforeAll
  static void start() {
    pool = Executors.newFixedThreadPool(3);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  /** n labelled images; pixel values encode the image index, the label is index % 7. */
  private static LabelledImages images(int n) {
    float[] pixels = new float[n * STRIDE];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      Arrays.fill(pixels, i * STRIDE, (i + 1) * STRIDE, i / (float) n);
      labels[i] = i % 7;
    }
    return new LabelledImages(pixels, labels, SIDE, List.of("a", "b", "c", "d", "e", "f", "g"));
  }

  private static List<Batch> drain(BatchPrefetcher prefetcher) {
    List<Batch> batches = new ArrayList<>();
    try (prefetcher) {
      while (prefetcher.hasNext()) {
        batches.add(prefetcher.next());
      }
    }
    return batches;
  }

  @Test
  void coversEveryIndexExactlyOncePerEpochWithMatchingPixelsAndLabels() {
    LabelledImages images = images(103);

    List<Batch> batches = drain(BatchPrefetcher.create(images, new EpochPlan(10, 1, 0, false),
        NativeAugmentation.none(), pool, 3));

    assertThat(batches).hasSize(11);
    assertThat(batches.get(10).size()).isEqualTo(3);
    int[] seen = new int[103];
    for (int b = 0; b < batches.size(); b++) {
      Batch batch = batches.get(b);
      assertThat(batch.index()).isEqualTo(b);
      for (int k = 0; k < batch.size(); k++) {
        int index = batch.indices()[k];
        seen[index]++;
        assertThat(batch.labels()[k]).isEqualTo(index % 7);
        assertThat(batch.pixels()[k * STRIDE + STRIDE - 1]).isEqualTo(index / 103f);
      }
    }
    assertThat(seen).containsOnly(1);
  }

  @Test
  void orderIsAShuffleFixedBySeedAndEpoch() {
    EpochPlan plan = new EpochPlan(8, 42, 0, false);

    int[] first = plan.order(1000);

    assertThat(new EpochPlan(8, 42, 0, true).order(1000)).containsExactly(first);
    assertThat(plan.next().order(1000)).isNotEqualTo(first);
    assertThat(new EpochPlan(8, 43, 0, false).order(1000)).isNotEqualTo(first);
    int[] sorted = first.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < 1000; i++) {
      assertThat(sorted[i]).isEqualTo(i);
    }
    assertThat(first).isNotEqualTo(sorted);
  }

  @Test
  void batchesAreTheSameWhateverTheThreadsAndLookahead() {
    LabelledImages images = images(64);
    EpochPlan plan = new EpochPlan(6, 9, 2, false);
    NativeAugmentation augmentation = NativeAugmentation.flip().then(NativeAugmentation.paddedCrop(1));

    List<Batch> threaded = drain(BatchPrefetcher.create(images, plan, augmentation, pool, 4));
    List<Batch> direct = drain(BatchPrefetcher.create(images, plan, augmentation, Runnable::run, 1));

    assertThat(threaded).hasSameSizeAs(direct);
    for (int b = 0; b < direct.size(); b++) {
      assertThat(threaded.get(b).indices()).containsExactly(direct.get(b).indices());
      assertThat(threaded.get(b).pixels()).containsExactly(direct.get(b).pixels());
    }
  }

  @Test
  void dropLastLeavesOutTheShortBatch() {
    BatchPrefetcher prefetcher = BatchPrefetcher.create(images(25), new EpochPlan(10, 0, 0, true),
        NativeAugmentation.none(), pool, 2);

    List<Batch> batches = drain(prefetcher);

    assertThat(prefetcher.batchCount()).isEqualTo(2);
    assertThat(batches).extracting(Batch::size).containsExactly(10, 10);
  }

  @Test
  void unlabelledImagesGetMinusOneLabels() {
    TrainingImages unlabelled = CompactImages.unlabelled(new byte[5 * STRIDE], 5, 3, SIDE);

    List<Batch> batches = drain(BatchPrefetcher.create(unlabelled, new EpochPlan(5, 0, 0, false),
        NativeAugmentation.none(), pool, 1));

    assertThat(batches.get(0).labels()).containsOnly(-1);
    assertThat(batches.get(0).pixels()).containsOnly(-1f);
  }

  @Test
  void preparesAtMostTheLookaheadAheadOfTheConsumer() {
    ArrayDeque<Runnable> queued = new ArrayDeque<>();
    Executor manual = queued::add;

    BatchPrefetcher prefetcher = BatchPrefetcher.create(images(50), new EpochPlan(5, 0, 0, false),
        NativeAugmentation.none(), manual, 3);

    assertThat(queued).hasSize(3);
    runAll(queued);
    prefetcher.next();
    assertThat(queued).hasSize(1);
    runAll(queued);
    prefetcher.next();
    prefetcher.next();
    assertThat(queued).hasSize(2);
    prefetcher.close();
    runAll(queued);
    assertThat(prefetcher.hasNext()).isFalse();
    assertThatThrownBy(prefetcher::next).isInstanceOf(IllegalStateException.class);
  }

  private static void runAll(ArrayDeque<Runnable> queued) {
    while (!queued.isEmpty()) {
      queued.poll().run();
    }
  }

  @Test
  void aWorkersExceptionSurfacesOnTheBatchThatFailed() {
    LabelledImages good = images(30);
    TrainingImages failing = new TrainingImages() {
      @Override public int size() {
        return good.size();
      }

      @Override public int side() {
        return SIDE;
      }

      @Override public int classes() {
        return good.classes();
      }

      @Override public boolean labelled() {
        return true;
      }

      @Override public void read(int[] indices, float[] out, int[] labelsOut) {
        if (Arrays.stream(indices).anyMatch(i -> i == 13)) {
          throw new DatasetException(java.nio.file.Path.of("broken.bin"), "is corrupt");
        }
        good.read(indices, out, labelsOut);
      }
    };
    EpochPlan plan = new EpochPlan(5, 3, 0, false);
    int failingBatch = 0;
    int[] order = plan.order(30);
    for (int i = 0; i < 30; i++) {
      if (order[i] == 13) {
        failingBatch = i / 5;
      }
    }

    try (BatchPrefetcher prefetcher = BatchPrefetcher.create(failing, plan,
        NativeAugmentation.none(), pool, 2)) {
      for (int b = 0; b < failingBatch; b++) {
        assertThat(prefetcher.next().index()).isEqualTo(b);
      }
      assertThatThrownBy(prefetcher::next)
          .isInstanceOf(DatasetException.class)
          .hasMessageContaining("broken.bin: is corrupt");
    }
  }

  @Test
  void settingsComeFromTheNodeConfigWithDefaults() {
    DataSettings defaults = DataSettings.defaults();
    DataSettings custom = DataSettings.create(com.typesafe.config.ConfigFactory.parseString(
        "monosweep.gpu-node.data { parallelism = 5, materialise-limit = 10 MiB }"));

    assertThat(defaults).isEqualTo(new DataSettings(2, 4, 1L << 30));
    assertThat(custom).isEqualTo(new DataSettings(5, 4, 10L << 20));
  }
}
