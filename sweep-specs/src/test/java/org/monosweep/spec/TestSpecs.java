package org.monosweep.spec;

import org.monosweep.expand.SpecLoader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Shared fixtures: a loader whose file system holds exactly the images under /images/. */
final class TestSpecs {
  static final String IMAGE_A = "/images/a.jpg";
  static final String IMAGE_B = "/images/b.jpg";

  private TestSpecs() {
  }

  static SpecLoader loader() {
    return SpecLoader.create(p -> p.startsWith(Path.of("/images")));
  }

  static SweepSpec parse(String text) {
    return loader().parse(text, "test.conf");
  }

  /** The problems of a spec that must fail. */
  static List<SpecProblem> problems(String text) {
    SpecException e = catchThrowableOfType(SpecException.class, () -> parse(text));
    assertThat(e).as("spec should fail:\n%s", text).isNotNull();
    return e.problems();
  }

  /** The single problem of a spec that must fail with exactly one. */
  static SpecProblem problem(String text) {
    List<SpecProblem> problems = problems(text);
    assertThat(problems).as("exactly one problem").hasSize(1);
    return problems.get(0);
  }

  static List<String> ids(SweepSpec spec) {
    return spec.cells().stream().map(c -> c.id().value()).collect(Collectors.toList());
  }

  static List<String> labels(SweepSpec spec) {
    return spec.cells().stream().map(Cell::label).collect(Collectors.toList());
  }
}
