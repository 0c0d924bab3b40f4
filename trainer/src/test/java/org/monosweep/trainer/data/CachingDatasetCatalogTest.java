package org.monosweep.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.spec.DatasetKind;
import org.monosweep.spec.DatasetRef;

class CachingDatasetCatalogTest {
  @TempDir Path dir;

  private final AtomicInteger reads = new AtomicInteger();

  private DatasetCatalog countingCatalog() {
    return new CachingDatasetCatalog(kind -> {
      DatasetReader real = DatasetReader.forKind(kind);
      return (folder, split, limit) -> {
        reads.incrementAndGet();
        return real.read(folder, split, limit);
      };
    });
  }

  @Test
  void readsEachSplitOnceAndServesLimitsFromTheFullRead() {
    Fixtures.idxDataset(dir, 20, 5);
    DatasetCatalog catalog = countingCatalog();
    DatasetRef ref = new DatasetRef(DatasetKind.FASHION_MNIST, dir.toString());

    TrainingImages first = catalog.images(ref, Split.TRAIN, 0);
    TrainingImages again = catalog.images(ref, Split.TRAIN, 0);
    TrainingImages head = catalog.images(ref, Split.TRAIN, 7);
    catalog.images(ref, Split.TEST, 0);

    assertThat(again).isSameAs(first);
    assertThat(head.size()).isEqualTo(7);
    assertThat(reads).hasValue(2);
  }

  @Test
  void concurrentRequestsShareOneRead() throws Exception {
    Fixtures.idxDataset(dir, 50, 5);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger started = new AtomicInteger();
    DatasetCatalog catalog = new CachingDatasetCatalog(kind -> (folder, split, limit) -> {
      started.incrementAndGet();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return DatasetReader.forKind(kind).read(folder, split, limit);
    });
    DatasetRef ref = new DatasetRef(DatasetKind.FASHION_MNIST, dir.toString());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<TrainingImages>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(CompletableFuture.supplyAsync(() -> catalog.images(ref, Split.TRAIN, 0), pool));
      }
      release.countDown();
      List<TrainingImages> loaded = new ArrayList<>();
      for (CompletableFuture<TrainingImages> r : results) {
        loaded.add(r.get(10, TimeUnit.SECONDS));
      }

      assertThat(started).hasValue(1);
      assertThat(loaded).allSatisfy(images -> assertThat(images).isSameAs(loaded.get(0)));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedReadIsRetriedOnceTheDataIsThere() {
    DatasetCatalog catalog = countingCatalog();
    DatasetRef ref = new DatasetRef(DatasetKind.FASHION_MNIST, dir.toString());

    assertThatThrownBy(() -> catalog.images(ref, Split.TEST, 0))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("apt-get install dataset-fashion-mnist");
    Fixtures.idxDataset(dir, 3, 3);

    assertThat(catalog.images(ref, Split.TEST, 0).size()).isEqualTo(3);
  }

  @Test
  void labelledGivesTheSameFloatsAndLabelsAsTheCompactImages() {
    Fixtures.idxDataset(dir, 9, 4);
    DatasetCatalog catalog = DatasetCatalog.create();
    DatasetRef ref = new DatasetRef(DatasetKind.MNIST, dir.toString());

    LabelledImages labelled = catalog.labelled(ref, Split.TRAIN, 6);
    TrainingImages compact = catalog.images(ref, Split.TRAIN, 6);

    assertThat(labelled.size()).isEqualTo(6);
    assertThat(labelled.pixels()).containsExactly(Fixtures.readAll(compact));
    assertThat(labelled.labels()).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(labelled.classNames()).hasSize(10);
  }

  @Test
  void emptyPathMeansTheKindsDefaultFolder() {
    DatasetCatalog catalog = DatasetCatalog.create();

    assertThatThrownBy(() -> catalog.images(new DatasetRef(DatasetKind.CIFAR10, ""), Split.TEST, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no default location");
  }
}
