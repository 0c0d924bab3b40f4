package org.monosweep.augment.transform;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The fused implementation of {@link PatchSampler}: one affine map from output pixel to source
 * point, one bilinear tap per output pixel on the matching pyramid level, brightness in the same
 * pass, the rest of the jitter in {@link ColourJitter}'s pass over the output.
 */
final class FusedPatchSampler implements PatchSampler {

  private final AugmentationSettings settings;
  private final ParameterSampler parameterSampler;

  FusedPatchSampler(AugmentationSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.parameterSampler = new ParameterSampler(settings);
  }

  @Override
  public AugmentationSettings settings() {
    return settings;
  }

  @Override
  public PatchParameters sampleParameters(SourceImage source, SplittableRandom random) {
    return parameterSampler.sample(source.width(), source.height(), random);
  }

  @Override
  public void render(SourceImage source, PatchParameters p, float[] out, int offset) {
    int size = settings.outputSize();
    int plane = size * size;
    Objects.checkFromIndexSize(offset, 3 * plane, out.length);

    // Output pixel (i, j) sits at crop-local q = ((i + 0.5) / S - 0.5) w (negated when flipped),
    // ((j + 0.5) / S - 0.5) h, and maps to source point centre + R^T q with R^T = [[c, -s], [s, c]]
    // (counter-clockwise on screen, y down). Stepping i or j adds a constant source vector.
    double radians = Math.toRadians(p.angleDegrees());
    double cos = StrictMath.cos(radians);
    double sin = StrictMath.sin(radians);
    double stepQx = (p.flipped() ? -p.cropWidth() : p.cropWidth()) / size;
    double stepQy = p.cropHeight() / size;
    double firstQx = (0.5 - size / 2.0) * stepQx;
    double firstQy = (0.5 - size / 2.0) * stepQy;

    ImagePyramid pyramid = source.pyramid();
    int level = pyramid.levelFor(Math.sqrt(p.cropWidth() * p.cropHeight()) / size);
    // Source coordinate u maps to level pixel-centre coordinate u / 2^level - 0.5.
    double toLevel = 1.0 / (1 << level);
    double x0 = (p.centreX() + cos * firstQx - sin * firstQy) * toLevel - 0.5;
    double y0 = (p.centreY() + sin * firstQx + cos * firstQy) * toLevel - 0.5;
    double colX = cos * stepQx * toLevel;
    double colY = sin * stepQx * toLevel;
    double rowX = -sin * stepQy * toLevel;
    double rowY = cos * stepQy * toLevel;

    double lumaSum = sample(pyramid, level, size, (float) p.brightness(),
        x0, y0, colX, colY, rowX, rowY, out, offset);
    ColourJitter.apply(out, offset, plane, p, lumaSum / plane);
  }

  /**
   * Pass 1: bilinear taps, brightness and clamp, written as CHW values in [0, 1]. Returns the sum
   * of the luminance of the brightened pixels, which contrast needs as its mean.
   */
  private static double sample(ImagePyramid pyramid, int level, int size, float brightness,
      double x0, double y0, double colX, double colY, double rowX, double rowY,
      float[] out, int offset) {
    float[] rgb = pyramid.pixels(level);
    int width = pyramid.width(level);
    double maxX = width - 1;
    double maxY = pyramid.height(level) - 1;
    int lastX = width - 2;
    int lastY = pyramid.height(level) - 2;
    int plane = size * size;
    double lumaSum = 0;
    for (int j = 0; j < size; j++) {
      double x = x0 + j * rowX;
      double y = y0 + j * rowY;
      int rowOut = offset + j * size;
      for (int i = 0; i < size; i++, x += colX, y += colY) {
        // Clamping matters only at the very edge (crops are valid by construction); it keeps
        // every index in bounds and makes (int) truncation a floor.
        double cx = x < 0 ? 0 : (x > maxX ? maxX : x);
        double cy = y < 0 ? 0 : (y > maxY ? maxY : y);
        int xi = Math.min((int) cx, lastX);
        int yi = Math.min((int) cy, lastY);
        float fx = (float) (cx - xi);
        float fy = (float) (cy - yi);
        int a = (yi * width + xi) * 3;
        int b = a + width * 3;
        float w00 = (1 - fx) * (1 - fy);
        float w01 = fx * (1 - fy);
        float w10 = (1 - fx) * fy;
        float w11 = fx * fy;
        float r = w00 * rgb[a] + w01 * rgb[a + 3] + w10 * rgb[b] + w11 * rgb[b + 3];
        float g = w00 * rgb[a + 1] + w01 * rgb[a + 4] + w10 * rgb[b + 1] + w11 * rgb[b + 4];
        float bl = w00 * rgb[a + 2] + w01 * rgb[a + 5] + w10 * rgb[b + 2] + w11 * rgb[b + 5];
        r = ColourJitter.clamp(r * brightness);
        g = ColourJitter.clamp(g * brightness);
        bl = ColourJitter.clamp(bl * brightness);
        lumaSum += ColourJitter.GRAY_R * r + ColourJitter.GRAY_G * g + ColourJitter.GRAY_B * bl;
        int o = rowOut + i;
        out[o] = r;
        out[o + plane] = g;
        out[o + 2 * plane] = bl;
      }
    }
    return lumaSum;
  }
}
