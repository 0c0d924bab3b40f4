package org.monosweep.onnx.export;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import org.monosweep.spec.AugmentationSubset;
import org.monosweep.spec.DatasetKind;
import org.monosweep.spec.EncoderKind;
import org.monosweep.spec.Method;
import org.monosweep.spec.SampleSize;

/**
 * The {@code --where} of {@code monosweep export}: {@code key=value} terms joined by {@code and}
 * (case-insensitive), for example {@code method=rotnet and n=1 and augmentation=scale+rotation}.
 * A value may be double-quoted to hold spaces ({@code source="my photo.png"}). Values are
 * normalised as specs write them, so {@code augmentation=rotation+scale} matches a cell of
 * {@code scale+rotation} and {@code n=FULL} matches {@code full}. An empty filter matches every
 * cell.
 *
 * @param terms the required value of each constrained key, normalised
 */
public record ModelFilter(Map<ModelFilter.Key, String> terms) {

  /** The settings a filter can constrain. */
  public enum Key {
    /** The method ({@code rotnet}). */
    METHOD,
    /** N ({@code 1}, {@code full}). */
    N,
    /** The augmentation subset ({@code none}, {@code all}, {@code scale+jitter}). */
    AUGMENTATION,
    /** The seed. */
    SEED,
    /** The N = 1 source image path, compared as written. */
    SOURCE,
    /** The dataset kind ({@code fashion-mnist}). */
    DATASET,
    /** The encoder ({@code small4}). */
    ENCODER;

    /** The key as written in a filter. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    static String allowed() {
      return Arrays.stream(values()).map(Key::label).collect(Collectors.joining(", "));
    }
  }

  public ModelFilter {
    terms = Collections.unmodifiableMap(terms.isEmpty() ? new EnumMap<>(Key.class)
        : new EnumMap<>(terms));
  }

  /** The filter that matches every cell. */
  public static ModelFilter all() {
    return new ModelFilter(Map.of());
  }

  /**
   * Parses a {@code --where} text; null or blank gives {@link #all()}.
   *
   * @throws IllegalArgumentException naming the bad key (with the allowed ones), the bad value
   *     (with what the key takes), a repeated key, or where the text stops making sense
   */
  public static ModelFilter parse(String where) {
    if (where == null || where.isBlank()) {
      return all();
    }
    Map<Key, String> terms = new EnumMap<>(Key.class);
    int pos = skip(where, 0);
    while (true) {
      int keyStart = pos;
      while (pos < where.length() && (Character.isLetterOrDigit(where.charAt(pos))
          || where.charAt(pos) == '_' || where.charAt(pos) == '-')) {
        pos++;
      }
      String keyText = where.substring(keyStart, pos);
      pos = skip(where, pos);
      if (keyText.isEmpty() || pos >= where.length() || where.charAt(pos) != '=') {
        throw new IllegalArgumentException("bad --where '" + where + "' at '"
            + where.substring(keyStart).strip() + "': expected key=value terms joined by 'and'"
            + " (keys: " + Key.allowed() + ")");
      }
      Key key = key(keyText);
      pos = skip(where, pos + 1);
      String raw;
      if (pos < where.length() && where.charAt(pos) == '"') {
        int end = where.indexOf('"', pos + 1);
        if (end < 0) {
          throw new IllegalArgumentException("bad --where '" + where + "': the quoted value of "
              + key.label() + " is not closed");
        }
        raw = where.substring(pos + 1, end);
        pos = end + 1;
      } else {
        int start = pos;
        while (pos < where.length() && !Character.isWhitespace(where.charAt(pos))) {
          pos++;
        }
        raw = where.substring(start, pos);
      }
      if (raw.isEmpty()) {
        throw new IllegalArgumentException("bad --where '" + where + "': " + key.label()
            + " has no value");
      }
      if (terms.containsKey(key)) {
        throw new IllegalArgumentException("bad --where '" + where + "': " + key.label()
            + " is given twice");
      }
      terms.put(key, normalise(key, raw));
      pos = skip(where, pos);
      if (pos >= where.length()) {
        break;
      }
      if (!where.regionMatches(true, pos, "and", 0, 3) || pos + 3 >= where.length()
          || !Character.isWhitespace(where.charAt(pos + 3))) {
        throw new IllegalArgumentException("bad --where '" + where + "' at '"
            + where.substring(pos).strip() + "': terms are joined by 'and'");
      }
      pos = skip(where, pos + 3);
    }
    return new ModelFilter(terms);
  }

  /** Whether {@code candidate}'s settings have every required value. */
  public boolean matches(ExportCandidate candidate) {
    for (Map.Entry<Key, String> term : terms.entrySet()) {
      if (!term.getValue().equals(value(term.getKey(), candidate))) {
        return false;
      }
    }
    return true;
  }

  /** The candidate's value of {@code key}, normalised like a filter value where it parses. */
  private static String value(Key key, ExportCandidate candidate) {
    String raw;
    switch (key) {
      case METHOD -> raw = candidate.method();
      case N -> raw = candidate.n();
      case AUGMENTATION -> raw = candidate.augmentation();
      case SEED -> raw = Long.toString(candidate.seed());
      case SOURCE -> raw = candidate.source();
      case DATASET -> raw = candidate.dataset();
      case ENCODER -> raw = candidate.encoder();
      default -> throw new IllegalStateException("unhandled key " + key);
    }
    try {
      return normalise(key, raw);
    } catch (IllegalArgumentException e) {
      return raw;
    }
  }

  private static Key key(String text) {
    for (Key key : Key.values()) {
      if (key.label().equalsIgnoreCase(text)) {
        return key;
      }
    }
    throw new IllegalArgumentException("unknown key '" + text + "' in --where: allowed keys are "
        + Key.allowed());
  }

  private static String normalise(Key key, String value) {
    try {
      switch (key) {
        case METHOD:
          return Method.parse(value).label();
        case N:
          return SampleSize.parse(value).label();
        case AUGMENTATION:
          return AugmentationSubset.parse(value).label();
        case SEED:
          return Long.toString(Long.parseLong(value.trim()));
        case DATASET:
          return DatasetKind.parse(value).label();
        case ENCODER:
          return EncoderKind.parse(value).label();
        case SOURCE:
        default:
          return value;
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad value for seed in --where: '" + value
          + "' is not an integer", e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad value for " + key.label() + " in --where: "
          + e.getMessage(), e);
    }
  }

  private static int skip(String text, int pos) {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
    return pos;
  }

  /** The canonical text: {@code method=rotnet and n=1}; empty for {@link #all()}. */
  @Override
  public String toString() {
    StringJoiner j = new StringJoiner(" and ");
    terms.forEach((key, value) -> j.add(key.label() + "="
        + (value.chars().anyMatch(Character::isWhitespace) || value.isEmpty()
            ? "\"" + value + "\"" : value)));
    return j.toString();
  }
}
