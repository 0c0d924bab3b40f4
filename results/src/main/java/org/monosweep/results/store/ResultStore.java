package org.monosweep.results.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.monosweep.protocol.CellResult;
import org.monosweep.spec.Cell;
import org.monosweep.spec.CellId;

/**
 * Where sweeps, their cells and the cells' results live. Open one with {@link ResultStores}.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Cells are shared between sweeps.</b> A cell's id hashes its fully resolved settings and
 *       not the sweep's name, so a cell finished in one sweep counts as finished in every sweep
 *       that contains identical settings, and is never trained twice.
 *   <li><b>Finished cells are immutable.</b> Once a cell is {@link CellStatus#DONE}, no write
 *       changes it: a second completion (a duplicate delivery, a re-run) returns {@code false}
 *       and leaves the first result, probes, metrics and artifacts as they were; starts,
 *       failures and interruptions of a done cell are ignored the same way.
 *   <li><b>A completion is atomic.</b> The status, timings, flags, probe rows, metrics and
 *       artifacts of a completion commit in one transaction or not at all: a completion that
 *       fails (for example a probe accuracy outside [0, 1]) leaves the cell as it was, with no
 *       partial rows.
 *   <li><b>Attempts.</b> The coordinator numbers attempts from 1 in each run of a sweep and
 *       filters reports from superseded attempts; the store keeps the latest attempt number
 *       ({@link CellState#attempt()}) and counts every start over all runs
 *       ({@link CellState#attempts()}). A start of an attempt that is already RUNNING is a
 *       duplicate; an interruption applies only to the attempt that is running.
 *   <li><b>Durability.</b> A write method returns after its transaction committed. A store
 *       opened with {@link ResultStores#openFile} writes each commit through to the operating
 *       system, so a commit survives {@code kill -9} of the JVM (not a power failure: commits
 *       are not fsync'ed).
 *   <li><b>Thread safety.</b> Implementations are safe for use by several threads; calls are
 *       serialised, and reads see every write that returned before them. Calls block on JDBC
 *       I/O: from an actor, call them on a blocking dispatcher (the {@code ResultsWriter} does).
 *   <li><b>Errors.</b> Database failures are {@link ResultStoreException}s; a write that names a
 *       cell no sweep has registered throws {@link IllegalArgumentException}. Neither leaves a
 *       partial write behind.
 * </ul>
 *
 * <p>Writes are also values ({@link StoreWrite}); {@link #applyAll(List)} applies many in one
 * transaction, which is how the writer actor batches them. The typed methods below are each
 * one transaction.
 */
public interface ResultStore extends AutoCloseable {

  // ---- writes -------------------------------------------------------------------------------

  /**
   * Applies one write in its own transaction.
   *
   * @return whether the store changed (false for a duplicate or a no-op, see each
   *     {@link StoreWrite} variant)
   * @throws IllegalArgumentException if the write names an unregistered cell
   * @throws ResultStoreException if the database fails; nothing of the write is kept
   */
  boolean apply(StoreWrite write);

  /**
   * Applies {@code writes} in order in one transaction, isolating each one: a write that fails
   * is rolled back alone (to a savepoint) and reported in its outcome, and the others still
   * commit together. One commit for many writes is what makes batching cheap.
   *
   * @return one outcome per write, in order
   * @throws ResultStoreException if the transaction as a whole cannot commit; then none of the
   *     writes is kept
   */
  List<WriteOutcome> applyAll(List<? extends StoreWrite> writes);

  /**
   * Registers a sweep and its cells; see {@link StoreWrite.SweepRegistration}.
   *
   * @return whether anything was added or changed
   */
  default boolean registerSweep(String sweep, String origin, List<Cell> cells, Instant at) {
    return apply(new StoreWrite.SweepRegistration(sweep, origin, cells, at));
  }

  /**
   * Marks the sweep's RUNNING cells INTERRUPTED; see {@link StoreWrite.SweepInterruption}.
   *
   * @return whether any cell was running
   */
  default boolean interruptRunning(String sweep, Instant at) {
    return apply(new StoreWrite.SweepInterruption(sweep, at));
  }

  /**
   * Records that an attempt started; see {@link StoreWrite.CellStart}.
   *
   * @return false if the cell is done or this attempt was already recorded as running
   */
  default boolean markStarted(CellId cellId, int attempt, String node, Instant at) {
    return apply(new StoreWrite.CellStart(cellId, attempt, node, at));
  }

  /**
   * Records a cell's result atomically; see {@link StoreWrite.CellCompletion}.
   *
   * @return false if the cell was done already: a duplicate, nothing changed
   */
  default boolean recordCompleted(CellId cellId, int attempt, String node, CellResult result,
      Instant at) {
    return apply(new StoreWrite.CellCompletion(cellId, attempt, node, result, at));
  }

  /**
   * Records a failed attempt; see {@link StoreWrite.CellFailure}.
   *
   * @return false if the cell is done
   */
  default boolean recordFailed(CellId cellId, int attempt, String node, String reason,
      boolean finalFailure, Instant at) {
    return apply(new StoreWrite.CellFailure(cellId, attempt, node, reason, finalFailure, at));
  }

  /**
   * Records that a running attempt was stopped; see {@link StoreWrite.CellInterruption}.
   *
   * @return false unless the cell was running this attempt
   */
  default boolean markInterrupted(CellId cellId, int attempt, Instant at) {
    return apply(new StoreWrite.CellInterruption(cellId, attempt, at));
  }

  /** Records a sweep submitted to a cluster; see {@link StoreWrite.SpecSubmission}. */
  default boolean submitSpec(String sweep, String origin, String specText, Instant at) {
    return apply(new StoreWrite.SpecSubmission(sweep, origin, specText, at));
  }

  /** Closes a submitted sweep; see {@link StoreWrite.SpecCompletion}. */
  default boolean closeSpec(String sweep, Instant at) {
    return apply(new StoreWrite.SpecCompletion(sweep, at));
  }

  // ---- reads --------------------------------------------------------------------------------

  /**
   * The sweeps submitted to a cluster that have not finished, oldest first: what a coordinator
   * that starts resumes.
   */
  List<SubmittedSpec> openSubmissions();

  /** Every registered sweep with its counts, oldest first. */
  List<SweepRow> sweeps();

  /** The named sweep with its counts, if registered. */
  Optional<SweepRow> sweep(String name);

  /**
   * The ids of the sweep's cells that are {@link CellStatus#DONE}, whichever sweep finished
   * them: what a resumed run skips. Empty for an unknown sweep.
   */
  Set<CellId> finishedCells(String sweep);

  /** The sweep's cells in grid order; empty for an unknown sweep. */
  List<CellRow> cells(String sweep);

  /** One cell, if registered by any sweep. */
  Optional<CellRow> cell(CellId cellId);

  /** The probe rows of the sweep's finished cells, by cell then layer. */
  List<ProbeRow> probes(String sweep);

  /** The probe rows of one cell, conv1 first; empty unless it is done. */
  List<ProbeRow> probes(CellId cellId);

  /** The training metrics of one cell in the order they were recorded; empty unless done. */
  List<MetricRow> metrics(CellId cellId);

  /** The artifacts of one cell; empty unless done. */
  List<ArtifactRow> artifacts(CellId cellId);

  /** The schema version of the open database. */
  int schemaVersion();

  /**
   * Closes the database connection. Committed writes are kept; calls after close throw
   * {@link ResultStoreException}.
   */
  @Override
  void close();
}
