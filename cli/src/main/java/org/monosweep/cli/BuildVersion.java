package org.monosweep.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version Maven built ({@code project.version}), from a resource that Maven's resource
 * filtering fills in; {@code --version} on every command prints it.
 */
final class BuildVersion implements IVersionProvider {
  private static final String RESOURCE = "version.properties";

  /** The built version, such as {@code 0.1.0-SNAPSHOT}. */
  static String version() {
    Properties properties = new Properties();
    try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing beside " + BuildVersion.class
            + ": build monosweep with Maven");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }

  @Override
  public String[] getVersion() {
    return new String[] {"monosweep " + version()};
  }
}
