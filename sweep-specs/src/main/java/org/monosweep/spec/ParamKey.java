package org.monosweep.spec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A method parameter as specs write it ({@code params { lr = 0.1 }}) and trainers read it
 * ({@code cell.get(ParamKeys.LEARNING_RATE)}): its name, type, the values it accepts, its
 * default and a one-line doc. Every parameter is declared once, in {@link ParamKeys}; {@link
 * MethodParams} says which methods take it, some with a default of their own.
 *
 * @param <T> the value type
 */
public final class ParamKey<T> {
  private static final Pattern WHOLE = Pattern.compile("[-+]?[0-9]{1,10}");
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

  private final String name;
  private final ParamType type;
  private final T defaultValue;
  private final String doc;
  private final String domain;
  private final List<String> choices;
  private final Function<String, T> parser;
  private final Predicate<T> allowed;
  /** The declaration this key is (itself), or whose default it replaces for one method. */
  private final ParamKey<T> declaration;

  private ParamKey(String name, ParamType type, T defaultValue, String doc, String domain,
      List<String> choices, Function<String, T> parser, Predicate<T> allowed,
      ParamKey<T> declaration) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = type;
    this.defaultValue = defaultValue;
    this.doc = doc;
    this.domain = domain;
    this.choices = List.copyOf(choices);
    this.parser = parser;
    this.allowed = allowed;
    this.declaration = declaration == null ? this : declaration;
    if (!allowed.test(defaultValue)) {
      throw new IllegalArgumentException(name + "'s default " + defaultValue + " is not in "
          + domain);
    }
  }

  static ParamKey<Double> number(String name, double defaultValue, Interval range, String doc) {
    return new ParamKey<>(name, ParamType.NUMBER, defaultValue, doc, range.toString(), List.of(),
        ParamKey::parseNumber, range::contains, null);
  }

  static ParamKey<Integer> integer(String name, int defaultValue, Interval range, String doc) {
    Predicate<Integer> inRange = value -> range.contains(value);
    return new ParamKey<>(name, ParamType.INTEGER, defaultValue, doc, range.toString(), List.of(),
        ParamKey::parseWhole, inRange, null);
  }

  static ParamKey<String> choice(String name, String defaultValue, List<String> choices,
      String doc) {
    return new ParamKey<>(name, ParamType.CHOICE, defaultValue, doc, String.join(" | ", choices),
        choices, Function.identity(), choices::contains, null);
  }

  static ParamKey<Boolean> flag(String name, boolean defaultValue, String doc) {
    return new ParamKey<>(name, ParamType.BOOLEAN, defaultValue, doc, "true | false",
        List.of(), ParamKey::parseBoolean, b -> true, null);
  }

  /** The same parameter with another default: what one method starts from. */
  ParamKey<T> withDefault(T methodDefault) {
    return new ParamKey<>(name, type, methodDefault, doc, domain, choices, parser, allowed,
        declaration);
  }

  /** The name used in specs. */
  public String name() {
    return name;
  }

  /** The value type. */
  public ParamType type() {
    return type;
  }

  /** The value when the spec leaves it out. */
  public T defaultValue() {
    return defaultValue;
  }

  /** The default as a spec writes it. */
  public String defaultText() {
    return text(defaultValue);
  }

  /** What the parameter does, in one line. */
  public String doc() {
    return doc;
  }

  /** The accepted values: an interval such as {@code [0, 1)}, or choices {@code sgd | adam}. */
  public String domain() {
    return domain;
  }

  /** Whether {@code other} is this parameter, whatever default either carries. */
  public boolean isSameParameter(ParamKey<?> other) {
    return declaration == other.declaration;
  }

  /** The canonical text of a value, as specs write it and cell ids hash it. */
  String text(T value) {
    return value instanceof Double ? Interval.format((Double) value) : String.valueOf(value);
  }

  /**
   * Parses a cell's canonical text. @throws IllegalArgumentException naming the parameter when
   * the text is not of its type
   */
  T parse(String text) {
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("parameter '" + name + "' has value '" + text
          + "', not a " + type + " (default is " + defaultText() + ")", e);
    }
  }

  /** What is wrong with {@code text} as a value of this parameter, if anything. */
  Optional<ParamIssue> check(String text) {
    T value;
    try {
      value = parser.apply(text);
    } catch (IllegalArgumentException e) {
      return Optional.of(wrongType(text));
    }
    if (allowed.test(value)) {
      return Optional.empty();
    }
    if (type == ParamType.CHOICE) {
      return Optional.of(new ParamIssue("unknown " + name + " '" + text + "'"
          + Suggestions.didYouMean(text, choices), "allowed: " + String.join(", ", choices)));
    }
    return Optional.of(new ParamIssue(name + " = " + text + " is outside " + domain,
        "use a value in " + domain + ", e.g. " + name + " = " + defaultText()));
  }

  private ParamIssue wrongType(String text) {
    String expected = type == ParamType.INTEGER ? "a whole number"
        : type == ParamType.NUMBER ? "a number" : "true or false";
    return new ParamIssue(name + " takes " + expected + ", got '" + text + "'",
        "write " + name + " = " + defaultText());
  }

  private static Double parseNumber(String text) {
    if (!DECIMAL.matcher(text.trim()).matches()) {
      throw new IllegalArgumentException("not a number: " + text);
    }
    double value = Double.parseDouble(text.trim());
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("not a finite number: " + text);
    }
    return value;
  }

  private static Integer parseWhole(String text) {
    if (!WHOLE.matcher(text.trim()).matches()) {
      throw new IllegalArgumentException("not a whole number: " + text);
    }
    long value = Long.parseLong(text.trim());
    if (value != (int) value) {
      throw new IllegalArgumentException("does not fit in 32 bits: " + text);
    }
    return (int) value;
  }

  private static Boolean parseBoolean(String text) {
    // Boolean.valueOf reads every other word as false: "ture" would train without the flag.
    if (text.equals("true") || text.equals("false")) {
      return Boolean.valueOf(text);
    }
    throw new IllegalArgumentException("not true or false: " + text);
  }

  @Override
  public String toString() {
    return name;
  }
}
