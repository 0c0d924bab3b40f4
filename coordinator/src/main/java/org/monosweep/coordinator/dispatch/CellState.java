package org.monosweep.coordinator.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The state of one cell in a {@link CellBook}. Attempts count from 1; every state that follows an
 * attempt names it, so a report can be matched against the attempt it belongs to.
 */
public sealed interface CellState {

  /** The tag of this state. */
  CellStatus status();

  /**
   * The latest attempt made (0 before the first).
   */
  int attempt();

  /**
   * Waiting for a slot.
   *
   * @param attempt attempts made so far (0 for a fresh cell)
   * @param notBefore the cell is not handed out before this instant (retry back-off)
   * @param lastFailure why the previous attempt failed; empty for a fresh cell
   */
  record Pending(int attempt, Instant notBefore, String lastFailure) implements CellState {
    public Pending {
      Objects.requireNonNull(notBefore, "notBefore");
      Objects.requireNonNull(lastFailure, "lastFailure");
    }

    @Override
    public CellStatus status() {
      return CellStatus.PENDING;
    }
  }

  /**
   * Sent to a slot, which has not reported its start yet.
   *
   * @param slot the slot's label (its node address)
   * @param attempt the attempt sent
   * @param since when it was sent
   */
  record Assigned(String slot, int attempt, Instant since) implements CellState {
    @Override
    public CellStatus status() {
      return CellStatus.ASSIGNED;
    }
  }

  /**
   * Training on a node.
   *
   * @param node the node that reported the start
   * @param attempt the attempt running
   * @param startedAt when the attempt was handed out (the duration of a cell counts from here)
   */
  record Running(String node, int attempt, Instant startedAt) implements CellState {
    @Override
    public CellStatus status() {
      return CellStatus.RUNNING;
    }
  }

  /**
   * Finished with a result.
   *
   * @param node the node that produced it; empty when the result came from an earlier run
   * @param attempt the attempt that succeeded; 0 when the result came from an earlier run
   * @param took how long the attempt ran; zero for an earlier run's result
   */
  record Done(String node, int attempt, Duration took) implements CellState {
    @Override
    public CellStatus status() {
      return CellStatus.DONE;
    }
  }

  /**
   * Given up.
   *
   * @param reason why the last attempt failed
   * @param attempt the number of attempts made
   */
  record Failed(String reason, int attempt) implements CellState {
    @Override
    public CellStatus status() {
      return CellStatus.FAILED;
    }
  }
}
