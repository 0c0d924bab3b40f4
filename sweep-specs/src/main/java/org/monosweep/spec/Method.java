package org.monosweep.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The training methods a sweep can run. */
public enum Method {
  /** Predicts which of four rotations (0/90/180/270) was applied. */
  ROTNET(true),
  /** Bidirectional GAN; the encoder is probed. */
  BIGAN(true),
  /** Clusters features with k-means each epoch and predicts the cluster. */
  DEEPCLUSTER(true),
  /** WGAN-GP whose critic is the probed encoder. */
  MONOGAN(true),
  /** Trained on the labels of the full training split: the upper reference. */
  SUPERVISED(false),
  /** Never trained: the lower reference. */
  RANDOM(false);

  private final boolean trainsOnSources;

  Method(boolean trainsOnSources) {
    this.trainsOnSources = trainsOnSources;
  }

  /**
   * Whether the method trains on the N-source augmented dataset. Methods that do not
   * ({@code supervised}, {@code random}) ignore the N and augmentation axes, so the grid
   * collapses those axes for them to a single cell.
   */
  public boolean trainsOnSources() {
    return trainsOnSources;
  }

  /**
   * Whether the method trains at all. Only {@code random} does not: its cells ignore the
   * budget's epochs (set to 0) and the hyperparameter axes, so a sweep holds one random cell
   * per seed.
   */
  public boolean trains() {
    return this != RANDOM;
  }

  /** The lower-case name used in specs. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return label();
  }

  /** Parses a spec name. @throws IllegalArgumentException listing the allowed names */
  public static Method parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(m -> m.label().equals(t)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown method '" + text + "': allowed are "
            + Arrays.stream(values()).map(Method::label).collect(Collectors.joining(", "))));
  }
}
