package org.monosweep.trainer.probe;

import java.util.Objects;

/**
 * Precomputed features of labelled samples, for probing features that do not come from an
 * encoder (tests, benchmarks). Row {@code i} is {@code values[i*D .. (i+1)*D)} with
 * {@code D = channels * positions}, channel-major (CHW flattened).
 *
 * @param values rows x D values (not copied: do not change them while a probe runs)
 * @param labels one class per row
 * @param channels channels; standardisation is per channel
 * @param positions values per channel (H * W; 1 for plain vectors)
 */
public record FeatureSet(float[] values, int[] labels, int channels, int positions) {
  public FeatureSet {
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(labels, "labels");
    if (channels < 1 || positions < 1
        || (long) labels.length * channels * positions != values.length) {
      throw new IllegalArgumentException(values.length + " values do not make " + labels.length
          + " rows of " + channels + " x " + positions);
    }
  }

  /** Number of samples. */
  public int rows() {
    return labels.length;
  }

  /** The row length D. */
  public int dim() {
    return channels * positions;
  }
}
