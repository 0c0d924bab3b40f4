package org.monosweep.protocol;

import org.monosweep.spec.CellId;

/**
 * What a worker slot tells the coordinator about the cell it runs: it started, how training
 * goes, and how it ended. Every report names the sweep, cell and attempt, so a late report
 * from a superseded attempt can be recognised.
 */
public sealed interface CellReport extends CborSerializable {
  /** The sweep's name. */
  String sweep();

  /** The cell reported on. */
  CellId cellId();

  /** The attempt reported on. */
  int attempt();

  /** The reporting node's address or name. */
  String node();

  /** The slot took the cell and began work. */
  record CellStarted(String sweep, CellId cellId, int attempt, String node) implements CellReport {}

  /**
   * Progress within a cell.
   *
   * @param phase {@code data}, {@code train} or {@code probe:<layer>}
   * @param epoch the finished epoch (1-based)
   * @param epochs the epochs of this phase
   * @param loss the mean loss of the epoch
   * @param imagesPerSecond training throughput of the epoch
   */
  record CellProgress(String sweep, CellId cellId, int attempt, String node, String phase,
      int epoch, int epochs, double loss, double imagesPerSecond) implements CellReport {}

  /**
   * Renews the lease on a running attempt. A slot sends it every lease-renewal interval while
   * the cell runs (progress reports renew it too); an attempt not heard of for the lease's
   * duration is taken back by the coordinator and run elsewhere.
   */
  record CellAlive(String sweep, CellId cellId, int attempt, String node) implements CellReport {}

  /** The cell finished; {@code result} holds its probes, metrics and artifacts. */
  record CellCompleted(String sweep, CellId cellId, int attempt, String node, CellResult result)
      implements CellReport {}

  /**
   * The attempt failed.
   *
   * @param reason a one-line cause for the report
   * @param retryable false when retrying cannot help (bad input), so the cell fails at once
   */
  record CellFailed(String sweep, CellId cellId, int attempt, String node, String reason,
      boolean retryable) implements CellReport {}
}
