package org.monosweep.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.monosweep.spec.TestSpecs.problem;
import static org.monosweep.spec.TestSpecs.problems;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of spec mistake, and that its message says where and how to fix it. */
class SpecErrorsTest {
  /** A valid spec; tests change one numbered line (1-based) or append lines from line 10 on. */
  private static final List<String> BASE = List.of(
      "name = t",
      "dataset { kind = fashion-mnist }",
      "sources { A = \"/images/a.jpg\" }",
      "grid {",
      "  method = [rotnet, supervised]",
      "  n = [1, 10]",
      "  augmentation = [none, all]",
      "}",
      "budget { epochs = 2, d = 2000 }");

  private static String with(int line, String text, String... appended) {
    List<String> lines = new ArrayList<>(BASE);
    lines.set(line - 1, text);
    lines.addAll(Arrays.asList(appended));
    return String.join("\n", lines) + "\n";
  }

  private static String appending(String... appended) {
    return with(1, BASE.get(0), appended);
  }

  @Test
  void baseSpecIsValid() {
    assertThat(TestSpecs.parse(with(1, "name = t")).cells()).hasSize(5);
  }

  @Test
  void unknownTopLevelKeySuggestsTheClosestAndListsTheAllowedOnes() {
    SpecProblem p = problem(appending("methdos { rotnet { lr = 0.1 } }"));
    assertThat(p).isEqualTo(new SpecProblem("test.conf", 10, "methdos", "unknown key 'methdos' (did you mean 'methods'?)",
        "allowed at the top level: name, dataset, encoder, sources, grid, budget, probe, methods, exclude, include, vars"));
    assertThat(p.toString()).isEqualTo("test.conf:10: methdos: unknown key 'methdos' (did you mean 'methods'?);"
        + " allowed at the top level: name, dataset, encoder, sources, grid, budget, probe, methods, exclude, include, vars");
  }

  @Test
  void unknownNestedKeyNamesItsPath() {
    SpecProblem p = problem(with(7, "  agumentation = [none, all]"));
    assertThat(p.line()).isEqualTo(7);
    assertThat(p.path()).isEqualTo("grid.agumentation");
    assertThat(p.problem()).isEqualTo("unknown key 'agumentation' (did you mean 'augmentation'?)");
    assertThat(p.fix()).isEqualTo("allowed in grid: method, n, augmentation, source, params, seed");
  }

  @Test
  void wrongTypesSayWhatWasExpectedAndWhatWasWritten() {
    SpecProblem epochs = problem(with(9, "budget { epochs = three, d = 2000 }"));
    assertThat(epochs).isEqualTo(new SpecProblem("test.conf", 9, "budget.epochs",
        "expected a whole number, got the text 'three'", "write epochs = 3"));

    SpecProblem budget = problem(with(9, "budget = [2, 2000]"));
    assertThat(budget.path()).isEqualTo("budget");
    assertThat(budget.problem()).isEqualTo("expected an object { ... }, got a list");
    assertThat(budget.fix()).isEqualTo("write budget { epochs = 3, d = 4000 }");

    SpecProblem lr = problem(appending("probe { lr = fast }"));
    assertThat(lr.path()).isEqualTo("probe.lr");
    assertThat(lr.problem()).isEqualTo("expected a number, got the text 'fast'");

    SpecProblem n = problem(with(6, "  n = { a = 1 }"));
    assertThat(n.path()).isEqualTo("grid.n");
    assertThat(n.problem()).isEqualTo("expected a list of values, got an object");
  }

