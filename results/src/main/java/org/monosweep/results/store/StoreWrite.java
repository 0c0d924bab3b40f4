package org.monosweep.results.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.monosweep.protocol.CellResult;
import org.monosweep.spec.Cell;
import org.monosweep.spec.CellId;

/**
 * One change to a {@link ResultStore}, as a value, so that several can be applied in one
 * transaction ({@link ResultStore#applyAll(List)}). Each variant documents when it changes
 * nothing; the times are taken by the caller (from an injected clock) when the event happened,
 * not when it was written.
 */
public sealed interface StoreWrite {

  /** What the write is about, for log lines: a cell id or {@code sweep <name>}. */
  String target();

  /**
   * Registers a sweep and its cells. Idempotent: new cells are added, existing cells (and their
   * results) are kept, the sweep keeps its first creation time and takes the latest origin.
   * Changes nothing only when the sweep and all its cells were registered already.
   *
   * @param sweep the sweep's name
   * @param origin where its spec came from
   * @param cells the grid, in order
   * @param at when it was registered
   */
  record SweepRegistration(String sweep, String origin, List<Cell> cells, Instant at)
      implements StoreWrite {
    public SweepRegistration {
      Objects.requireNonNull(sweep, "sweep");
      Objects.requireNonNull(origin, "origin");
      cells = List.copyOf(cells);
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String target() {
      return "sweep " + sweep;
    }
  }

  /**
   * Marks every RUNNING cell of a sweep INTERRUPTED: on Ctrl-C, and on start-up, where a RUNNING
   * cell is a leftover of a process that died. Changes nothing when none is running.
   *
   * @param sweep the sweep's name
   * @param at when it stopped
   */
  record SweepInterruption(String sweep, Instant at) implements StoreWrite {
    public SweepInterruption {
      Objects.requireNonNull(sweep, "sweep");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String target() {
      return "sweep " + sweep;
    }
  }

  /**
   * An attempt started: the cell becomes RUNNING and its start count goes up. Changes nothing
   * when the cell is DONE, or already RUNNING with this attempt number (a duplicate).
   *
   * @param cellId the cell
   * @param attempt the coordinator's attempt number, from 1
   * @param node where it runs
   * @param at when it started
   */
  record CellStart(CellId cellId, int attempt, String node, Instant at) implements StoreWrite {
    public CellStart {
      Objects.requireNonNull(cellId, "cellId");
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String target() {
      return cellId.value();
    }
  }

  /**
   * An attempt finished with a result: the cell becomes DONE with its probes, metrics and
   * artifacts, all in one transaction. Changes nothing when the cell is DONE already (a
   * duplicate: the first result stays).
   *
   * @param cellId the cell
   * @param attempt the attempt that produced the result
   * @param node where it ran
   * @param result the probes, metrics, artifacts, timings and flags
   * @param at when it finished
   */
  record CellCompletion(CellId cellId, int attempt, String node, CellResult result, Instant at)
      implements StoreWrite {
    public CellCompletion {
      Objects.requireNonNull(cellId, "cellId");
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(result, "result");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String target() {
      return cellId.value();
    }
  }

  /**
   * An attempt failed: the cell becomes FAILED if {@code finalFailure}, else PENDING (waiting for
   * its retry); the reason is kept either way. Changes nothing when the cell is DONE, or when the
   * same failure of the same attempt was recorded already (a duplicate). A FAILED cell is not
   * finished: a later run of its sweep tries it again.
   *
   * @param cellId the cell
   * @param attempt the attempt that failed
   * @param node where it ran
   * @param reason a one-line cause
   * @param finalFailure whether no retry follows
   * @param at when it failed
   */
  record CellFailure(CellId cellId, int attempt, String node, String reason, boolean finalFailure,
      Instant at) implements StoreWrite {
    public CellFailure {
      Objects.requireNonNull(cellId, "cellId");
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String target() {
      return cellId.value();
    }
  }

  /**
   * One running attempt was stopped: the cell becomes INTERRUPTED. Changes nothing unless the
   * cell is RUNNING with this attempt number.
   *
   * @param cellId the cell
   * @param attempt the attempt that was stopped
   * @param at when it stopped
   */
  record CellInterruption(CellId cellId, int attempt, Instant at) implements StoreWrite {
    public CellInterruption {
      Objects.requireNonNull(cellId, "cellId");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String target() {
      return cellId.value();
    }
  }

  /**
   * A sweep submitted to a cluster, with its spec's text, so that a coordinator starting
   * anywhere can resume it ({@link ResultStore#openSubmissions()}). Submitting a name again
   * replaces the text and opens it again; changes nothing when the same text is open already.
   *
   * @param sweep the sweep's name
   * @param origin where its spec came from (a path on the submitting machine, or a bundled name)
   * @param specText the spec, as HOCON the spec loader parses again
   * @param at when it was submitted
   */
  record SpecSubmission(String sweep, String origin, String specText, Instant at)
      implements StoreWrite {
    public SpecSubmission {
      Objects.requireNonNull(sweep, "sweep");
      Objects.requireNonNull(origin, "origin");
      Objects.requireNonNull(specText, "specText");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String target() {
      return "sweep " + sweep;
    }
  }

  /**
   * A submitted sweep finished (every cell done or failed): it is no longer resumed. Changes
   * nothing when it was not submitted or is closed already.
   *
   * @param sweep the sweep's name
   * @param at when it finished
   */
  record SpecCompletion(String sweep, Instant at) implements StoreWrite {
    public SpecCompletion {
      Objects.requireNonNull(sweep, "sweep");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String target() {
      return "sweep " + sweep;
    }
  }
}
