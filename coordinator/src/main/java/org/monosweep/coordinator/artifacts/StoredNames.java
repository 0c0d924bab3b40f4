package org.monosweep.coordinator.artifacts;

/**
 * Turns the path a node offers into a safe file name in the store. Only the last path element
 * counts (after the last {@code /} or {@code \}), so {@code ../../etc/x} becomes {@code x};
 * characters other than ASCII letters, digits, {@code .}, {@code _} and {@code -} become
 * {@code _}, and leading dots become {@code _} so no stored file is hidden or clashes with the
 * store's own {@code .part} files.
 */
final class StoredNames {
  /** Longer names are refused rather than cut, so two long names never collide silently. */
  static final int MAX_LENGTH = 200;

  private StoredNames() {}

  /**
   * The name {@code offeredPath} is stored under.
   *
   * @throws IllegalArgumentException when the path has no usable last element ({@code ""},
   *     {@code .}, {@code ..}, a trailing separator) or it is longer than {@link #MAX_LENGTH}
   */
  static String of(String offeredPath) {
    int cut = Math.max(offeredPath.lastIndexOf('/'), offeredPath.lastIndexOf('\\'));
    String last = offeredPath.substring(cut + 1);
    if (last.isEmpty() || last.equals(".") || last.equals("..")) {
      throw new IllegalArgumentException("'" + printable(offeredPath) + "' names no file");
    }
    if (last.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("the file name of '" + printable(offeredPath)
          + "' is longer than " + MAX_LENGTH + " characters");
    }
    StringBuilder name = new StringBuilder(last.length());
    boolean leading = true;
    for (int i = 0; i < last.length(); i++) {
      char c = last.charAt(i);
      boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '-' || (c == '.' && !leading);
      name.append(safe ? c : '_');
      leading = leading && c == '.';
    }
    return name.toString();
  }

  /** The path as it may appear in a failure text or log line: no control characters. */
  static String printable(String offeredPath) {
    StringBuilder out = new StringBuilder(Math.min(offeredPath.length(), 300));
    offeredPath.codePoints().limit(300)
        .forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return out.toString();
  }
}
