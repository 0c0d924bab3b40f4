package org.monosweep.gpunode.actor;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link CellWorker} renews its lease and how long it waits for an upload, read once from
 * the {@code monosweep.gpu-node} section (defaults in this module's {@code reference.conf}).
 *
 * @param leaseRenewal how often a running cell is reported alive ({@code CellReport.CellAlive})
 * @param uploadTimeout how long the coordinator's artifact store may take to store a cell's
 *     files before the attempt fails as retryable
 */
public record CellWorkerSettings(Duration leaseRenewal, Duration uploadTimeout) {

  /** The built-in defaults: renew every 2 s, wait up to 5 min for an upload. */
  public static final CellWorkerSettings DEFAULTS =
      new CellWorkerSettings(Duration.ofSeconds(2), Duration.ofMinutes(5));

  public CellWorkerSettings {
    requirePositive(leaseRenewal, "monosweep.gpu-node.lease-renewal");
    requirePositive(uploadTimeout, "monosweep.gpu-node.upload-timeout");
  }

  /** Reads the {@code monosweep.gpu-node} section of the system's config. */
  public static CellWorkerSettings create(Config config) {
    Config c = config.getConfig("monosweep.gpu-node");
    return new CellWorkerSettings(c.getDuration("lease-renewal"), c.getDuration("upload-timeout"));
  }

  private static void requirePositive(Duration duration, String key) {
    Objects.requireNonNull(duration, key);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(key + " must be positive, got " + duration);
    }
  }
}
