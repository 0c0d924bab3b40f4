package org.monosweep.spec;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Typed reads of single HOCON values for {@link SpecReader}: numbers, whole numbers, words,
 * lists and objects. Each returns null after recording, in {@link Problems}, what is wrong at
 * the value's line and how to write it instead, so that one read of a spec reports every
 * problem.
 */
final class SpecValues {
  private final Problems problems;

  SpecValues(Problems problems) {
    this.problems = problems;
  }

  String canonicalValue(ConfigValue v, String path) {
    switch (v.valueType()) {
      case NUMBER: {
        Number n = (Number) v.unwrapped();
        return isWhole(n) ? Long.toString(n.longValue())
            : BigDecimal.valueOf(n.doubleValue()).stripTrailingZeros().toPlainString();
      }
      case STRING:
        return (String) v.unwrapped();
      case BOOLEAN:
        return v.unwrapped().toString();
      default:
        problems.add(v, path, "expected a number, text or boolean, got " + describe(v),
            "write one value per entry, e.g. lr = 0.05");
        return null;
    }
  }

  /**
   * A list (or a single value standing for a one-element list) read element by element;
   * null after recording problems. An element may stand for several values (every-subset).
   */
  <T> List<T> axis(ConfigValue v, String path, ValueReader<List<T>> element, boolean distinct) {
    if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.NULL) {
      problems.add(v, path, "expected a list of values, got " + describe(v), "write " + lastKey(path) + " = [...]");
      return null;
    }
    List<? extends ConfigValue> items = v.valueType() == ConfigValueType.LIST ? (ConfigList) v : List.of(v);
    if (items.isEmpty()) {
      problems.add(v, path, "the list is empty", "list at least one value, or remove the key for its default");
      return null;
    }
    int before = problems.size();
    LinkedHashSet<T> values = new LinkedHashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String itemPath = v.valueType() == ConfigValueType.LIST ? path + "[" + i + "]" : path;
      ConfigValue item = items.get(i);
      if (item.valueType() == ConfigValueType.LIST || item.valueType() == ConfigValueType.OBJECT) {
        problems.add(item, itemPath, "expected a single value, got " + describe(item), "lists do not nest here");
        continue;
      }
      List<T> read = element.read(item, itemPath);
      if (read == null) {
        continue;
      }
      for (T value : read) {
        if (!values.add(value) && distinct) {
          problems.add(item, itemPath, "lists " + value + " twice", "remove the duplicate");
        }
      }
    }
    return problems.size() > before ? null : List.copyOf(values);
  }

  static <T> T opt(ConfigObject o, String section, String key, T fallback, ValueReader<T> reader) {
    ConfigValue v = o.get(key);
    return v == null ? fallback : reader.read(v, section + "." + key);
  }

  String text(ConfigValue v, String path, String example) {
    switch (v.valueType()) {
      case STRING:
        return (String) v.unwrapped();
      case NUMBER:
      case BOOLEAN:
        return v.unwrapped().toString();
      default:
        problems.add(v, path, "expected a single value, got " + describe(v), "write " + example);
        return null;
    }
  }

  Integer integer(ConfigValue v, String path, int min, String example) {
    Object raw = v.unwrapped();
    Long value = null;
    if (v.valueType() == ConfigValueType.NUMBER && isWhole((Number) raw)) {
      value = ((Number) raw).longValue();
    } else if (v.valueType() == ConfigValueType.STRING && ((String) raw).trim().matches("-?[0-9]{1,18}")) {
      value = Long.parseLong(((String) raw).trim());
    }
    if (value == null) {
      problems.add(v, path, "expected a whole number, got " + describe(v), "write " + example);
      return null;
    }
    if (value < min || value > Integer.MAX_VALUE) {
      problems.add(v, path, "must be at least " + min + (value > Integer.MAX_VALUE ? " and fit in 32 bits" : "")
          + ", got " + value, "write " + example);
      return null;
    }
    return value.intValue();
  }

  Double decimal(ConfigValue v, String path, double min, boolean minInclusive, double maxExclusive,
      String example) {
    Object raw = v.unwrapped();
    Double value = null;
    if (v.valueType() == ConfigValueType.NUMBER) {
      value = ((Number) raw).doubleValue();
    } else if (v.valueType() == ConfigValueType.STRING) {
      try {
        value = Double.valueOf(((String) raw).trim());
      } catch (NumberFormatException e) {
        value = null;
      }
    }
    if (value == null || value.isNaN()) {
      problems.add(v, path, "expected a number, got " + describe(v), "write " + example);
      return null;
    }
    boolean aboveMin = minInclusive ? value >= min : value > min;
    if (!aboveMin || value >= maxExclusive) {
      String range = (minInclusive ? "at least " : "above ") + fmt(min)
          + (maxExclusive < Double.MAX_VALUE ? " and below " + fmt(maxExclusive) : "");
      problems.add(v, path, "must be " + range + ", got " + fmt(value), "write " + example);
      return null;
    }
    return value;
  }

  <E> E word(ConfigValue v, String path, String what, E[] values, Function<E, String> label) {
    List<String> labels = Arrays.stream(values).map(label).collect(Collectors.toList());
    String allowed = "allowed: " + String.join(", ", labels);
    if (v.valueType() != ConfigValueType.STRING) {
      problems.add(v, path, "expected a " + what + " name, got " + describe(v), allowed);
      return null;
    }
    String text = ((String) v.unwrapped()).trim();
    for (E e : values) {
      if (label.apply(e).equalsIgnoreCase(text)) {
        return e;
      }
    }
    problems.add(v, path, "unknown " + what + " '" + text + "'" + Suggestions.didYouMean(text, labels), allowed);
    return null;
  }

  void checkKeys(ConfigObject o, String path, List<String> allowed) {
    for (String key : new TreeSet<>(o.keySet())) {
      if (!allowed.contains(key)) {
        problems.add(o.get(key), path.isEmpty() ? key : path + "." + key,
            "unknown key '" + key + "'" + Suggestions.didYouMean(key, allowed),
            "allowed " + (path.isEmpty() ? "at the top level" : "in " + path) + ": "
                + String.join(", ", allowed));
      }
    }
  }

  ConfigObject object(ConfigValue v, String path, String example) {
    if (v.valueType() != ConfigValueType.OBJECT) {
      problems.add(v, path, "expected an object { ... }, got " + describe(v), "write " + example);
      return null;
    }
    return (ConfigObject) v;
  }

  void missing(ConfigObject parent, String path, String fix) {
    problems.add(parent, path, "missing", fix);
  }

  static <T> List<T> single(T value) {
    return value == null ? null : List.of(value);
  }

  static boolean isWhole(Number n) {
    return n instanceof Integer || n instanceof Long
        || (n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 1e15);
  }

  static String lastKey(String path) {
    String p = path.replaceAll("\\[[0-9]+]$", "");
    return p.substring(p.lastIndexOf('.') + 1);
  }

  static String fmt(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  static String describe(ConfigValue v) {
    switch (v.valueType()) {
      case LIST:
        return "a list";
      case OBJECT:
        return "an object";
      case STRING:
        return "the text '" + v.unwrapped() + "'";
      case NUMBER:
        return "the number " + v.unwrapped();
      case BOOLEAN:
        return "the boolean " + v.unwrapped();
      default:
        return "null";
    }
  }

  static <E> String labels(E[] values, Function<E, String> label) {
    return Arrays.stream(values).map(label).collect(Collectors.joining(", "));
  }
}
