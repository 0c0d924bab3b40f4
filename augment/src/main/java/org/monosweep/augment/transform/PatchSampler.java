package org.monosweep.augment.transform;

import java.util.SplittableRandom;

/**
 * Draws the parameters of one augmented patch and renders them. Rendering is fused: rotation,
 * crop, scale and flip form one affine map from output to source pixels, each output pixel is
 * sampled once, bilinearly, from the pyramid level that matches the crop's scale (so the cost
 * depends on the output size S, not on the source size), and the colour jitter is applied in the
 * same pass plus one cheap pass over the S x S output for the contrast mean. Rendering allocates
 * nothing.
 *
 * <p>Rendering uses only float and double arithmetic without transcendental functions except
 * {@link StrictMath}, so the same parameters give the same bytes on every JVM. Implementations are
 * stateless and thread-safe.
 */
public interface PatchSampler {

  /**
   * @param settings the protocol's parameters and enabled subset
   * @return the fused sampler for those settings
   */
  static PatchSampler create(AugmentationSettings settings) {
    return new FusedPatchSampler(settings);
  }

  /** @return the settings this sampler draws from */
  AugmentationSettings settings();

  /** @return the number of floats one patch occupies, {@code 3 * S * S} */
  default int patchLength() {
    int size = settings().outputSize();
    return 3 * size * size;
  }

  /**
   * Draws one patch's parameters for a source, following the settings' enabled subset (see
   * {@link AugmentationSettings}). Consumes a fixed number of values from {@code random}.
   *
   * @param source the source image, for its size
   * @param random the generator to draw from
   * @return the parameters
   */
  PatchParameters sampleParameters(SourceImage source, SplittableRandom random);

  /**
   * Renders a patch as CHW floats (R plane, G plane, B plane, each S x S row-major) in [-1, 1],
   * that is {@code 2 v - 1} for a colour value v in [0, 1].
   *
   * @param source the source image
   * @param parameters the patch's parameters, typically from {@link #sampleParameters}
   * @param out the destination
   * @param offset where the patch's {@link #patchLength()} floats start in {@code out}
   */
  void render(SourceImage source, PatchParameters parameters, float[] out, int offset);
}
