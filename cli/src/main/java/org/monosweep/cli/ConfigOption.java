package org.monosweep.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --config FILE} option every command that reads settings shares: one HOCON file
 * layered over the defaults, so a key means the same whichever command reads it.
 */
final class ConfigOption {
  @Option(names = "--config", paramLabel = "FILE",
      description = "a HOCON file of settings (akka.*, monosweep.*) layered over the defaults")
  Path file;

  /**
   * The settings, highest first: Java system properties, the {@code --config} file, the
   * application.conf on the class path, the modules' reference.conf.
   *
   * @throws IllegalArgumentException naming the file when it is missing or not valid HOCON
   */
  Config settings() {
    return layered(file);
  }

  /** Whether the {@code --config} file itself sets {@code path}, not only the defaults. */
  boolean fileSets(String path) {
    return file != null && parse(file).hasPath(path);
  }

  /** {@link #settings()} for a file given outside picocli (a test's settings, for one). */
  static Config layered(Path file) {
    Config application = ConfigFactory.defaultApplication();
    // Resolved together, so a substitution in the defaults sees the file's value.
    return ConfigFactory.load(file == null ? application : parse(file).withFallback(application));
  }

  private static Config parse(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--config " + file + ": no such file; give a HOCON"
          + " file of settings (see docs/cluster.md), or leave the option out");
    }
    try {
      return ConfigFactory.parseFile(file.toFile());
    } catch (ConfigException e) {
      throw new IllegalArgumentException("--config " + file + ": not valid HOCON: "
          + e.getMessage(), e);
    }
  }
}
