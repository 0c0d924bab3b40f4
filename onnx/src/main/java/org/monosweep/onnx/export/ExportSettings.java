package org.monosweep.onnx.export;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * How a cell's models are exported, read once from the {@code monosweep.gpu-node.export}
 * section.
 *
 * @param classifiers whether to write a classifier model per probed layer besides the encoder
 *     (the encoder is always written)
 * @param verifyImages how many seeded random images in (-1, 1) the ONNX Runtime check runs
 * @param tolerance the largest absolute difference from the DJL reference that passes
 */
public record ExportSettings(boolean classifiers, int verifyImages, double tolerance) {

  /** The section {@link #create(Config)} reads. */
  public static final String SECTION = "monosweep.gpu-node.export";

  // The same defaults belong in gpu-node's reference.conf; kept here too so that a node whose
  // configuration lacks the section still exports.
  private static final Config DEFAULTS = ConfigFactory.parseString(
      "classifiers = on\nverify-images = 8\ntolerance = 1e-4\n");

  public ExportSettings {
    if (verifyImages < 1) {
      throw new IllegalArgumentException(SECTION + ".verify-images must be >= 1, got "
          + verifyImages);
    }
    if (!(tolerance > 0)) {
      throw new IllegalArgumentException(SECTION + ".tolerance must be > 0, got " + tolerance);
    }
  }

  /** Classifiers on, 8 images, tolerance 1e-4. */
  public static ExportSettings defaults() {
    return create(ConfigFactory.empty());
  }

  /** Reads {@value #SECTION} from the node's configuration, defaults filling missing keys. */
  public static ExportSettings create(Config config) {
    Config section = (config.hasPath(SECTION) ? config.getConfig(SECTION) : ConfigFactory.empty())
        .withFallback(DEFAULTS);
    return new ExportSettings(section.getBoolean("classifiers"), section.getInt("verify-images"),
        section.getDouble("tolerance"));
  }
}
