package org.monosweep.onnx.export;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The monosweep version that models record: the jar manifest's {@code Implementation-Version},
 * else the version Maven writes into the jar's {@code pom.properties}, else {@link #UNKNOWN}
 * (classes run from a build folder, as in tests).
 */
final class MonosweepVersion {
  static final String UNKNOWN = "0.1.0-SNAPSHOT (unpackaged)";
  private static final String POM_PROPERTIES =
      "/META-INF/maven/org.monosweep/gpu-node/pom.properties";
  private static final String VERSION = lookUp();

  private MonosweepVersion() {}

  static String current() {
    return VERSION;
  }

  private static String lookUp() {
    String manifest = MonosweepVersion.class.getPackage().getImplementationVersion();
    if (manifest != null && !manifest.isBlank()) {
      return manifest;
    }
    try (InputStream in = MonosweepVersion.class.getResourceAsStream(POM_PROPERTIES)) {
      if (in != null) {
        Properties properties = new Properties();
        properties.load(in);
        String version = properties.getProperty("version");
        if (version != null && !version.isBlank()) {
          return version;
        }
      }
    } catch (IOException e) {
      // An unreadable pom.properties is no reason to fail an export: say the version is unknown.
    }
    return UNKNOWN;
  }
}
