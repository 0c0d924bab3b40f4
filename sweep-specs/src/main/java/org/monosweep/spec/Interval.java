package org.monosweep.spec;

import java.math.BigDecimal;

/**
 * The values a numeric parameter accepts, written as in mathematics: {@code (0, inf)},
 * {@code [0, 1)}, {@code [1, 224]}.
 *
 * @param low the lower bound
 * @param lowClosed whether {@code low} itself is allowed
 * @param high the upper bound, {@code +inf} for none
 * @param highClosed whether {@code high} itself is allowed
 */
record Interval(double low, boolean lowClosed, double high, boolean highClosed) {

  /** {@code [low, inf)}. */
  static Interval atLeast(double low) {
    return new Interval(low, true, Double.POSITIVE_INFINITY, false);
  }

  /** {@code (low, inf)}. */
  static Interval above(double low) {
    return new Interval(low, false, Double.POSITIVE_INFINITY, false);
  }

  /** {@code [low, high)}. */
  static Interval halfOpen(double low, double high) {
    return new Interval(low, true, high, false);
  }

  /** {@code [low, high]}. */
  static Interval closed(double low, double high) {
    return new Interval(low, true, high, true);
  }

  boolean contains(double value) {
    boolean aboveLow = lowClosed ? value >= low : value > low;
    boolean belowHigh = highClosed ? value <= high : value < high;
    return aboveLow && belowHigh;
  }

  @Override
  public String toString() {
    return (lowClosed ? "[" : "(") + format(low) + ", "
        + (Double.isInfinite(high) ? "inf" : format(high)) + (highClosed ? "]" : ")");
  }

  /** The spec's canonical text of a number: 1e-4 reads {@code 0.0001}, 10.0 reads {@code 10}. */
  static String format(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
