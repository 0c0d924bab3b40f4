package org.monosweep.benchmarks.dispatch;

/**
 * A stretch of time on one monotonic clock ({@link System#nanoTime()} in the benchmark).
 *
 * @param start when it began, in nanoseconds
 * @param end when it ended, in nanoseconds; not before {@code start}
 */
record Interval(long start, long end) {
  Interval {
    if (end < start) {
      throw new IllegalArgumentException("an interval ends at or after its start, got ["
          + start + ", " + end + "]");
    }
  }

  /** Its length in nanoseconds. */
  long length() {
    return end - start;
  }

  /** The part of it inside {@code other}; empty (zero length) when they do not overlap. */
  Interval clippedTo(Interval other) {
    long s = Math.max(start, other.start);
    long e = Math.min(end, other.end);
    return e <= s ? new Interval(s, s) : new Interval(s, e);
  }
}
