package org.monosweep.coordinator.dispatch;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how soon a failed cell is tried again.
 *
 * @param maxAttempts attempts per cell, the first included; a cell whose attempt number
 *     {@code maxAttempts} fails is left failed
 * @param backoff delay before the second attempt; it doubles with each further failure
 * @param maxBackoff the longest delay
 */
public record RetryPolicy(int maxAttempts, Duration backoff, Duration maxBackoff) {
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max-attempts must be >= 1, got " + maxAttempts);
    }
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (backoff.isNegative() || maxBackoff.compareTo(backoff) < 0) {
      throw new IllegalArgumentException(
          "need 0 <= retry-backoff <= retry-backoff-max, got " + backoff + " and " + maxBackoff);
    }
  }

  /** Whether a retryable failure of attempt {@code failedAttempt} earns another attempt. */
  public boolean allowsAnotherAfter(int failedAttempt) {
    return failedAttempt < maxAttempts;
  }

  /** The delay before the attempt that follows failed attempt {@code failedAttempt} (1-based). */
  public Duration delayAfter(int failedAttempt) {
    Duration delay = backoff;
    for (int i = 1; i < failedAttempt && delay.compareTo(maxBackoff) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
  }
}
