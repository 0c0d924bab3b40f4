package org.monosweep.spec;

import java.util.Objects;

/**
 * One thing wrong with a sweep spec, located well enough to fix it without reading code.
 *
 * @param origin the file or resource the spec came from
 * @param line the 1-based line the problem is on, or 0 when the spec has no lines (I/O errors)
 * @param path the key path, such as {@code grid.method[1]} or {@code exclude[0].n}; empty for
 *     syntax errors
 * @param problem what is wrong, naming the offending value
 * @param fix what is allowed or what to write instead
 */
public record SpecProblem(String origin, int line, String path, String problem, String fix) {
  public SpecProblem {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(fix, "fix");
  }

  /** {@code origin:line: path: problem; fix}, the form compilers use so editors can jump to it. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(origin);
    if (line > 0) {
      b.append(':').append(line);
    }
    b.append(": ");
    if (!path.isEmpty()) {
      b.append(path).append(": ");
    }
    return b.append(problem).append("; ").append(fix).toString();
  }
}
