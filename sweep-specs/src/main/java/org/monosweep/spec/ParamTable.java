package org.monosweep.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Markdown table of every method parameter that the spec README shows, made from the
 * declarations ({@link ParamKeys}, {@link MethodParams}) so that the docs cannot drift from
 * what {@code plan} checks.
 */
public final class ParamTable {
  private ParamTable() {}

  /** One row per parameter: name, type, accepted values, default(s), methods, doc. */
  public static String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("| parameter | type | values | default | methods | meaning |\n");
    md.append("|:---|:---|:---|:---|:---|:---|\n");
    for (ParamKey<?> key : ParamKeys.all()) {
      md.append("| `").append(key.name()).append("` | ").append(key.type()).append(" | `")
          .append(key.domain().replace("|", "\\|")).append("` | ").append(defaults(key))
          .append(" | ").append(String.join(", ", takers(key))).append(" | ")
          .append(key.doc()).append(" |\n");
    }
    return md.toString();
  }

  /** The declared default, then each method that starts elsewhere: {@code 0.5 (monogan 0)}. */
  private static String defaults(ParamKey<?> key) {
    List<String> others = new ArrayList<>();
    for (Method method : Method.values()) {
      MethodParams.find(method, key.name())
          .filter(own -> !own.defaultText().equals(key.defaultText()))
          .ifPresent(own -> others.add(method + " " + own.defaultText()));
    }
    return key.defaultText() + (others.isEmpty() ? "" : " (" + String.join(", ", others) + ")");
  }

  private static List<String> takers(ParamKey<?> key) {
    return Arrays.stream(Method.values()).filter(m -> MethodParams.declares(m, key.name()))
        .map(Method::label).collect(Collectors.toList());
  }
}
