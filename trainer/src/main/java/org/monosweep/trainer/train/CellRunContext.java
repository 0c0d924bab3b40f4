package org.monosweep.trainer.train;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What a {@link CellRunner} gets besides the cell: a folder of its own for checkpoints and
 * exports, a progress sink, and a cancellation flag to poll between steps.
 *
 * @param workDir the cell's own folder under {@code runs/}
 * @param progress receives per-epoch progress; called on the training thread
 * @param cancelled true once the cell should stop (Ctrl-C, coordinator gone)
 */
public record CellRunContext(Path workDir, ProgressListener progress, BooleanSupplier cancelled) {
  public CellRunContext {
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(cancelled, "cancelled");
  }

  /** Receives progress while a cell runs. */
  @FunctionalInterface
  public interface ProgressListener {
    /**
     * One finished epoch of a phase.
     *
     * @param phase {@code train} or {@code probe:convK}
     * @param epoch 1-based
     * @param epochs the phase's epoch count
     * @param loss mean loss of the epoch
     * @param imagesPerSecond throughput of the epoch
     */
    void onEpoch(String phase, int epoch, int epochs, double loss, double imagesPerSecond);
  }
}