  @Test
  void unknownMethodEncoderDatasetKindAndAugmentationAreNamedWithTheAllowedWords() {
    SpecProblem method = problem(with(5, "  method = [rotnet, rotnt]"));
    assertThat(method).isEqualTo(new SpecProblem("test.conf", 5, "grid.method[1]",
        "unknown method 'rotnt' (did you mean 'rotnet'?)",
        "allowed: rotnet, bigan, deepcluster, monogan, supervised, random"));

    SpecProblem encoder = problem(appending("encoder = small5"));
    assertThat(encoder).isEqualTo(new SpecProblem("test.conf", 10, "encoder",
        "unknown encoder 'small5' (did you mean 'small4'?)", "allowed: small4, alexnet"));

    SpecProblem kind = problem(with(2, "dataset { kind = fashionmnist }"));
    assertThat(kind).isEqualTo(new SpecProblem("test.conf", 2, "dataset.kind",
        "unknown dataset kind 'fashionmnist' (did you mean 'fashion-mnist'?)",
        "allowed: fashion-mnist, mnist, cifar10, cifar100, image-folder"));

    SpecProblem augmentation = problem(with(7, "  augmentation = [none, \"scale+rotaton\"]"));
    assertThat(augmentation.path()).isEqualTo("grid.augmentation[1]");
    assertThat(augmentation.problem()).isEqualTo("unknown augmentation 'rotaton' (did you mean 'rotation'?) in 'scale+rotaton'");
    assertThat(augmentation.fix()).startsWith("allowed: none, all, every-subset, or scale, rotation and jitter joined by '+'");
  }

  @Test
  void emptyAxisIsRejected() {
    SpecProblem p = problem(with(6, "  n = []"));
    assertThat(p).isEqualTo(new SpecProblem("test.conf", 6, "grid.n", "the list is empty",
        "list at least one value, or remove the key for its default"));
  }

  @Test
  void missingRequiredKeysPointAtTheirSection() {
    SpecProblem p = problem(with(5, "  seed = [0]"));
    assertThat(p.line()).isEqualTo(4);
    assertThat(p.path()).isEqualTo("grid.method");
    assertThat(p.problem()).isEqualTo("missing");
    assertThat(p.fix()).startsWith("add method = [rotnet]");
  }

  @Test
  void nLargerThanTheTrainingSplitIsRejectedForKnownDatasets() {
    SpecProblem fashion = problem(with(6, "  n = [1, 60001]"));
    assertThat(fashion).isEqualTo(new SpecProblem("test.conf", 6, "grid.n[1]",
        "N = 60001 is larger than the 60000 images of the fashion-mnist training split",
        "use at most 60000, or full for the whole split"));

    String cifar = with(2, "dataset { kind = cifar10, path = /data/cifar10 }").replace("n = [1, 10]", "n = [1, 50001]")
        .replace("d = 2000", "d = 60000");
    assertThat(problem(cifar).problem()).isEqualTo("N = 50001 is larger than the 50000 images of the cifar10 training split");

    String folder = cifar.replace("kind = cifar10", "kind = image-folder");
    assertThat(TestSpecs.parse(folder).cells()).as("image-folder split size is unknown: no check").hasSize(5);
  }

  @Test
  void missingSingleImageSourceFileIsRejected() {
    SpecProblem p = problem(with(3, "sources { A = \"/elsewhere/a.jpg\" }"));
    assertThat(p).isEqualTo(new SpecProblem("test.conf", 3, "sources.A",
        "source image /elsewhere/a.jpg does not exist",
        "fix the path (relative paths start at the working directory) or remove the source"));
  }

  @Test
  void dSmallerThanNIsRejectedAtTheDThatApplies() {
    SpecProblem budget = problem(with(6, "  n = [1, 5000]"));
    assertThat(budget).isEqualTo(new SpecProblem("test.conf", 9, "budget.d",
        "d = 2000 is smaller than N = 5000 of the rotnet cells",
        "d counts real plus augmented images, so it must be at least N: raise d to 5000 or more, or drop N = 5000"));

    SpecProblem method = problem(appending("methods {", "  rotnet { d = 5 }", "}"));
    assertThat(method.line()).isEqualTo(11);
    assertThat(method.path()).isEqualTo("methods.rotnet.d");
    assertThat(method.problem()).isEqualTo("d = 5 is smaller than N = 10 of the rotnet cells");

    String excluded = with(6, "  n = [1, 5000]", "exclude = [ { n = 5000 } ]");
    assertThat(TestSpecs.parse(excluded).cells()).as("an excluded cell needs no d").hasSize(3);
  }

