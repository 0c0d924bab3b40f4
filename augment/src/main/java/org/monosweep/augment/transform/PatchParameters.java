package org.monosweep.augment.transform;

import java.util.Locale;

/**
 * Everything that decides one patch, drawn by {@link PatchSampler#sampleParameters} and rendered
 * by {@link PatchSampler#render}. The record is the whole contract between the two: rendering
 * reads nothing else, so a printed parameter set can be rendered again.
 *
 * <p>Geometry: the source is rotated counter-clockwise (as displayed, y pointing down) by {@code
 * angleDegrees} about its centre; the crop is an axis-aligned {@code cropWidth x cropHeight}
 * rectangle of the rotated image, measured in source pixels, whose centre lands on source point
 * ({@code centreX}, {@code centreY}); source coordinates are continuous, with pixel (x, y) covering
 * [x, x+1) x [y, y+1). The crop is then mirrored left-right when {@code flipped}.
 *
 * <p>Colour, applied in this fixed order with torchvision {@code ColorJitter} semantics: {@code
 * brightness} scales, {@code contrast} blends with the patch's mean luminance, {@code saturation}
 * blends with each pixel's luminance, {@code hueShift} rotates the HSV hue by that fraction of the
 * circle. Factors of 1 and a shift of 0 leave the colour unchanged.
 *
 * @param angleDegrees rotation applied before cropping
 * @param centreX crop centre on the source, x
 * @param centreY crop centre on the source, y
 * @param cropWidth crop width in source pixels, greater than 0
 * @param cropHeight crop height in source pixels, greater than 0
 * @param flipped whether the patch is mirrored left-right
 * @param brightness brightness factor, at least 0
 * @param contrast contrast factor, at least 0
 * @param saturation saturation factor, at least 0
 * @param hueShift hue shift as a fraction of the hue circle, in [-0.5, 0.5]
 */
public record PatchParameters(
    double angleDegrees,
    double centreX,
    double centreY,
    double cropWidth,
    double cropHeight,
    boolean flipped,
    double brightness,
    double contrast,
    double saturation,
    double hueShift) {

  /** Rejects non-finite values, empty crops, negative factors and out-of-range hue shifts. */
  public PatchParameters {
    if (!Double.isFinite(angleDegrees) || !Double.isFinite(centreX) || !Double.isFinite(centreY)) {
      throw new IllegalArgumentException("angle and crop centre must be finite");
    }
    if (!(cropWidth > 0) || !(cropHeight > 0)
        || !Double.isFinite(cropWidth) || !Double.isFinite(cropHeight)) {
      throw new IllegalArgumentException("crop size must be positive and finite");
    }
    if (!(brightness >= 0) || !(contrast >= 0) || !(saturation >= 0)
        || !Double.isFinite(brightness + contrast + saturation)) {
      throw new IllegalArgumentException("colour factors must be finite and at least 0");
    }
    if (!(Math.abs(hueShift) <= 0.5)) {
      throw new IllegalArgumentException("hueShift must be in [-0.5, 0.5], got " + hueShift);
    }
  }

  /** @return whether all colour factors are the identity */
  public boolean identityColour() {
    return brightness == 1 && contrast == 1 && saturation == 1 && hueShift == 0;
  }

  /** A compact one-line form for previews and logs, rounded for reading, not for replay. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT,
        "angle=%+.2f centre=(%.1f,%.1f) crop=%.1fx%.1f flip=%s"
            + " brightness=%.3f contrast=%.3f saturation=%.3f hue=%+.3f",
        angleDegrees, centreX, centreY, cropWidth, cropHeight, flipped,
        brightness, contrast, saturation, hueShift);
  }
}
