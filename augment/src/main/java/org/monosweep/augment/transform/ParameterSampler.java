package org.monosweep.augment.transform;

import java.util.SplittableRandom;
import org.monosweep.spec.Augmentation;

/**
 * Draws {@link PatchParameters} following the protocol.
 *
 * <p>Crop geometry. With rotation on, the crop must lie inside the rotated source, shrunk by half a
 * pixel so that it stays within the hull of the pixel centres: every sample is then interpolated
 * between real pixels, never filled or extrapolated. Writing c = |cos a|, s = |sin a| and W' x H'
 * for the source less that margin (W - 1 x H - 1 with rotation on, W x H without), an
 * axis-aligned w x h crop fits in the rotated W' x H' rectangle iff {@code c w + s h <= W'} and
 * {@code s w + c h <= H'}, and the centres at which it fits form a rectangle aligned with the
 * source whose half-sides are {@code (W' - c w - s h) / 2} and {@code (H' - s w - c h) / 2}. So
 * for each angle and aspect the largest fitting crop and the set of valid centres are closed-form,
 * and sampling never rejects or loops.
 *
 * <p>Distributions (torchvision {@code RandomResizedCrop} semantics, the usual implementation):
 * the aspect h/w is log-uniform in [gamma, 1/gamma]; the area ratio wh/(WH) is uniform in [beta,
 * A], where A (at most 1) is the largest area of that aspect that fits at that angle; the centre
 * is uniform over the valid centres. torchvision instead retries ten times and falls back to a
 * centre crop, which gives nearly the same distribution but not a bounded cost.
 *
 * <p>Every call consumes exactly ten random doubles in a fixed order, whatever subset is enabled,
 * so the same seed gives, for example, the same angles with and without jitter. Trigonometry uses
 * {@link StrictMath} so parameters are bit-identical on every JVM.
 */
final class ParameterSampler {

  /** Half a pixel: crops stay inside the hull of the pixel centres when rotated. */
  static final double ROTATED_MARGIN = 0.5;

  private final AugmentationSettings settings;
  private final boolean scale;
  private final boolean rotation;
  private final boolean jitter;

  ParameterSampler(AugmentationSettings settings) {
    this.settings = settings;
    this.scale = settings.isEnabled(Augmentation.SCALE);
    this.rotation = settings.isEnabled(Augmentation.ROTATION);
    this.jitter = settings.isEnabled(Augmentation.JITTER);
  }

  PatchParameters sample(int width, int height, SplittableRandom random) {
    double uAngle = random.nextDouble();
    double uAspect = random.nextDouble();
    double uArea = random.nextDouble();
    double uCentreX = random.nextDouble();
    double uCentreY = random.nextDouble();
    double uFlip = random.nextDouble();
    double uBrightness = random.nextDouble();
    double uContrast = random.nextDouble();
    double uSaturation = random.nextDouble();
    double uHue = random.nextDouble();

    double angle = rotation ? settings.maxAngleDegrees() * (2 * uAngle - 1) : 0;
    double radians = Math.toRadians(angle);
    double c = Math.abs(StrictMath.cos(radians));
    double s = Math.abs(StrictMath.sin(radians));
    double margin = rotation ? ROTATED_MARGIN : 0;
    double validW = width - 2 * margin;
    double validH = height - 2 * margin;

    double aspect = scale
        ? StrictMath.exp(StrictMath.log(settings.gammaAspect()) * (2 * uAspect - 1))
        : (double) height / width;
    double widestFit = Math.min(validW / (c + aspect * s), validH / (s + aspect * c));
    double cropW = widestFit;
    if (scale) {
      double sourceArea = (double) width * height;
      double largestRatio = Math.min(1, aspect * widestFit * widestFit / sourceArea);
      double beta = settings.beta();
      // A source too thin to hold a beta-sized crop at this angle gets its largest valid crop.
      double ratio = largestRatio <= beta ? largestRatio : beta + uArea * (largestRatio - beta);
      cropW = Math.min(widestFit, Math.sqrt(ratio * sourceArea / aspect));
    }
    double cropH = aspect * cropW;

    // Without scale the crop is "the whole valid image": centred, even where one side has room.
    double slackX = scale ? Math.max(0, (validW - c * cropW - s * cropH) / 2) : 0;
    double slackY = scale ? Math.max(0, (validH - s * cropW - c * cropH) / 2) : 0;
    double centreX = width / 2.0 + (2 * uCentreX - 1) * slackX;
    double centreY = height / 2.0 + (2 * uCentreY - 1) * slackY;

    boolean flipped = uFlip < settings.flipProbability();
    double brightness = jitter ? lerp(settings.brightness(), uBrightness) : 1;
    double contrast = jitter ? lerp(settings.contrast(), uContrast) : 1;
    double saturation = jitter ? lerp(settings.saturation(), uSaturation) : 1;
    double hue = jitter ? settings.hueShift() * (2 * uHue - 1) : 0;
    return new PatchParameters(angle, centreX, centreY, cropW, cropH, flipped,
        brightness, contrast, saturation, hue);
  }

  private static double lerp(AugmentationSettings.Range range, double u) {
    return range.min() + u * (range.max() - range.min());
  }
}