  @Test
  void duplicateAxisValuesAreRejectedAfterCanonicalisation() {
    SpecProblem n = problem(with(6, "  n = [1, 10, \"10\"]"));
    assertThat(n).isEqualTo(new SpecProblem("test.conf", 6, "grid.n[2]", "lists 10 twice", "remove the duplicate"));

    SpecProblem augmentation = problem(with(7, "  augmentation = [\"rotation+scale\", \"scale+rotation\"]"));
    assertThat(augmentation.problem()).isEqualTo("lists scale+rotation twice");

    SpecProblem subsets = problem(with(7, "  augmentation = [every-subset, all]"));
    assertThat(subsets.path()).isEqualTo("grid.augmentation[1]");
    assertThat(subsets.problem()).isEqualTo("lists all twice");
  }

  @Test
  void includeRuleWithUnknownKeyOrHyperparameterIsRejected() {
    SpecProblem key = problem(appending("\"include\" = [", "  { method = rotnet, sead = 3 }", "]"));
    assertThat(key).isEqualTo(new SpecProblem("test.conf", 11, "include[0].sead",
        "unknown key 'sead' (did you mean 'seed'?)",
        "allowed in include[0]: method, n, augmentation, source, params, seed"));

    String withAxis = with(7, "  params { lr = [0.1, 0.2] }", "\"include\" = [ { params { lrr = 0.3 } } ]");
    SpecProblem param = problem(withAxis);
    assertThat(param.path()).isEqualTo("include[0].params.lrr");
    assertThat(param.problem()).isEqualTo("unknown hyperparameter 'lrr' (did you mean 'lr'?)");
    assertThat(param.fix()).isEqualTo("allowed: lr");
  }

  @Test
  void ruleProblemsExcludeThatMatchesNothingAndEmptyRules() {
    SpecProblem nothing = problem(appending("exclude = [", "  { method = supervised, n = 10 }", "]"));
    assertThat(nothing.line()).isEqualTo(11);
    assertThat(nothing.path()).isEqualTo("exclude[0]");
    assertThat(nothing.problem()).isEqualTo("this rule matches no cell of the grid");
    assertThat(nothing.fix()).contains("supervised and random cells have n = full, n = full cells have augmentation = none");

    SpecProblem empty = problem(appending("exclude = [ {} ]"));
    assertThat(empty.path()).isEqualTo("exclude[0]");
    assertThat(empty.problem()).isEqualTo("an empty rule");

    SpecProblem everything = problem(appending("exclude = [ { method = [rotnet, supervised] } ]"));
    assertThat(everything.path()).isEqualTo("grid");
    assertThat(everything.problem()).isEqualTo("no cell is left after the exclude rules");
  }

  @Test
  void hyperparameterCannotBeBothAnAxisAndFixedNorABudgetKey() {
    SpecProblem both = problem(with(7, "  params { lr = [0.1, 0.2] }", "methods { rotnet { lr = 0.5 } }"));
    assertThat(both.path()).isEqualTo("methods.rotnet.lr");
    assertThat(both.problem()).isEqualTo("'lr' is both a grid.params axis and fixed for rotnet");

    SpecProblem budgetKey = problem(with(7, "  params { epochs = [1, 2] }"));
    assertThat(budgetKey.path()).isEqualTo("grid.params.epochs");
    assertThat(budgetKey.fix()).isEqualTo("set budget.epochs, or methods.<method>.epochs for one method");

    SpecProblem randomBudget = problem(appending("methods { random { epochs = 3 } }"));
    assertThat(randomBudget.toString()).isEqualTo(
        "test.conf:10: methods.random.epochs: random never trains, so it has no epochs; remove methods.random.epochs");


    SpecProblem list = problem(appending("methods { rotnet { lr = [0.1, 0.2] } }"));
    assertThat(list.fix()).isEqualTo("to sweep it, make it an axis: grid { params { lr = [...] } }");
  }

