package org.monosweep.trainer.train;

import java.util.List;
import org.monosweep.protocol.CellResult.EpochMetric;

/**
 * What a {@link MethodTrainer} reports when it finishes.
 *
 * @param metrics per-epoch metrics, phase {@code train}: {@code loss}, {@code images_per_second}
 *     and method-specific ones such as {@code train_accuracy}
 * @param flags warnings that do not fail the cell (for example {@code mode-collapse: ...})
 * @param steps optimiser steps taken
 * @param images images processed (for RotNet each rotation counts as one image)
 */
public record TrainingOutcome(List<EpochMetric> metrics, List<String> flags, long steps,
    long images) {

  public TrainingOutcome {
    metrics = List.copyOf(metrics);
    flags = List.copyOf(flags);
  }

  /** The outcome of a method that does not train. */
  public static TrainingOutcome untrained() {
    return new TrainingOutcome(List.of(), List.of(), 0, 0);
  }
}
