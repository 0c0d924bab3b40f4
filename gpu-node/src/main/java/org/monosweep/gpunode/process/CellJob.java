package org.monosweep.gpunode.process;

import java.util.Objects;
import org.monosweep.spec.Cell;

/**
 * What a node gives a cell process, as the first line of the process's standard input.
 *
 * @param cell the cell to train, probe and export
 * @param workDir the cell's own folder (checkpoints, exports, the process's log)
 */
public record CellJob(Cell cell, String workDir) {
  public CellJob {
    Objects.requireNonNull(cell, "cell");
    Objects.requireNonNull(workDir, "workDir");
  }
}
