package org.monosweep.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.monosweep.spec.TestSpecs.problem;
import static org.monosweep.spec.TestSpecs.problems;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Method parameters are checked against their declarations when a spec is read. */
class ParamErrorsTest {
  private static final String HEAD = "name = t\ndataset { kind = fashion-mnist }\n";
  private static final String ROTNET_TAKES = "rotnet takes: optimizer, lr, lr_schedule, momentum,"
      + " weight_decay, native_aug, loss_every, input_size (monosweep methods describes each)";

  /** A spec whose grid (line 3) runs {@code methods}, with {@code extra} lines from line 5. */
  private static String spec(String methods, String gridParams, String... extra) {
    return HEAD + "grid { method = [" + methods + "], n = [full], params { " + gridParams + " } }\n"
        + "budget { epochs = 1, d = 100 }\n" + String.join("\n", extra) + "\n";
  }

  @Test
  void rejectsAnUnknownParameterOfAMethodWithASuggestion() {
    SpecProblem p = problem(spec("rotnet", "", "methods { rotnet { lrr = 0.1 } }"));
    assertThat(p.toString()).isEqualTo("test.conf:5: methods.rotnet.lrr: unknown parameter 'lrr'"
        + " for rotnet (did you mean 'lr'?); " + ROTNET_TAKES);
  }

  @Test
  void rejectsAParameterThatBelongsToAnotherMethod() {
    SpecProblem p = problem(spec("rotnet", "", "methods {", "  rotnet { n_critic = 2 }", "}"));
    assertThat(p.toString()).isEqualTo("test.conf:6: methods.rotnet.n_critic: unknown parameter"
        + " 'n_critic' for rotnet; " + ROTNET_TAKES);
  }

  @Test
  void rejectsAGridParameterThatNoMethodOfTheGridTakes() {
    SpecProblem p = problem(spec("rotnet, random", "momentun = [0.5, 0.9]"));
    assertThat(p.line()).isEqualTo(3);
    assertThat(p.path()).isEqualTo("grid.params.momentun");
    assertThat(p.problem())
        .isEqualTo("unknown parameter 'momentun' for rotnet, random (did you mean 'momentum'?)");
    assertThat(p.fix()).startsWith("they take: optimizer, lr, ").endsWith(", input_size"
        + " (monosweep methods describes each)");
  }

  @Test
  void rejectsAValueThatDoesNotParseAsTheDeclaredType() {
    List<SpecProblem> p = problems(spec("deepcluster", "", "methods { deepcluster {",
        "  lr = fast", "  k = 2.5", "  native_aug = yes", "} }"));
    assertThat(p).extracting(SpecProblem::toString).containsExactly(
        "test.conf:6: methods.deepcluster.lr: lr takes a number, got 'fast'; write lr = 0.05",
        "test.conf:7: methods.deepcluster.k: k takes a whole number, got '2.5'; write k = 100",
        "test.conf:8: methods.deepcluster.native_aug: native_aug takes true or false, got 'yes';"
            + " write native_aug = true");
  }

  @Test
  void rejectsANumberOutOfItsRangeAtTheLineOfThatValue() {
    String text = HEAD + "grid {\n  method = [rotnet]\n  params {\n    lr = [\n      0.1,\n"
        + "      -0.1\n    ]\n  }\n}\nbudget { epochs = 1 }\n";
    SpecProblem p = problem(text);
    assertThat(p.toString()).isEqualTo("test.conf:8: grid.params.lr[1]: lr = -0.1 is outside"
        + " (0, inf); use a value in (0, inf), e.g. lr = 0.05");
  }

  @Test
  void rejectsAChoiceOutsideItsListWithASuggestion() {
    SpecProblem p = problem(spec("rotnet, supervised", "optimizer = [sgd, sdg]"));
    assertThat(p.toString()).isEqualTo("test.conf:3: grid.params.optimizer[1]: unknown optimizer"
        + " 'sdg' (did you mean 'sgd'?); allowed: sgd, adam");
  }

  @Test
  void checksTheValuesOfIncludeRules() {
    SpecProblem p = problem(spec("rotnet", "momentum = [0.5, 0.9]",
        "\"include\" = [ { params { momentum = 1 } } ]"));
    assertThat(p.toString()).isEqualTo("test.conf:5: include[0].params.momentum: momentum = 1 is"
        + " outside [0, 1); use a value in [0, 1), e.g. momentum = 0.9");
  }

  @Test
  void reportsEveryParameterProblemAtOnceInFileOrder() {
    List<SpecProblem> p = problems(spec("rotnet, monogan", "n_critic = [0], learnign_rate = 0.1",
        "methods {", "  monogan { beta1 = 1.5 }", "  rotnet { lr_schedule = cosin }", "}"));
    assertThat(p).extracting(q -> q.line() + " " + q.path()).containsExactly(
        "3 grid.params.learnign_rate", "3 grid.params.n_critic[0]", "6 methods.monogan.beta1",
        "7 methods.rotnet.lr_schedule");
  }

  @Test
  void aGridParameterAppliesOnlyToTheMethodsThatTakeIt() {
    SweepSpec s = TestSpecs.parse(spec("rotnet, monogan, random",
        "momentum = [0.5, 0.9], input_size = 32"));
    Map<Method, List<Map<String, String>>> params = s.cells().stream().collect(Collectors
        .groupingBy(Cell::method, Collectors.mapping(c -> c.params().values(), Collectors.toList())));
    assertThat(params.get(Method.ROTNET)).containsExactly(
        Map.of("input_size", "32", "momentum", "0.5"), Map.of("input_size", "32", "momentum", "0.9"));
    assertThat(params.get(Method.MONOGAN)).containsExactly(Map.of("input_size", "32"));
    assertThat(params.get(Method.RANDOM)).containsExactly(Map.of("input_size", "32"));
  }

  @Test
  void aCellReadsItsMethodsDefaultAndRefusesAParameterItsMethodDoesNotTake() {
    SweepSpec s = TestSpecs.parse(spec("rotnet, monogan", ""));
    Cell rotnet = s.cells().get(0);
    Cell monogan = s.cells().get(1);
    assertThat(rotnet.get(ParamKeys.LEARNING_RATE)).isEqualTo(0.05);
    assertThat(monogan.get(ParamKeys.LEARNING_RATE)).isEqualTo(1e-4);
    assertThat(monogan.get(ParamKeys.BETA1)).isEqualTo(0.0);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> rotnet.get(ParamKeys.N_CRITIC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rotnet does not take parameter 'n_critic': declare it for rotnet in MethodParams");
  }
}
