package org.monosweep.results.store;

import java.util.Map;
import java.util.TreeMap;
import org.monosweep.spec.Hyperparameters;

/**
 * Reads a cell's parameters back from its {@code settings} JSON ({@link CellJson}): the flat
 * {@code "params"} object of name to text. Hand-rolled like the writer, whose output is all it
 * needs to read.
 */
final class SettingsParams {
  private static final String KEY = "\"params\":{";

  private SettingsParams() {}

  /** The parameters in {@code json}; empty when it has none. */
  static Hyperparameters read(String json) {
    // Quotes inside JSON strings are escaped, so this key cannot match inside a value.
    int at = json.indexOf(KEY);
    if (at < 0) {
      return Hyperparameters.EMPTY;
    }
    Map<String, String> values = new TreeMap<>();
    int[] pos = {at + KEY.length()};
    while (pos[0] < json.length() && json.charAt(pos[0]) != '}') {
      if (json.charAt(pos[0]) == ',') {
        pos[0]++;
      }
      String name = string(json, pos);
      expect(json, pos, ':');
      values.put(name, string(json, pos));
    }
    return new Hyperparameters(values);
  }

  /** The JSON string starting at {@code pos[0]}, unescaped; moves {@code pos[0]} past it. */
  private static String string(String json, int[] pos) {
    expect(json, pos, '"');
    StringBuilder s = new StringBuilder();
    int i = pos[0];
    while (json.charAt(i) != '"') {
      char c = json.charAt(i++);
      if (c != '\\') {
        s.append(c);
        continue;
      }
      char e = json.charAt(i++);
      switch (e) {
        case 'n':
          s.append('\n');
          break;
        case 'r':
          s.append('\r');
          break;
        case 't':
          s.append('\t');
          break;
        case 'u':
          s.append((char) Integer.parseInt(json.substring(i, i + 4), 16));
          i += 4;
          break;
        default:
          s.append(e);
      }
    }
    pos[0] = i + 1;
    return s.toString();
  }

  private static void expect(String json, int[] pos, char c) {
    if (json.charAt(pos[0]) != c) {
      throw new IllegalArgumentException("settings JSON: expected '" + c + "' at " + pos[0]
          + " in " + json);
    }
    pos[0]++;
  }
}
