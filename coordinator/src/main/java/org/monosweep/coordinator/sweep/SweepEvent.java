package org.monosweep.coordinator.sweep;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.monosweep.coordinator.dispatch.CellStatus;
import org.monosweep.protocol.CborSerializable;
import org.monosweep.protocol.CellResult;
import org.monosweep.spec.CellId;

/**
 * What a {@link SweepCoordinator} tells its listener (the terminal display, a test, or later a
 * client in another JVM, hence serializable): the sweep started, a cell changed state or made
 * progress, a cell finished, the counts and ETA changed, and the sweep finished or was
 * interrupted. Every event names its sweep.
 */
public sealed interface SweepEvent extends CborSerializable {

  /** The sweep's name. */
  String sweep();

  /**
   * The sweep began handing out cells.
   *
   * @param total every cell of the grid
   * @param alreadyDone cells finished in an earlier run, which are not run again
   */
  record SweepStarted(String sweep, int total, int alreadyDone) implements SweepEvent {}

  /**
   * A cell moved to {@link CellStatus#ASSIGNED}, {@link CellStatus#RUNNING} or back to
   * {@link CellStatus#PENDING} (to be retried, or interrupted).
   *
   * @param label the cell's short human label
   * @param attempt the attempt concerned
   * @param node the node or slot concerned
   * @param reason why it went back to pending; empty otherwise
   */
  record CellStateChanged(String sweep, CellId cellId, String label, CellStatus status,
      int attempt, String node, String reason) implements SweepEvent {}

  /**
   * One finished epoch of a running cell.
   *
   * @param phase {@code train} or {@code probe:<layer>}
   * @param loss the epoch's mean loss
   * @param imagesPerSecond the epoch's throughput
   */
  record CellProgressed(String sweep, CellId cellId, String label, String node, String phase,
      int epoch, int epochs, double loss, double imagesPerSecond) implements SweepEvent {}

  /**
   * A cell ended for good: {@link CellStatus#DONE} with its probes, or {@link CellStatus#FAILED}
   * with the reason.
   *
   * @param attempt the attempt that ended it
   * @param took how long that attempt ran
   * @param reason the failure; empty when done
   * @param probes the probe accuracies, conv1 first; empty when failed
   */
  record CellFinished(String sweep, CellId cellId, String label, CellStatus status, int attempt,
      String node, Duration took, String reason, List<CellResult.ProbeAccuracy> probes)
      implements SweepEvent {
    public CellFinished {
      probes = List.copyOf(probes);
    }
  }

  /**
   * The counts after a change, and periodically while cells run.
   *
   * @param running cells out on slots (assigned or running)
   * @param eta the time left, empty until a cell finished in this run
   */
  record SweepProgressed(String sweep, int done, int failed, int running, int total,
      Optional<Duration> eta) implements SweepEvent {
    public SweepProgressed {
      Objects.requireNonNull(eta, "eta");
    }
  }

  /** Every cell is done or failed and the results are flushed; the coordinator stops. */
  record SweepFinished(String sweep, int done, int failed, int total) implements SweepEvent {}

  /**
   * The sweep was interrupted: running cells were recorded as interrupted (the next run resumes
   * them), the results are flushed, and the coordinator stops.
   *
   * @param interrupted the cells that were out on slots
   */
  record SweepInterrupted(String sweep, int done, int failed, int interrupted, int total)
      implements SweepEvent {}
}
