package org.monosweep.trainer.methods.gan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.monosweep.trainer.data.TrainingImages;
import org.monosweep.trainer.train.CellFailure;

/**
 * Detects a generator that has collapsed onto few outputs. At the end of each epoch the trainer
 * generates a fixed batch (fixed latent codes) and measures its spread: the root of the mean,
 * over pixels, of the variance across the batch (so {@code sqrt(mean pairwise squared distance
 * / 2 / pixels)}). A collapsed generator makes near-identical images whatever the code, and the
 * spread falls to a small fraction of the real images' spread, measured once the same way on a
 * seeded sample of the training images.
 *
 * <p>Below the threshold the cell is flagged {@code mode-collapse: ...} (the first epoch it
 * happened and the last epoch's ratio), or fails permanently when so configured. Not
 * thread-safe: one per training run.
 */
final class ModeCollapse {
  /** Real images sampled to measure the real spread. */
  static final int REAL_SAMPLE = 256;

  private final double realSpread;
  private final double threshold;
  private final boolean fails;
  private int firstEpoch = -1;
  private double firstRatio;
  private double lastRatio = Double.NaN;
  private int epochs;

  ModeCollapse(double realSpread, double threshold, boolean fails) {
    this.realSpread = realSpread;
    this.threshold = threshold;
    this.fails = fails;
  }

  /** A detector whose reference is a seeded sample of {@code images}. */
  static ModeCollapse of(TrainingImages images, double threshold, boolean fails, long seed) {
    int size = 3 * images.side() * images.side();
    float[] pixels = RealSample.draw(images, REAL_SAMPLE, seed);
    return new ModeCollapse(spread(pixels, pixels.length / size, size), threshold, fails);
  }

  /**
   * The spread of {@code count} images of {@code size} values: root mean per-value variance
   * across the images (unbiased); 0 for fewer than two images.
   */
  static double spread(float[] pixels, int count, int size) {
    if (count < 2) {
      return 0;
    }
    double total = 0;
    for (int p = 0; p < size; p++) {
      double sum = 0;
      double squares = 0;
      for (int i = 0; i < count; i++) {
        double v = pixels[i * size + p];
        sum += v;
        squares += v * v;
      }
      double mean = sum / count;
      total += Math.max(0, (squares - count * mean * mean) / (count - 1));
    }
    return Math.sqrt(total / size);
  }

  /** The real images' spread. */
  double realSpread() {
    return realSpread;
  }

  /**
   * Records the generated batch of {@code epoch}.
   *
   * @return its spread as a fraction of the real spread
   * @throws CellFailure when it collapsed and collapse fails the cell
   */
  double observe(int epoch, float[] samples, int count, int size) {
    double ratio = realSpread > 0 ? spread(samples, count, size) / realSpread : 1;
    lastRatio = ratio;
    epochs = epoch;
    if (ratio < threshold && firstEpoch < 0) {
      firstEpoch = epoch;
      firstRatio = ratio;
      if (fails) {
        throw CellFailure.permanent("mode collapse: " + describe());
      }
    }
    return ratio;
  }

  /** The flags to report: one {@code mode-collapse: ...} when the spread fell below threshold. */
  List<String> flags() {
    List<String> flags = new ArrayList<>();
    if (firstEpoch > 0) {
      flags.add("mode-collapse: " + describe());
    }
    return flags;
  }

  private String describe() {
    return String.format(Locale.ROOT, "generated samples' spread fell to %.3f of the real images'"
        + " (threshold %.3f) at epoch %d; %.3f after epoch %d", firstRatio, threshold, firstEpoch,
        lastRatio, epochs);
  }
}
