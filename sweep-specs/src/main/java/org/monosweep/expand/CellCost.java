package org.monosweep.expand;

import java.time.Duration;
import java.util.Objects;

/**
 * What one cell is estimated to cost.
 *
 * @param trainImageSteps images through training: epochs x d (0 for {@code random})
 * @param probeImageSteps images through probe training: probe epochs x probe training images x
 *     probed layers, or -1 when the training split's size is unknown (image-folder without a
 *     {@code train-limit})
 * @param time the estimated wall time on one slot (without probes when their cost is unknown)
 */
public record CellCost(long trainImageSteps, long probeImageSteps, Duration time) {
  public CellCost {
    Objects.requireNonNull(time, "time");
  }

  /** Whether the probe cost is known. */
  public boolean probeKnown() {
    return probeImageSteps >= 0;
  }
}
