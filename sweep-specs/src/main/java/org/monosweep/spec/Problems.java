package org.monosweep.spec;

import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems of one spec so that all of them are reported together. */
final class Problems {
  private final String origin;
  private final List<SpecProblem> found = new ArrayList<>();

  Problems(String origin) {
    this.origin = origin;
  }

  String origin() {
    return origin;
  }

  void add(ConfigValue at, String path, String problem, String fix) {
    add(lineOf(at), path, problem, fix);
  }

  void add(int line, String path, String problem, String fix) {
    SpecProblem p = new SpecProblem(origin, line, path, problem, fix);
    // One mistake can be reached twice (e.g. the same d checked for two cells); say it once.
    if (!found.contains(p)) {
      found.add(p);
    }
  }

  int size() {
    return found.size();
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  /** Throws a {@link SpecException} listing everything found so far, in file order. */
  void throwIfAny() {
    if (!found.isEmpty()) {
      List<SpecProblem> sorted = new ArrayList<>(found);
      sorted.sort(Comparator.comparingInt(SpecProblem::line).thenComparing(SpecProblem::path));
      throw new SpecException(sorted);
    }
  }

  static int lineOf(ConfigValue value) {
    return value == null ? 0 : Math.max(0, value.origin().lineNumber());
  }
}
