package org.monosweep.spec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A sweep spec that cannot run. The message lists every problem found, one per line, each
 * with file, line, key path, what is wrong and how to fix it; nothing has started when it is
 * thrown.
 */
public final class SpecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<SpecProblem> problems;

  public SpecException(List<SpecProblem> problems) {
    super(render(problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems in file order (by line, then key path); never empty. */
  public List<SpecProblem> problems() {
    return problems;
  }

  private static String render(List<SpecProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a SpecException needs at least one problem");
    }
    String origin = problems.get(0).origin();
    String header = problems.size() == 1
        ? "sweep spec " + origin + " has an error:"
        : "sweep spec " + origin + " has " + problems.size() + " errors:";
    return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n", header + "\n", ""));
  }
}
