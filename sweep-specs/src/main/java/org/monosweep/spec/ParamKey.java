package org.monosweep.spec;

import java.util.Objects;
import java.util.function.Function;

/**
 * A typed key into a cell's {@link Hyperparameters}: the name used in specs, how to parse the
 * canonical text form, and the default when the spec does not set it.
 *
 * @param <T> the value type
 */
public final class ParamKey<T> {
  private final String name;
  private final Function<String, T> parser;
  private final T defaultValue;

  private ParamKey(String name, Function<String, T> parser, T defaultValue) {
    this.name = Objects.requireNonNull(name);
    this.parser = parser;
    this.defaultValue = defaultValue;
  }

  /** A floating-point key. */
  public static ParamKey<Double> ofDouble(String name, double defaultValue) {
    return new ParamKey<>(name, Double::valueOf, defaultValue);
  }

  /** An integer key. */
  public static ParamKey<Integer> ofInt(String name, int defaultValue) {
    return new ParamKey<>(name, Integer::valueOf, defaultValue);
  }

  /** A string key. */
  public static ParamKey<String> ofString(String name, String defaultValue) {
    return new ParamKey<>(name, Function.identity(), defaultValue);
  }

  /** A boolean key. */
  public static ParamKey<Boolean> ofBoolean(String name, boolean defaultValue) {
    return new ParamKey<>(name, Boolean::valueOf, defaultValue);
  }

  /** The name used in specs. */
  public String name() {
    return name;
  }

  /** The value when the spec leaves it out. */
  public T defaultValue() {
    return defaultValue;
  }

  T parse(String text) {
    try {
      return parser.apply(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("parameter '" + name + "' has value '" + text
          + "' of the wrong type (default is " + defaultValue + ")", e);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
