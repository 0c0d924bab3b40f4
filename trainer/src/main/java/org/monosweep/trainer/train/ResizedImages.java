package org.monosweep.trainer.train;

import java.util.List;
import org.monosweep.trainer.data.PlaneResize;
import org.monosweep.trainer.data.TrainingImages;

/**
 * Images of another {@link TrainingImages} resized bilinearly ({@link PlaneResize}) to a new side
 * on every read, with their labels: how 32-pixel data (the real splits) reaches an encoder that
 * takes larger inputs (AlexNet at 64 to 224 pixels). Thread-safe and deterministic like its
 * source.
 */
final class ResizedImages implements TrainingImages {
  private final TrainingImages source;
  private final PlaneResize resize;

  private ResizedImages(TrainingImages source, int side) {
    this.source = source;
    this.resize = new PlaneResize(source.side(), side);
  }
  /**
   * {@code source} at side {@code side}; {@code source} itself when it already has that side.
   *
   * @throws IllegalArgumentException when {@code side} is not positive
   */
  static TrainingImages of(TrainingImages source, int side) {
    if (side < 1) {
      throw new IllegalArgumentException("side must be positive, got " + side);
    }
    return source.side() == side ? source : new ResizedImages(source, side);
  }

  @Override
  public int size() {
    return source.size();
  }

  @Override
  public int side() {
    return resize.to();
  }

  @Override
  public int classes() {
    return source.classes();
  }

  @Override
  public boolean labelled() {
    return source.labelled();
  }

  @Override
  public List<String> classNames() {
    return source.classNames();
  }

  @Override
  public void read(int[] indices, float[] out, int[] labelsOut) {
    int sourcePlane = source.side() * source.side();
    int plane = resize.to() * resize.to();
    float[] buffer = new float[indices.length * 3 * sourcePlane];
    source.read(indices, buffer, labelsOut);
    for (int p = 0; p < indices.length * 3; p++) {
      resize.apply(buffer, p * sourcePlane, out, p * plane);
    }
  }
}
