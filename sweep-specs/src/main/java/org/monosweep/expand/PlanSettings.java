package org.monosweep.expand;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * The throughputs a plan converts image-steps into time with, read from
 * {@code monosweep.plan} (defaults in this module's {@code reference.conf}: 1500 images/s,
 * about what the small encoder trains at on two CPU cores).
 *
 * @param trainImagesPerSecond training throughput of one slot, in dataset images per second
 * @param probeImagesPerSecond linear-probe training throughput of one slot, in images per second
 *     per probed layer
 */
public record PlanSettings(double trainImagesPerSecond, double probeImagesPerSecond) {
  public PlanSettings {
    if (!(trainImagesPerSecond > 0) || !(probeImagesPerSecond > 0)) {
      throw new IllegalArgumentException("monosweep.plan throughputs must be > 0, got train "
          + trainImagesPerSecond + " and probe " + probeImagesPerSecond);
    }
  }

  /** Reads the {@code monosweep.plan} section of {@code config}. */
  public static PlanSettings create(Config config) {
    Config plan = config.getConfig("monosweep.plan");
    return new PlanSettings(plan.getDouble("train-images-per-second"), plan.getDouble("probe-images-per-second"));
  }

  /** The defaults of {@code reference.conf}. */
  public static PlanSettings defaults() {
    return create(ConfigFactory.defaultReference(PlanSettings.class.getClassLoader()));
  }
}
