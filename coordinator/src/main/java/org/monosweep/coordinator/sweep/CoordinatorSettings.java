package org.monosweep.coordinator.sweep;

import akka.actor.typed.ActorSystem;
import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Objects;
import org.monosweep.coordinator.dispatch.RetryPolicy;

/**
 * The coordinator's settings, read once from the section {@code monosweep.coordinator}
 * (defaults in this module's {@code reference.conf}).
 *
 * @param maxAttempts attempts per cell, the first included ({@code max-attempts})
 * @param retryBackoff delay before the second attempt, doubling after each further failure
 *     ({@code retry-backoff})
 * @param retryBackoffMax the longest such delay ({@code retry-backoff-max})
 * @param progressInterval how often progress with a fresh ETA is sent while cells run
 *     ({@code progress-interval})
 * @param registerTimeout how long the results writer may take to say which cells are done
 *     ({@code register-timeout})
 * @param flushTimeout how long the results writer may take to flush ({@code flush-timeout})
 * @param lease how long an attempt in flight may go unheard of (no start, progress or renewal)
 *     before it is taken back and run elsewhere ({@code lease}); nodes renew far more often
 */
public record CoordinatorSettings(
    int maxAttempts,
    Duration retryBackoff,
    Duration retryBackoffMax,
    Duration progressInterval,
    Duration registerTimeout,
    Duration flushTimeout,
    Duration lease) {

  /** The configuration section these settings are read from. */
  public static final String SECTION = "monosweep.coordinator";

  public CoordinatorSettings {
    Objects.requireNonNull(progressInterval, "progressInterval");
    Objects.requireNonNull(registerTimeout, "registerTimeout");
    Objects.requireNonNull(flushTimeout, "flushTimeout");
    // validates max-attempts and the back-off pair, with the config keys in its messages
    new RetryPolicy(maxAttempts, retryBackoff, retryBackoffMax);
    requirePositive(progressInterval, "progress-interval");
    requirePositive(registerTimeout, "register-timeout");
    requirePositive(flushTimeout, "flush-timeout");
    Objects.requireNonNull(lease, "lease");
    requirePositive(lease, "lease");
  }

  /**
   * Reads {@code monosweep.coordinator} from {@code config}.
   *
   * @param config the whole configuration (for example {@code system.settings().config()}),
   *     with this module's {@code reference.conf} as a fallback
   * @throws com.typesafe.config.ConfigException for a missing key or a value of the wrong type
   * @throws IllegalArgumentException for a value out of range, naming its key
   */
  public static CoordinatorSettings create(Config config) {
    Config c = config.getConfig(SECTION);
    return new CoordinatorSettings(
        c.getInt("max-attempts"),
        c.getDuration("retry-backoff"),
        c.getDuration("retry-backoff-max"),
        c.getDuration("progress-interval"),
        c.getDuration("register-timeout"),
        c.getDuration("flush-timeout"),
        c.getDuration("lease"));
  }

  /** Reads the settings from {@code system}'s configuration. */
  public static CoordinatorSettings create(ActorSystem<?> system) {
    return create(system.settings().config());
  }

  /** How often leases are checked: a quarter of the lease, so one expires at most 25% late. */
  public Duration leaseCheckInterval() {
    return lease.dividedBy(4);
  }

  /** The retry rule these settings describe. */
  public RetryPolicy retryPolicy() {
    return new RetryPolicy(maxAttempts, retryBackoff, retryBackoffMax);
  }

  private static void requirePositive(Duration d, String key) {
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(SECTION + "." + key + " must be > 0, got " + d);
    }
  }
}
