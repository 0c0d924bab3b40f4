package org.monosweep.gpunode.process;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.monosweep.protocol.CellResult;

/**
 * What a cell process tells its node, one JSON object per line on its standard output (see
 * {@link CellChannel}). A process sends {@link Started} first, then any number of {@link Epoch}
 * and {@link Alive}, and ends with exactly one {@link Finished} or {@link Failed}; a process that
 * ends without either has crashed, and its exit status says how.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CellEvent.Started.class, name = "started"),
    @JsonSubTypes.Type(value = CellEvent.Epoch.class, name = "epoch"),
    @JsonSubTypes.Type(value = CellEvent.Alive.class, name = "alive"),
    @JsonSubTypes.Type(value = CellEvent.Finished.class, name = "finished"),
    @JsonSubTypes.Type(value = CellEvent.Failed.class, name = "failed")})
public sealed interface CellEvent {

  /**
   * The process has read its job.
   *
   * @param pid its process id, so that a node can name (and tests can kill) it
   */
  record Started(long pid) implements CellEvent {}

  /**
   * One finished epoch of a phase, as {@code CellRunContext.ProgressListener} receives it.
   *
   * @param phase {@code train} or {@code probe:convK}
   * @param epoch 1-based
   * @param epochs the phase's epoch count
   * @param loss mean loss of the epoch
   * @param imagesPerSecond throughput of the epoch
   */
  record Epoch(String phase, int epoch, int epochs, double loss, double imagesPerSecond)
      implements CellEvent {}

  /** Sent every few seconds while the process runs, so that a frozen process shows as silent. */
  record Alive() implements CellEvent {}

  /** The cell finished; the process exits 0 after this line. */
  record Finished(CellResult result) implements CellEvent {}

  /**
   * The cell could not finish (bad input, divergence, cancellation); the process exits 0 after
   * this line, since it reported what happened.
   *
   * @param reason one line for the report
   * @param retryable whether another attempt could succeed
   */
  record Failed(String reason, boolean retryable) implements CellEvent {}
}
