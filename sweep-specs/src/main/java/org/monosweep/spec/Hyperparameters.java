package org.monosweep.spec;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cell's method hyperparameters in canonical text form, sorted by name so that they hash
 * stably. Read them through {@link Cell#get} and the typed {@link ParamKey}s of
 * {@link ParamKeys}.
 *
 * @param values name to canonical value text
 */
public record Hyperparameters(Map<String, String> values) {

  /** No parameters: every key reads its default. */
  public static final Hyperparameters EMPTY = new Hyperparameters(Map.of());

  public Hyperparameters {
    values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
  }

  /** The value of {@code key}, or its default; {@link Cell#get} picks the method's key. */
  <T> T get(ParamKey<T> key) {
    String text = values.get(key.name());
    return text == null ? key.defaultValue() : key.parse(text);
  }

  /** A copy with {@code name} set to {@code value}. */
  public Hyperparameters with(String name, String value) {
    Map<String, String> copy = new TreeMap<>(values);
    copy.put(name, value);
    return new Hyperparameters(copy);
  }
}
