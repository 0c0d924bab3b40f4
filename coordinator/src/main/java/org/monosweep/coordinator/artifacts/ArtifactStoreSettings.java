package org.monosweep.coordinator.artifacts;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the {@link ArtifactStore} keeps uploaded files and how it pulls them, read once from the
 * {@code monosweep.results.artifacts} section (defaults in this module's {@code reference.conf}).
 *
 * @param root the folder files land in, as {@code <root>/<cellId>/attempt-<k>/<file>}; made
 *     absolute, so the paths the store hands out are absolute
 * @param maxConcurrentFiles at most this many files are pulled at once, over all uploads; the
 *     rest wait their turn
 * @param stallTimeout a file whose stream delivers nothing for this long is refused
 * @param maxFileBytes a file declared larger than this is refused before any byte is pulled
 * @param dispatcher the config path of the dispatcher that runs the file system calls (folder
 *     creation, moves, deletes); they block, so never the default dispatcher
 */
public record ArtifactStoreSettings(Path root, int maxConcurrentFiles, Duration stallTimeout,
    long maxFileBytes, String dispatcher) {

  public ArtifactStoreSettings {
    root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    if (maxConcurrentFiles < 1) {
      throw new IllegalArgumentException(
          "monosweep.results.artifacts.max-concurrent-files must be >= 1, got " + maxConcurrentFiles);
    }
    Objects.requireNonNull(stallTimeout, "stallTimeout");
    if (stallTimeout.isNegative() || stallTimeout.isZero()) {
      throw new IllegalArgumentException(
          "monosweep.results.artifacts.stall-timeout must be positive, got " + stallTimeout);
    }
    if (maxFileBytes < 1) {
      throw new IllegalArgumentException(
          "monosweep.results.artifacts.max-file-size must be positive, got " + maxFileBytes);
    }
    Objects.requireNonNull(dispatcher, "dispatcher");
  }

  /** Reads the {@code monosweep.results.artifacts} section of the system's config. */
  public static ArtifactStoreSettings create(Config config) {
    Config c = config.getConfig("monosweep.results.artifacts");
    return new ArtifactStoreSettings(Path.of(c.getString("root")),
        c.getInt("max-concurrent-files"), c.getDuration("stall-timeout"),
        c.getBytes("max-file-size"), c.getString("dispatcher"));
  }

  /** These settings with files kept under {@code otherRoot} (the CLI puts them in its runs folder). */
  public ArtifactStoreSettings withRoot(Path otherRoot) {
    return new ArtifactStoreSettings(otherRoot, maxConcurrentFiles, stallTimeout, maxFileBytes,
        dispatcher);
  }
}
