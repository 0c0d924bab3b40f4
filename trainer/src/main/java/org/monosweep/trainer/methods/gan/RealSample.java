package org.monosweep.trainer.methods.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.monosweep.trainer.data.TrainingImages;

/** A seeded sample of training images (with replacement), for measurements outside the steps. */
final class RealSample {
  private RealSample() {}

  /**
   * The pixels of {@code min(count, images.size())} images drawn with a generator seeded by
   * {@code seed}, in the images' layout ({@code 3 x side x side} values each, one after another).
   */
  static float[] draw(TrainingImages images, int count, long seed) {
    int drawn = Math.min(count, images.size());
    int[] indices = new int[drawn];
    Random random = new Random(seed);
    for (int i = 0; i < drawn; i++) {
      indices[i] = random.nextInt(images.size());
    }
    float[] pixels = new float[drawn * 3 * images.side() * images.side()];
    images.read(indices, pixels, images.labelled() ? new int[drawn] : null);
    return pixels;
  }

  /** {@link #draw} as a {@code (B, 3, S, S)} array on {@code manager}. */
  static NDArray array(TrainingImages images, int count, long seed, NDManager manager) {
    int side = images.side();
    float[] pixels = draw(images, count, seed);
    return manager.create(pixels, new Shape(pixels.length / (3 * side * side), 3, side, side));
  }
}