  @Test
  void probeScheduleMustFitItsEpochs() {
    SpecProblem p = problem(appending("probe { epochs = 10 }"));
    assertThat(p).isEqualTo(new SpecProblem("test.conf", 10, "probe.lr-drops",
        "the drop at epoch 15 (a default) never happens with probe.epochs = 10",
        "set lr-drops to epochs below 10, e.g. lr-drops = [5, 7]"));
    assertThat(problem(appending("probe { train-limit = 70000 }")).problem())
        .isEqualTo("train-limit = 70000 is larger than the 60000 images of the fashion-mnist training split");
  }

  @Test
  void allProblemsAreReportedTogetherInFileOrderOnePerLine() {
    String spec = String.join("\n",
        "name = \"two words\"",
        "dataset { kind = fashion-mnist }",
        "grid { method = [rotnet, bigam], n = [0, 10, 10] }",
        "budget { epochs = 0 }",
        "probe { momentum = 1.5 }");
    SpecException e = catchThrowableOfType(SpecException.class, () -> TestSpecs.parse(spec));
    assertThat(e.problems()).extracting(SpecProblem::line, SpecProblem::path).containsExactly(
        org.assertj.core.groups.Tuple.tuple(1, "name"),
        org.assertj.core.groups.Tuple.tuple(3, "grid.method[1]"),
        org.assertj.core.groups.Tuple.tuple(3, "grid.n[0]"),
        org.assertj.core.groups.Tuple.tuple(3, "grid.n[2]"),
        org.assertj.core.groups.Tuple.tuple(4, "budget.epochs"),
        org.assertj.core.groups.Tuple.tuple(5, "probe.momentum"));
    assertThat(e.getMessage().split("\n")).hasSize(7).startsWith("sweep spec test.conf has 6 errors:");
    assertThat(e.getMessage()).contains("\n  test.conf:5: probe.momentum: must be at least 0 and below 1, got 1.5; write momentum = 0.9");
  }

  @Test
  void syntaxErrorsGiveTheLineAndAHintForTheTwoUsualMistakes() {
    SpecProblem include = problem(appending("include = [ { n = 1000 } ]"));
    assertThat(include.line()).isEqualTo(10);
    assertThat(include.fix()).isEqualTo("quote the key: \"include\" = [ ... ] (include is a HOCON keyword)");

    SpecProblem plus = problem(with(7, "  augmentation = [scale+rotation]"));
    assertThat(plus.line()).isEqualTo(7);
    assertThat(plus.fix()).isEqualTo("quote augmentation subsets joined by '+', e.g. \"scale+rotation\"");

    SpecProblem unresolved = problem(with(6, "  n = [${vars.n}]"));
    assertThat(unresolved.line()).isEqualTo(6);
    assertThat(unresolved.problem()).contains("${vars.n}");
    assertThat(unresolved.fix()).contains("vars { ... }");
  }

  @Test
  void missingSpecFileIsReportedWithTheBundledNames() {
    assertThatThrownBy(() -> TestSpecs.loader().load(Path.of("/no/such/spec.conf")))
        .isInstanceOf(SpecException.class)
        .hasMessage("sweep spec /no/such/spec.conf has an error:\n  /no/such/spec.conf: spec file not found;"
            + " check the path; bundled specs are quickstart, table1-augmentation (sweep-specs/specs/NAME.conf)");
  }

  @Test
  void unknownSourceNameSuggestsDeclaredOnes() {
    SpecProblem p = problem(with(7, "  source = [a]"));
    assertThat(p.path()).isEqualTo("grid.source[0]");
    assertThat(p.problem()).isEqualTo("unknown source 'a' (did you mean 'A'?)");
    assertThat(p.fix()).isEqualTo("declared sources: A; or use split for an image drawn from the training split");
  }

  @Test
  void suggestionsCatchTyposButNotUnrelatedWords() {
    assertThat(Suggestions.didYouMean("agumentation", List.of("augmentation", "method")))
        .isEqualTo(" (did you mean 'augmentation'?)");
    assertThat(Suggestions.didYouMean("colour", List.of("augmentation", "method"))).isEmpty();
    assertThat(Suggestions.distance("rotnet", "rotnte")).isEqualTo(1);
  }
}
