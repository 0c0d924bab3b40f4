package org.monosweep.augment.transform;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.monosweep.spec.Augmentation;

/**
 * Parameters of the augmentation protocol (docs/protocol.md, section "Augmentation") and the
 * subset of augmentations switched on. {@link #paperDefaults(int, Set)} gives the paper's values.
 *
 * <p>Semantics of the subsets (Table 1 ablates {@code scale}, {@code rotation} and {@code
 * jitter}):
 *
 * <ul>
 *   <li>{@code SCALE} on: a random crop with area ratio {@code beta <= wh/(WH) <= 1} and aspect
 *       {@code gammaAspect <= h/w <= 1/gammaAspect}, as torchvision's {@code RandomResizedCrop}
 *       draws them: aspect log-uniform, area ratio uniform up to the largest crop of that aspect
 *       that fits, centre uniform over the valid positions. Off: the whole valid image (the
 *       largest centred rectangle of the source's aspect when rotation is on) resized to S x S.
 *   <li>{@code ROTATION} on: angle uniform in {@code (-maxAngleDegrees, maxAngleDegrees)} before
 *       cropping, the crop kept inside the rotated hull of the source's pixel centres, so no fill
 *       or border artefact can reach a patch. Off: angle 0.
 *   <li>{@code JITTER} on: brightness, contrast and saturation factors uniform in their ranges and
 *       a hue shift uniform in {@code (-hueShift, hueShift)}. Off: identity colour.
 *   <li>The horizontal flip is not part of any subset: the paper lists it as its own step 3 and
 *       Table 1 does not ablate it, so it is applied with {@code flipProbability} in every subset,
 *       {@code none} included. Set {@code flipProbability} to 0 for an unflipped {@code none}.
 * </ul>
 *
 * @param outputSize side S of the square output patch, in pixels
 * @param enabled the augmentations switched on (stored as an unmodifiable copy)
 * @param beta smallest crop area as a fraction of the source area, in (0, 1]
 * @param gammaAspect smallest aspect ratio h/w of a crop, in (0, 1]; the largest is 1/gammaAspect
 * @param maxAngleDegrees half-width of the rotation range, in [0, 90)
 * @param brightness range of the brightness factor
 * @param contrast range of the contrast factor
 * @param saturation range of the saturation factor
 * @param hueShift largest hue shift as a fraction of the hue circle, in [0, 0.5]
 * @param flipProbability probability of a horizontal flip, in [0, 1]
 */
public record AugmentationSettings(
    int outputSize,
    Set<Augmentation> enabled,
    double beta,
    double gammaAspect,
    double maxAngleDegrees,
    Range brightness,
    Range contrast,
    Range saturation,
    double hueShift,
    double flipProbability) {

  /** Largest supported output side; bigger patches are a configuration mistake, not a use. */
  public static final int MAX_OUTPUT_SIZE = 4096;

  /** Validates every field and says which one is wrong. */
  public AugmentationSettings {
    if (outputSize < 1 || outputSize > MAX_OUTPUT_SIZE) {
      throw new IllegalArgumentException(
          "outputSize must be in [1, " + MAX_OUTPUT_SIZE + "], got " + outputSize);
    }
    Objects.requireNonNull(enabled, "enabled");
    enabled = Collections.unmodifiableSet(copyOf(enabled));
    require(beta > 0 && beta <= 1, "beta must be in (0, 1]", beta);
    require(gammaAspect > 0 && gammaAspect <= 1, "gammaAspect must be in (0, 1]", gammaAspect);
    // Below 90 degrees the valid rotated region keeps a positive area for every aspect ratio.
    require(maxAngleDegrees >= 0 && maxAngleDegrees < 90,
        "maxAngleDegrees must be in [0, 90)", maxAngleDegrees);
    Objects.requireNonNull(brightness, "brightness");
    Objects.requireNonNull(contrast, "contrast");
    Objects.requireNonNull(saturation, "saturation");
    require(hueShift >= 0 && hueShift <= 0.5, "hueShift must be in [0, 0.5]", hueShift);
    require(flipProbability >= 0 && flipProbability <= 1,
        "flipProbability must be in [0, 1]", flipProbability);
  }

  /**
   * The paper's values: beta 1e-3, aspect 3/4, angles within 35 degrees, colour factors in [0.6,
   * 1.4], hue shift within 0.1 of the circle and flips with probability 0.5.
   *
   * @param outputSize side S of the output patch
   * @param enabled the augmentations switched on
   * @return the paper's settings for that size and subset
   */
  public static AugmentationSettings paperDefaults(int outputSize, Set<Augmentation> enabled) {
    Range factor = new Range(0.6, 1.4);
    return new AugmentationSettings(
        outputSize, enabled, 1e-3, 0.75, 35, factor, factor, factor, 0.1, 0.5);
  }

  /**
   * @param augmentation one of the ablated augmentations
   * @return whether it is switched on
   */
  public boolean isEnabled(Augmentation augmentation) {
    return enabled.contains(augmentation);
  }

  /**
   * @param newEnabled the augmentations to switch on
   * @return a copy of these settings with a different subset
   */
  public AugmentationSettings withEnabled(Set<Augmentation> newEnabled) {
    return new AugmentationSettings(
        outputSize, newEnabled, beta, gammaAspect, maxAngleDegrees, brightness, contrast,
        saturation, hueShift, flipProbability);
  }

  /**
   * @param newOutputSize side S of the output patch
   * @return a copy of these settings with a different output size
   */
  public AugmentationSettings withOutputSize(int newOutputSize) {
    return new AugmentationSettings(
        newOutputSize, enabled, beta, gammaAspect, maxAngleDegrees, brightness, contrast,
        saturation, hueShift, flipProbability);
  }

  /**
   * @param newFlipProbability probability of a horizontal flip
   * @return a copy of these settings with a different flip probability
   */
  public AugmentationSettings withFlipProbability(double newFlipProbability) {
    return new AugmentationSettings(
        outputSize, enabled, beta, gammaAspect, maxAngleDegrees, brightness, contrast,
        saturation, hueShift, newFlipProbability);
  }

  /**
   * A closed interval of non-negative colour factors.
   *
   * @param min smallest factor, at least 0
   * @param max largest factor, at least {@code min}
   */
  public record Range(double min, double max) {

    /** Rejects negative, non-finite or inverted bounds. */
    public Range {
      if (!(min >= 0) || !(max >= min) || !Double.isFinite(max)) {
        throw new IllegalArgumentException(
            "range must satisfy 0 <= min <= max < infinity, got [" + min + ", " + max + "]");
      }
    }
  }

  private static Set<Augmentation> copyOf(Set<Augmentation> set) {
    // EnumSet keeps the constants' order, so toString and iteration are stable across runs.
    EnumSet<Augmentation> copy = EnumSet.noneOf(Augmentation.class);
    for (Augmentation a : set) {
      copy.add(Objects.requireNonNull(a, "enabled contains null"));
    }
    return copy;
  }

  private static void require(boolean valid, String rule, double value) {
    // NaN fails every comparison above, so it lands here too.
    if (!valid) {
      throw new IllegalArgumentException(rule + ", got " + value);
    }
  }
}
