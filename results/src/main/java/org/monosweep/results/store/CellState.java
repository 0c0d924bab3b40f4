package org.monosweep.results.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where a stored cell stands and how it got there.
 *
 * @param status the current status
 * @param attempt the attempt number of the latest start or outcome, as the coordinator numbered
 *     it (numbering restarts with each run of a sweep); 0 if never started
 * @param attempts how many times the cell was started, over all runs
 * @param node the node of the latest attempt, or null if never started
 * @param startedAt when the latest attempt started, or null
 * @param finishedAt when the cell became done, failed or interrupted; null while pending or running
 * @param failureReason the reason of the latest failed attempt, or null if none failed
 * @param trainSeconds training wall time of the result; null unless done
 * @param probeSeconds probe wall time of the result; null unless done
 * @param flags warnings the result carried (for example mode collapse); empty unless done
 */
public record CellState(
    CellStatus status,
    int attempt,
    int attempts,
    String node,
    Instant startedAt,
    Instant finishedAt,
    String failureReason,
    Double trainSeconds,
    Double probeSeconds,
    List<String> flags) {

  public CellState {
    Objects.requireNonNull(status, "status");
    flags = List.copyOf(flags);
  }
}
