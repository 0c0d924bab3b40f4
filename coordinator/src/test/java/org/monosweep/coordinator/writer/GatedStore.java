package org.monosweep.coordinator.writer;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.monosweep.results.store.ArtifactRow;
import org.monosweep.results.store.CellRow;
import org.monosweep.results.store.MetricRow;
import org.monosweep.results.store.ProbeRow;
import org.monosweep.results.store.ResultStore;
import org.monosweep.results.store.ResultStoreException;
import org.monosweep.results.store.StoreWrite;
import org.monosweep.results.store.SubmittedSpec;
import org.monosweep.results.store.SweepRow;
import org.monosweep.results.store.WriteOutcome;
import org.monosweep.spec.CellId;

/**
 * A store that records every batch it is given, holds batches at a gate until the test opens it,
 * and can fail the next batch as if its commit broke. Everything else goes to a real store.
 */
final class GatedStore implements ResultStore {
  private final ResultStore delegate;
  private final CountDownLatch gate = new CountDownLatch(1);
  private final AtomicBoolean failNext = new AtomicBoolean();
  private final List<List<StoreWrite>> batches = new CopyOnWriteArrayList<>();

  GatedStore(ResultStore delegate) {
    this.delegate = delegate;
  }

  /** Lets every batch, waiting or future, through. */
  void open() {
    gate.countDown();
  }

  /** Makes the next batch throw before it touches the database. */
  void failNextBatch() {
    failNext.set(true);
  }

  /** The size of each batch given so far, in order. */
  List<Integer> batchSizes() {
    return batches.stream().map(List::size).toList();
  }

  /** How many batches contained a write matching {@code write}'s class and target. */
  long batchesWith(Class<? extends StoreWrite> kind, CellId cellId) {
    return batches.stream().filter(batch -> batch.stream()
        .anyMatch(w -> kind.isInstance(w) && w.target().equals(cellId.value()))).count();
  }

  @Override
  public List<WriteOutcome> applyAll(List<? extends StoreWrite> writes) {
    batches.add(List.copyOf(writes));
    try {
      if (!gate.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never opened the gate");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (failNext.getAndSet(false)) {
      throw new ResultStoreException("simulated commit failure");
    }
    return delegate.applyAll(writes);
  }

  @Override
  public boolean apply(StoreWrite write) {
    return applyAll(List.of(write)).get(0).changed();
  }

  @Override
  public List<SubmittedSpec> openSubmissions() {
    return delegate.openSubmissions();
  }

  @Override
  public List<SweepRow> sweeps() {
    return delegate.sweeps();
  }

  @Override
  public Optional<SweepRow> sweep(String name) {
    return delegate.sweep(name);
  }

  @Override
  public Set<CellId> finishedCells(String sweep) {
    return delegate.finishedCells(sweep);
  }

  @Override
  public List<CellRow> cells(String sweep) {
    return delegate.cells(sweep);
  }

  @Override
  public Optional<CellRow> cell(CellId cellId) {
    return delegate.cell(cellId);
  }

  @Override
  public List<ProbeRow> probes(String sweep) {
    return delegate.probes(sweep);
  }

  @Override
  public List<ProbeRow> probes(CellId cellId) {
    return delegate.probes(cellId);
  }

  @Override
  public List<MetricRow> metrics(CellId cellId) {
    return delegate.metrics(cellId);
  }

  @Override
  public List<ArtifactRow> artifacts(CellId cellId) {
    return delegate.artifacts(cellId);
  }

  @Override
  public int schemaVersion() {
    return delegate.schemaVersion();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
