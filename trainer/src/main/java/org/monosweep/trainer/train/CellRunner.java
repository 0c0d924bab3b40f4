package org.monosweep.trainer.train;

import org.monosweep.protocol.CellResult;
import org.monosweep.spec.Cell;

/**
 * Trains and probes one cell, blocking the calling thread until it is done. The worker actor
 * calls it on a dedicated dispatcher, never on an actor thread.
 */
public interface CellRunner {
  /**
   * Runs {@code cell} to completion.
   *
   * @throws CellFailure when the cell cannot finish (bad input, divergence, cancellation)
   */
  CellResult run(Cell cell, CellRunContext context);
}
