package org.monosweep.trainer.data;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.monosweep.spec.DatasetKind;
import org.monosweep.spec.DatasetRef;

/**
 * {@link DatasetCatalog} over a map of futures: the first caller of a key reads it on its own
 * thread while later callers wait on the same future. A read of everything serves every limit of
 * the same split as a view.
 */
final class CachingDatasetCatalog implements DatasetCatalog {
  private final Function<DatasetKind, DatasetReader> readers;
  private final ConcurrentHashMap<Key, CompletableFuture<CompactImages>> cache =
      new ConcurrentHashMap<>();

  CachingDatasetCatalog(Function<DatasetKind, DatasetReader> readers) {
    this.readers = Objects.requireNonNull(readers, "readers");
  }

  @Override
  public TrainingImages images(DatasetRef dataset, Split split, int limit) {
    return compact(dataset, split, limit);
  }

  @Override
  public LabelledImages labelled(DatasetRef dataset, Split split, int limit) {
    return compact(dataset, split, limit).toLabelled();
  }

  /** The compact images of a split, loaded at most once per key. */
  CompactImages compact(DatasetRef dataset, Split split, int limit) {
    Objects.requireNonNull(split, "split");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0 (0 for all), got " + limit);
    }
    Path folder = folder(dataset);
    CompletableFuture<CompactImages> all = cache.get(new Key(dataset.kind(), folder, split, 0));
    if (all != null && all.isDone() && !all.isCompletedExceptionally()) {
      return all.join().head(limit);
    }
    Key key = new Key(dataset.kind(), folder, split, limit);
    CompletableFuture<CompactImages> fresh = new CompletableFuture<>();
    CompletableFuture<CompactImages> existing = cache.putIfAbsent(key, fresh);
    if (existing != null) {
      return await(existing);
    }
    try {
      fresh.complete(readers.apply(dataset.kind()).read(folder, split, limit));
    } catch (RuntimeException | Error e) {
      // Forget the failure so that a later call, after the data is installed, reads again.
      cache.remove(key, fresh);
      fresh.completeExceptionally(e);
      throw e;
    }
    return fresh.join();
  }

  private static CompactImages await(CompletableFuture<CompactImages> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      if (e.getCause() instanceof Error) {
        throw (Error) e.getCause();
      }
      throw e;
    }
  }

  private static Path folder(DatasetRef dataset) {
    String path = dataset.path().isBlank() ? dataset.kind().defaultPath() : dataset.path();
    if (path == null) {
      throw new IllegalArgumentException("dataset " + dataset.kind().label()
          + " has no default location: give its folder as the spec's dataset path");
    }
    return Path.of(path).toAbsolutePath().normalize();
  }

  private record Key(DatasetKind kind, Path folder, Split split, int limit) {}
}
