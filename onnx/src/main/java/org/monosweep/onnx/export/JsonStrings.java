package org.monosweep.onnx.export;

import java.util.ArrayList;
import java.util.List;

/** A JSON array of strings, written and read without a JSON library (for {@code class_names}). */
final class JsonStrings {
  private JsonStrings() {}

  /** {@code ["a", "b"]} with JSON escapes. */
  static String write(List<String> values) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append('"');
      for (char c : values.get(i).toCharArray()) {
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          default -> {
            if (c < 0x20) {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      out.append('"');
    }
    return out.append(']').toString();
  }

  /**
   * Parses a JSON array of strings.
   *
   * @throws IllegalArgumentException when {@code json} is not one
   */
  static List<String> read(String json) {
    List<String> out = new ArrayList<>();
    int[] pos = {skip(json, 0)};
    expect(json, pos, '[');
    pos[0] = skip(json, pos[0]);
    if (pos[0] < json.length() && json.charAt(pos[0]) == ']') {
      pos[0]++;
    } else {
      while (true) {
        pos[0] = skip(json, pos[0]);
        out.add(string(json, pos));
        pos[0] = skip(json, pos[0]);
        if (pos[0] < json.length() && json.charAt(pos[0]) == ',') {
          pos[0]++;
          continue;
        }
        expect(json, pos, ']');
        break;
      }
    }
    if (skip(json, pos[0]) != json.length()) {
      throw new IllegalArgumentException("not a JSON array of strings: trailing text in " + json);
    }
    return out;
  }

  private static String string(String json, int[] pos) {
    expect(json, pos, '"');
    StringBuilder out = new StringBuilder();
    while (pos[0] < json.length()) {
      char c = json.charAt(pos[0]++);
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (pos[0] >= json.length()) {
        break;
      }
      char e = json.charAt(pos[0]++);
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> {
          if (pos[0] + 4 > json.length()) {
            throw new IllegalArgumentException("not a JSON array of strings: bad \\u escape");
          }
          out.append((char) Integer.parseInt(json.substring(pos[0], pos[0] + 4), 16));
          pos[0] += 4;
        }
        default -> throw new IllegalArgumentException(
            "not a JSON array of strings: bad escape \\" + e);
      }
    }
    throw new IllegalArgumentException("not a JSON array of strings: unterminated string");
  }

  private static void expect(String json, int[] pos, char c) {
    if (pos[0] >= json.length() || json.charAt(pos[0]) != c) {
      throw new IllegalArgumentException("not a JSON array of strings: expected '" + c
          + "' at offset " + pos[0] + " of " + json);
    }
    pos[0]++;
  }

  private static int skip(String json, int pos) {
    while (pos < json.length() && Character.isWhitespace(json.charAt(pos))) {
      pos++;
    }
    return pos;
  }
}
