package org.monosweep.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.monosweep.spec.Method;
import org.monosweep.spec.MethodParams;
import org.monosweep.spec.ParamKey;
import org.monosweep.spec.ParamTable;
import org.monosweep.spec.Suggestions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code monosweep methods}: every method with the parameters a spec may set for it. */
@Command(name = "methods", mixinStandardHelpOptions = true,
    description = "List each method's parameters: name, type, default, accepted values, meaning.")
final class MethodsCommand implements Callable<Integer> {
  private static final String[] HEADER = {"parameter", "type", "default", "values", "meaning"};

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "METHOD", arity = "0..*",
      description = "only these methods (default: all)")
  List<String> only = new ArrayList<>();

  @Option(names = "--markdown",
      description = "print the parameter table of the spec README instead")
  boolean markdown;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (markdown) {
      out.print(ParamTable.markdown());
      out.flush();
      return 0;
    }
    List<Method> methods = new ArrayList<>();
    for (String name : only) {
      methods.add(method(name));
    }
    if (methods.isEmpty()) {
      methods.addAll(Arrays.asList(Method.values()));
    }
    for (int i = 0; i < methods.size(); i++) {
      if (i > 0) {
        out.println();
      }
      print(out, methods.get(i));
    }
    out.flush();
    return 0;
  }

  private static Method method(String name) {
    List<String> labels = Arrays.stream(Method.values()).map(Method::label)
        .collect(Collectors.toList());
    return Arrays.stream(Method.values()).filter(m -> m.label().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown method '" + name + "'"
            + Suggestions.didYouMean(name, labels) + "; allowed: " + String.join(", ", labels)));
  }

  private static void print(PrintWriter out, Method method) {
    List<ParamKey<?>> keys = MethodParams.of(method);
    out.println(method.label() + (keys.isEmpty() ? ": no parameters" : ":"));
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (ParamKey<?> key : keys) {
      rows.add(new String[] {key.name(), key.type().label(), key.defaultText(), key.domain(),
          key.doc()});
    }
    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int c = 0; c < row.length - 1; c++) {
        line.append(String.format("%-" + widths[c] + "s  ", row[c]));
      }
      out.println(line.append(row[row.length - 1]));
    }
  }
}
