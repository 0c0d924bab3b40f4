package org.monosweep.spec;

import java.util.Locale;

/**
 * N, the number of real source images a cell trains on; {@link #FULL} means the whole
 * training split (with only the method's native augmentation).
 *
 * @param count the number of sources, or {@code -1} for the full split
 */
public record SampleSize(int count) {

  /** The whole training split. */
  public static final SampleSize FULL = new SampleSize(-1);

  public SampleSize {
    if (count == 0 || count < -1) {
      throw new IllegalArgumentException("N must be a positive number of sources or 'full', got " + count);
    }
  }

  /** N sources. */
  public static SampleSize of(int count) {
    return new SampleSize(count);
  }

  /** Whether this is the whole training split. */
  public boolean isFull() {
    return count == -1;
  }

  /** {@code full} or the number. */
  public String label() {
    return isFull() ? "full" : Integer.toString(count);
  }

  @Override
  public String toString() {
    return label();
  }

  /** Parses {@code full} or a positive integer. */
  public static SampleSize parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("full")) {
      return FULL;
    }
    try {
      return of(Integer.parseInt(t));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("N must be a positive integer or 'full', got '" + text + "'");
    }
  }
}
