package org.monosweep.trainer.data;

import java.util.List;
import java.util.Objects;

/**
 * A labelled image set held in memory, CHW float of 3 x side x side in (-1, 1) per image:
 * the probe train and test splits, and the real training split for full-N and supervised cells.
 *
 * @param pixels {@code count * 3 * side * side} values, image after image
 * @param labels one class index per image
 * @param side S
 * @param classNames class index to human name
 */
public record LabelledImages(float[] pixels, int[] labels, int side, List<String> classNames)
    implements TrainingImages {

  public LabelledImages {
    Objects.requireNonNull(pixels, "pixels");
    Objects.requireNonNull(labels, "labels");
    classNames = List.copyOf(classNames);
    if ((long) labels.length * 3 * side * side != pixels.length) {
      throw new IllegalArgumentException("pixels hold " + pixels.length + " values, expected "
          + labels.length + " x 3 x " + side + " x " + side);
    }
  }

  @Override
  public int size() {
    return labels.length;
  }

  @Override
  public int classes() {
    return classNames.size();
  }

  @Override
  public boolean labelled() {
    return true;
  }

  @Override
  public void read(int[] indices, float[] out, int[] labelsOut) {
    int stride = 3 * side * side;
    for (int k = 0; k < indices.length; k++) {
      System.arraycopy(pixels, indices[k] * stride, out, k * stride, stride);
      if (labelsOut != null) {
        labelsOut[k] = labels[indices[k]];
      }
    }
  }

  /** The first {@code limit} images (all when {@code limit} is 0 or at least the size). */
  public LabelledImages head(int limit) {
    if (limit <= 0 || limit >= size()) {
      return this;
    }
    int stride = 3 * side * side;
    return new LabelledImages(java.util.Arrays.copyOf(pixels, limit * stride),
        java.util.Arrays.copyOf(labels, limit), side, classNames);
  }
}
