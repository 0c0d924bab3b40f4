package org.monosweep.spec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The canonical id of a cell: the first 16 hex digits of the SHA-256 of its fully resolved
 * settings ({@link Cell#canonicalForm()}). Equal settings give equal ids on any machine, and
 * adding a value to an axis never renames the cells that already exist.
 *
 * @param value 16 lower-case hex digits
 */
public record CellId(String value) {
  public CellId {
    if (value == null || !value.matches("[0-9a-f]{16}")) {
      throw new IllegalArgumentException("a cell id is 16 lower-case hex digits, got '" + value + "'");
    }
  }

  /** The id of the given canonical settings text. */
  public static CellId ofCanonical(String canonicalSettings) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(canonicalSettings.getBytes(StandardCharsets.UTF_8));
      return new CellId(HexFormat.of().formatHex(digest, 0, 8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
