package org.monosweep.spec;

/** The three main augmentations of the reference study whose subsets a sweep ablates. */
public enum Augmentation {
  /** Random crop of area ratio in [beta, 1] and bounded aspect, rescaled to the patch size. */
  SCALE,
  /** Rotation by an angle drawn from (-35, 35) degrees before cropping. */
  ROTATION,
  /** Brightness, contrast, saturation and hue jitter of the patch. */
  JITTER;

  /** The lower-case name used in specs and reports. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
