package org.monosweep.spec;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the HOCON tree of one spec into a {@link SweepDefinition}, checking every key and
 * value on the way. It keeps reading after a mistake so that one run reports them all, and
 * remembers where settings were written for the checks that need the expanded grid.
 */
public final class SpecReader {
  private static final List<String> TOP_KEYS = List.of("name", "dataset", "encoder", "sources", "grid",
      "budget", "probe", "methods", "exclude", "include", "vars");
  private static final List<String> DATASET_KEYS = List.of("kind", "path");
  private static final List<String> AXIS_KEYS = List.of("method", "n", "augmentation", "source", "params", "seed");
  private static final List<String> BUDGET_KEYS = List.of("epochs", "d", "batch");
  private static final List<String> PROBE_KEYS = List.of("epochs", "lr", "lr-drops", "lr-drop-factor",
      "momentum", "weight-decay", "batch", "train-limit", "test-limit");
  private static final String EVERY_SUBSET = "every-subset";
  private static final String SPLIT = "split";
  private static final int DEFAULT_BATCH = 64;
  private static final Pattern SWEEP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
  private static final Map<String, String> SOURCE_PACKAGES = Map.of("/usr/share/backgrounds/mate/", "mate-backgrounds");

  private final Problems problems;
  private final SpecValues typed;
  private final Predicate<Path> fileExists;
  /** Where the d that applies to each method is written, for the d >= N check on cells. */
  private final Map<Method, String> dPaths = new EnumMap<>(Method.class);
  private final Map<Method, Integer> dLines = new EnumMap<>(Method.class);
  private final List<Integer> excludeLines = new ArrayList<>();
  private int gridLine;

  /**
   * A reader of one spec.
   *
   * @param origin where the spec came from, for messages (a file name)
   * @param fileExists whether a single-image source file is there
   */
  public SpecReader(String origin, Predicate<Path> fileExists) {
    this.problems = new Problems(origin);
    this.typed = new SpecValues(problems);
    this.fileExists = fileExists;
  }

  /** Reads the whole spec. @throws SpecException listing every problem found */
  public SweepDefinition read(ConfigObject root) {
    typed.checkKeys(root, "", TOP_KEYS);
    String name = readName(root);
    DatasetRef dataset = readDataset(root);
    DatasetKind kind = dataset == null ? null : dataset.kind();
    EncoderKind encoder = root.get("encoder") == null
        ? EncoderKind.SMALL4
        : typed.word(root.get("encoder"), "encoder", "encoder", EncoderKind.values(), EncoderKind::label);
    Map<String, String> sources = readSources(root.get("sources"));
    TrainBudget budget = readBudget(root, kind);
    ProbeSettings probe = readProbe(root.get("probe"), kind);
    GridAxes grid = readGrid(root, sources, kind);
    Set<String> axisParams = grid == null ? null : grid.params().keySet();
    Map<Method, MethodSettings> methods = readMethods(root.get("methods"), budget, axisParams);
    Set<String> fixedParams = methods == null ? Set.of() : methods.values().stream()
        .flatMap(s -> s.params().values().keySet().stream()).collect(Collectors.toSet());
    List<CellRule> exclude = readRules(root.get("exclude"), "exclude", sources, kind, axisParams, fixedParams);
    List<CellRule> include = readRules(root.get("include"), "include", sources, kind, axisParams, Set.of());
    problems.throwIfAny();
    return new SweepDefinition(name, problems.origin(), dataset, encoder, grid, probe, methods, exclude, include);
  }

  /**
   * The checks that need cells: every exclude rule removes something, something is left, and
   * d is at least N. @throws SpecException listing every problem found
   */
  public void checkCells(SweepDefinition definition, List<Cell> bareGrid, List<Cell> cells) {
    for (int i = 0; i < definition.exclude().size(); i++) {
      CellRule rule = definition.exclude().get(i);
      if (bareGrid.stream().noneMatch(rule::matches)) {
        problems.add(excludeLines.get(i), "exclude[" + i + "]", "this rule matches no cell of the grid",
            "fix its values or remove it (rules match resolved cells: supervised and random cells have"
                + " n = full, n = full cells have augmentation = none, and source only matches N = 1 cells)");
      }
    }
    if (cells.isEmpty()) {
      problems.add(gridLine, "grid", "no cell is left after the exclude rules",
          "remove or narrow an exclude rule");
    }
    for (Cell cell : cells) {
      int d = cell.budget().datasetSize();
      if (cell.method().trainsOnSources() && !cell.n().isFull() && cell.n().count() > d) {
        problems.add(dLines.get(cell.method()), dPaths.get(cell.method()),
            "d = " + d + " is smaller than N = " + cell.n().count() + " of the " + cell.method() + " cells",
            "d counts real plus augmented images, so it must be at least N: raise d to "
                + cell.n().count() + " or more, or drop N = " + cell.n().count());
      }
    }
    problems.throwIfAny();
  }

  // ---- sections ------------------------------------------------------------------------

  private String readName(ConfigObject root) {
    ConfigValue v = root.get("name");
    if (v == null) {
      typed.missing(root, "name", "add name = my-sweep (it names the sweep in the results store and runs/)");
      return null;
    }
    String name = typed.text(v, "name", "name = my-sweep");
    if (name != null && !SWEEP_NAME.matcher(name).matches()) {
      problems.add(v, "name", "'" + name + "' is not usable as a folder name",
          "use letters, digits, '.', '_' and '-', starting with a letter or digit");
      return null;
    }
    return name;
  }

  private DatasetRef readDataset(ConfigObject root) {
    ConfigValue v = root.get("dataset");
    if (v == null) {
      typed.missing(root, "dataset", "add dataset { kind = fashion-mnist }");
      return null;
    }
    ConfigValue kindValue;
    ConfigValue pathValue = null;
    if (v.valueType() == ConfigValueType.OBJECT) {
      ConfigObject o = (ConfigObject) v;
      typed.checkKeys(o, "dataset", DATASET_KEYS);
      kindValue = o.get("kind");
      pathValue = o.get("path");
      if (kindValue == null) {
        typed.missing(o, "dataset.kind", "add kind = one of " + typed.labels(DatasetKind.values(), DatasetKind::label));
        return null;
      }
    } else {
      kindValue = v;
    }
    DatasetKind kind = typed.word(kindValue, v == kindValue ? "dataset" : "dataset.kind", "dataset kind",
        DatasetKind.values(), DatasetKind::label);
    if (kind == null) {
      return null;
    }
    String path = pathValue == null ? kind.defaultPath() : typed.text(pathValue, "dataset.path", "path = \"/data/cifar10\"");
    if (path == null && pathValue == null) {
      problems.add(v, "dataset", "dataset kind " + kind + " has no default path",
          "set dataset { kind = " + kind + ", path = \"/folder/with/the/files\" } (no Debian package installs it)");
    }
    return path == null ? null : new DatasetRef(kind, path);
  }

  /** Source name to path, sorted by name; a name whose value is unusable is kept with no path. */
  private Map<String, String> readSources(ConfigValue v) {
    TreeMap<String, String> sources = new TreeMap<>();
    if (v == null) {
      return sources;
    }
    ConfigObject o = typed.object(v, "sources", "sources { A = \"/usr/share/backgrounds/mate/nature/Wood.jpg\" }");
    if (o == null) {
      return sources;
    }
    Map<String, String> seenPaths = new HashMap<>();
    for (String name : new TreeSet<>(o.keySet())) {
      ConfigValue value = o.get(name);
      String path = "sources." + name;
      String file = typed.text(value, path, name + " = \"/path/to/image.jpg\"");
      sources.put(name, file == null ? "" : file);
      if (name.equalsIgnoreCase(SPLIT) || !PARAM_NAME.matcher(name).matches()) {
        problems.add(value, path, "'" + name + "' cannot name a source",
            "use letters, digits, '-' and '_', starting with a letter; 'split' is reserved for a source"
                + " drawn from the training split");
      }
      if (file == null) {
        continue;
      }
      if (seenPaths.containsKey(file)) {
        problems.add(value, path, "names the same file as sources." + seenPaths.get(file),
            "keep one name per file");
      }
      seenPaths.put(file, name);
      checkSourceFile(value, path, file);
    }
    return sources;
  }

  private void checkSourceFile(ConfigValue value, String path, String file) {
    boolean exists;
    try {
      exists = fileExists.test(Path.of(file));
    } catch (InvalidPathException e) {
      problems.add(value, path, "'" + file + "' is not a valid path", "write the image file's path");
      return;
    }
    if (!exists) {
      String fix = SOURCE_PACKAGES.entrySet().stream().filter(e -> file.startsWith(e.getKey()))
          .map(e -> "install it with: sudo apt-get install " + e.getValue())
          .findFirst().orElse("fix the path (relative paths start at the working directory) or remove the source");
      problems.add(value, path, "source image " + file + " does not exist", fix);
    }
  }

  private TrainBudget readBudget(ConfigObject root, DatasetKind kind) {
    ConfigValue v = root.get("budget");
    if (v == null) {
      typed.missing(root, "budget", "add budget { epochs = 3, d = 4000 }");
      return null;
    }
    ConfigObject o = typed.object(v, "budget", "budget { epochs = 3, d = 4000 }");
    if (o == null) {
      return null;
    }
    typed.checkKeys(o, "budget", BUDGET_KEYS);
    if (o.get("epochs") == null) {
      typed.missing(o, "budget.epochs", "add epochs = 3 to budget");
    }
    Integer epochs = o.get("epochs") == null ? null : typed.integer(o.get("epochs"), "budget.epochs", 1, "epochs = 3");
    Integer d = null;
    if (o.get("d") != null) {
      d = typed.integer(o.get("d"), "budget.d", 1, "d = 4000");
    } else if (kind != null && kind.trainSize() > 0) {
      d = kind.trainSize();
    } else if (kind != null) {
      typed.missing(o, "budget.d", "add d = <number of training images> (the " + kind + " split size is not known)");
    }
    Integer batch = o.get("batch") == null ? Integer.valueOf(DEFAULT_BATCH)
        : typed.integer(o.get("batch"), "budget.batch", 1, "batch = 64");
    for (Method m : Method.values()) {
      dPaths.put(m, "budget.d");
      dLines.put(m, Problems.lineOf(o.get("d") == null ? o : o.get("d")));
    }
    return epochs == null || d == null || batch == null ? null : new TrainBudget(epochs, d, batch);
  }

  private ProbeSettings readProbe(ConfigValue v, DatasetKind kind) {
    ProbeSettings paper = ProbeSettings.paper();
    if (v == null) {
      return paper;
    }
    ConfigObject o = typed.object(v, "probe", "probe { epochs = 36 }");
    if (o == null) {
      return null;
    }
    typed.checkKeys(o, "probe", PROBE_KEYS);
    int before = problems.size();
    Integer epochs = typed.opt(o, "probe", "epochs", paper.epochs(), (x, p) -> typed.integer(x, p, 1, "epochs = 36"));
    Double lr = typed.opt(o, "probe", "lr", paper.learningRate(), (x, p) -> typed.decimal(x, p, 0, false, Double.MAX_VALUE, "lr = 0.01"));
    List<Integer> drops = typed.opt(o, "probe", "lr-drops", paper.lrDropEpochs(), this::dropEpochs);
    Double factor = typed.opt(o, "probe", "lr-drop-factor", paper.lrDropFactor(),
        (x, p) -> typed.decimal(x, p, 1, true, Double.MAX_VALUE, "lr-drop-factor = 5"));
    Double momentum = typed.opt(o, "probe", "momentum", paper.momentum(), (x, p) -> typed.decimal(x, p, 0, true, 1, "momentum = 0.9"));
    Double decay = typed.opt(o, "probe", "weight-decay", paper.weightDecay(),
        (x, p) -> typed.decimal(x, p, 0, true, Double.MAX_VALUE, "weight-decay = 5e-4"));
    Integer batch = typed.opt(o, "probe", "batch", paper.batchSize(), (x, p) -> typed.integer(x, p, 1, "batch = 128"));
    Integer trainLimit = typed.opt(o, "probe", "train-limit", paper.trainLimit(), (x, p) -> typed.integer(x, p, 0, "train-limit = 10000"));
    Integer testLimit = typed.opt(o, "probe", "test-limit", paper.testLimit(), (x, p) -> typed.integer(x, p, 0, "test-limit = 2000"));
    if (kind != null && trainLimit != null && kind.trainSize() > 0 && trainLimit > kind.trainSize()) {
      problems.add(o.get("train-limit"), "probe.train-limit", "train-limit = " + trainLimit
          + " is larger than the " + kind.trainSize() + " images of the " + kind + " training split",
          "use at most " + kind.trainSize() + ", or 0 for all of them");
    }
    if (kind != null && testLimit != null && kind.testSize() > 0 && testLimit > kind.testSize()) {
      problems.add(o.get("test-limit"), "probe.test-limit", "test-limit = " + testLimit
          + " is larger than the " + kind.testSize() + " images of the " + kind + " test split",
          "use at most " + kind.testSize() + ", or 0 for all of them");
    }
    if (epochs != null && drops != null) {
      for (int drop : drops) {
        if (drop >= epochs) {
          ConfigValue at = o.get("lr-drops") != null ? o.get("lr-drops") : o.get("epochs");
          problems.add(at, "probe.lr-drops", "the drop at epoch " + drop + (o.get("lr-drops") == null
              ? " (a default)" : "") + " never happens with probe.epochs = " + epochs,
              epochs == 1 ? "write lr-drops = [] for a constant rate"
                  : "set lr-drops to epochs below " + epochs + ", e.g. lr-drops = "
                      + exampleDrops(epochs));
          break;
        }
      }
    }
    if (problems.size() > before) {
      return null;
    }
    return new ProbeSettings(epochs, lr, drops, factor, momentum, decay, batch, trainLimit, testLimit);
  }

  private List<Integer> dropEpochs(ConfigValue v, String path) {
    // Unlike a grid axis, no drops is a schedule of its own: a constant rate.
    if (v.valueType() == ConfigValueType.LIST && ((ConfigList) v).isEmpty()) {
      return List.of();
    }
    List<Integer> drops = typed.axis(v, path, (x, p) -> typed.single(typed.integer(x, p, 1, "lr-drops = [5, 15, 25]")), true);
    if (drops == null) {
      return null;
    }
    for (int i = 1; i < drops.size(); i++) {
      if (drops.get(i) <= drops.get(i - 1)) {
        problems.add(v, path, "drop epochs " + drops + " are not increasing", "list them in increasing order");
        return null;
      }
    }
    return drops;
  }

  private static String exampleDrops(int epochs) {
    return epochs < 3 ? "[]" : "[" + epochs / 2 + ", " + (epochs * 3 / 4) + "]";
  }

  private GridAxes readGrid(ConfigObject root, Map<String, String> sources, DatasetKind kind) {
    ConfigValue v = root.get("grid");
    gridLine = Problems.lineOf(v == null ? root : v);
    if (v == null) {
      typed.missing(root, "grid", "add grid { method = [rotnet] }");
      return null;
    }
    ConfigObject o = typed.object(v, "grid", "grid { method = [rotnet], n = [1, full] }");
    if (o == null) {
      return null;
    }
    typed.checkKeys(o, "grid", AXIS_KEYS);
    int before = problems.size();
    List<Method> methods = null;
    if (o.get("method") == null) {
      typed.missing(o, "grid.method", "add method = [rotnet] (allowed: " + typed.labels(Method.values(), Method::label) + ")");
    } else {
      methods = typed.axis(o.get("method"), "grid.method", this::methods, true);
    }
    List<SampleSize> sizes = o.get("n") == null ? List.of(SampleSize.FULL)
        : typed.axis(o.get("n"), "grid.n", (x, p) -> sampleSizes(x, p, kind), true);
    List<AugmentationSubset> augmentations = o.get("augmentation") == null ? List.of(AugmentationSubset.NONE)
        : typed.axis(o.get("augmentation"), "grid.augmentation", this::augmentations, true);
    List<String> sourcePaths;
    if (o.get("source") != null) {
      sourcePaths = typed.axis(o.get("source"), "grid.source", (x, p) -> sourcePaths(x, p, sources), true);
    } else {
      // With no source axis, N = 1 cells use every declared source, or one drawn from the split.
      sourcePaths = sources.isEmpty() ? List.of("") : List.copyOf(sources.values());
    }
    SortedMap<String, List<String>> params = readParamAxes(o.get("params"), methods);
    List<Long> seeds = o.get("seed") == null ? List.of(0L)
        : typed.axis(o.get("seed"), "grid.seed", (x, p) -> typed.single(seed(x, p)), true);
    if (problems.size() > before) {
      return null;
    }
    return new GridAxes(methods, sizes, augmentations, sourcePaths, params, seeds);
  }

  /**
   * The grid's hyperparameter axes. An axis applies to every method of the grid that takes the
   * parameter (the others' cells leave it out), so its name must be one of some grid method's
   * parameters; unchecked when the method axis itself is broken.
   */
  private SortedMap<String, List<String>> readParamAxes(ConfigValue v, List<Method> methods) {
    SortedMap<String, List<String>> axes = new TreeMap<>();
    if (v == null) {
      return axes;
    }
    ConfigObject o = typed.object(v, "grid.params", "params { lr = [0.05, 0.1] }");
    if (o == null) {
      return axes;
    }
    for (String name : new TreeSet<>(o.keySet())) {
      String path = "grid.params." + name;
      ConfigValue value = o.get(name);
      if (checkParamName(value, path, name) && (methods == null || knownToAny(value, path, name, methods))) {
        ParamKey<?> key = ParamKeys.named(name).orElse(null);
        List<String> values = typed.axis(value, path, (x, p) -> typed.single(paramValue(x, p, key)), true);
        if (values != null) {
          axes.put(name, values);
        }
      }
    }
    return axes;
  }

  private boolean knownToAny(ConfigValue at, String path, String name, List<Method> methods) {
    if (methods.stream().anyMatch(m -> MethodParams.declares(m, name))) {
      return true;
    }
    Set<String> names = new LinkedHashSet<>();
    methods.forEach(m -> names.addAll(MethodParams.names(m)));
    String who = methods.stream().map(Method::label).collect(Collectors.joining(", "));
    problems.add(at, path, "unknown parameter '" + name + "' for " + who + Suggestions.didYouMean(name, names),
        (methods.size() == 1 ? who + " takes: " : "they take: ") + String.join(", ", names)
            + " (monosweep methods describes each)");
    return false;
  }

  private boolean knownTo(ConfigValue at, String path, String name, Method method) {
    if (MethodParams.declares(method, name)) {
      return true;
    }
    List<String> names = MethodParams.names(method);
    problems.add(at, path, "unknown parameter '" + name + "' for " + method + Suggestions.didYouMean(name, names),
        method + " takes: " + (names.isEmpty() ? "no parameters" : String.join(", ", names))
            + " (monosweep methods describes each)");
    return false;
  }

  private boolean checkParamName(ConfigValue at, String path, String name) {
    if (BUDGET_KEYS.contains(name)) {
      problems.add(at, path, "'" + name + "' is a budget setting, not a hyperparameter",
          "set budget." + name + ", or methods.<method>." + name + " for one method");
      return false;
    }
    if (AXIS_KEYS.contains(name)) {
      problems.add(at, path, "'" + name + "' is an axis of grid itself, not a hyperparameter",
          "move it out of params: grid." + name + " = [...]");
      return false;
    }
    if (!PARAM_NAME.matcher(name).matches()) {
      problems.add(at, path, "'" + name + "' is not a hyperparameter name",
          "use letters, digits, '-' and '_', starting with a letter");
      return false;
    }
    return true;
  }

  private Map<Method, MethodSettings> readMethods(ConfigValue v, TrainBudget budget, Set<String> axisParams) {
    Map<Method, TrainBudget> budgets = new EnumMap<>(Method.class);
    Map<Method, Map<String, String>> params = new EnumMap<>(Method.class);
    int before = problems.size();
    ConfigObject o = v == null ? null : typed.object(v, "methods", "methods { rotnet { lr = 0.05 } }");
    if (o != null) {
      List<String> labels = Arrays.stream(Method.values()).map(Method::label).collect(Collectors.toList());
      for (String key : new TreeSet<>(o.keySet())) {
        String path = "methods." + key;
        Method method = Arrays.stream(Method.values()).filter(m -> m.label().equals(key)).findFirst().orElse(null);
        if (method == null) {
          problems.add(o.get(key), path, "unknown method '" + key + "'" + Suggestions.didYouMean(key, labels),
              "allowed: " + String.join(", ", labels));
          continue;
        }
        ConfigObject mo = typed.object(o.get(key), path, key + " { lr = 0.05 }");
        if (mo != null) {
          if (budget != null) {
            budgets.put(method, readMethodBudget(mo, path, method, budget));
          }
          params.put(method, readFixedParams(mo, path, method, axisParams));
        }
      }
    }
    if (budget == null || problems.size() > before) {
      return null;
    }
    Map<Method, MethodSettings> settings = new EnumMap<>(Method.class);
    for (Method m : Method.values()) {
      TrainBudget b = budgets.getOrDefault(m, budget);
      // random never trains: 0 epochs says so, and lets random cells be shared across budgets.
      TrainBudget effective = m.trains() ? b : new TrainBudget(0, b.datasetSize(), b.batchSize());
      settings.put(m, new MethodSettings(effective, new Hyperparameters(params.getOrDefault(m, Map.of()))));
    }
    return settings;
  }

  private TrainBudget readMethodBudget(ConfigObject mo, String path, Method method, TrainBudget budget) {
    Integer[] values = {budget.epochs(), budget.datasetSize(), budget.batchSize()};
    String[] examples = {"epochs = 3", "d = 4000", "batch = 64"};
    for (int i = 0; i < BUDGET_KEYS.size(); i++) {
      String key = BUDGET_KEYS.get(i);
      ConfigValue v = mo.get(key);
      if (v == null) {
        continue;
      }
      if (!method.trains()) {
        problems.add(v, path + "." + key, method + " never trains, so it has no " + key,
            "remove " + path + "." + key);
        continue;
      }
      Integer value = typed.integer(v, path + "." + key, 1, examples[i]);
      if (value != null) {
        values[i] = value;
      }
      if (key.equals("d")) {
        dPaths.put(method, path + ".d");
        dLines.put(method, Problems.lineOf(v));
      }
    }
    return new TrainBudget(values[0], values[1], values[2]);
  }

  private Map<String, String> readFixedParams(ConfigObject mo, String path, Method method, Set<String> axisParams) {
    Map<String, String> fixed = new TreeMap<>();
    for (String name : new TreeSet<>(mo.keySet())) {
      if (BUDGET_KEYS.contains(name)) {
        continue;
      }
      String p = path + "." + name;
      ConfigValue v = mo.get(name);
      if (!checkParamName(v, p, name) || !knownTo(v, p, name, method)) {
        continue;
      }
      if (axisParams != null && axisParams.contains(name)) {
        problems.add(v, p, "'" + name + "' is both a grid.params axis and fixed for " + method,
            "keep one: drop " + p + ", or drop the axis and fix " + name + " per method");
        continue;
      }
      if (v.valueType() == ConfigValueType.LIST) {
        problems.add(v, p, "a method's hyperparameter takes one value, got a list",
            "to sweep it, make it an axis: grid { params { " + name + " = [...] } }");
        continue;
      }
      String value = paramValue(v, p, MethodParams.find(method, name).orElseThrow());
      if (value != null) {
        fixed.put(name, value);
      }
    }
    return fixed;
  }

  private List<CellRule> readRules(ConfigValue v, String key, Map<String, String> sources, DatasetKind kind,
      Set<String> axisParams, Set<String> fixedParams) {
    List<CellRule> rules = new ArrayList<>();
    if (v == null) {
      return rules;
    }
    String example = "{ method = rotnet, n = 10 }";
    String keyWritten = key.equals("include") ? "\"include\"" : key;
    if (v.valueType() != ConfigValueType.LIST) {
      problems.add(v, key, "expected a list of rules, got " + typed.describe(v),
          "write " + keyWritten + " = [ " + example + " ]");
      return rules;
    }
    ConfigList list = (ConfigList) v;
    for (int i = 0; i < list.size(); i++) {
      String path = key + "[" + i + "]";
      ConfigObject r = typed.object(list.get(i), path, example);
      if (r == null) {
        continue;
      }
      int before = problems.size();
      typed.checkKeys(r, path, AXIS_KEYS);
      if (r.isEmpty()) {
        problems.add(r, path, "an empty rule", key.equals("exclude")
            ? "name at least one axis (an empty exclude rule would remove every cell)"
            : "name at least one axis, e.g. { method = rotnet, n = 1, seed = 3 }");
        continue;
      }
      List<Method> methods = ruleAxis(r, "method", path, this::methods);
      List<SampleSize> sizes = ruleAxis(r, "n", path, (x, p) -> sampleSizes(x, p, kind));
      List<AugmentationSubset> augmentations = ruleAxis(r, "augmentation", path, this::augmentations);
      List<String> sourcePaths = ruleAxis(r, "source", path, (x, p) -> sourcePaths(x, p, sources));
      List<Long> seeds = ruleAxis(r, "seed", path, (x, p) -> typed.single(seed(x, p)));
      Map<String, List<String>> params = readRuleParams(r.get("params"), path, axisParams, fixedParams);
      if (problems.size() == before) {
        rules.add(new CellRule(methods, sizes, augmentations, sourcePaths, params, seeds));
        if (key.equals("exclude")) {
          excludeLines.add(Problems.lineOf(r));
        }
      }
    }
    return rules;
  }

  private <T> List<T> ruleAxis(ConfigObject rule, String key, String path, ValueReader<List<T>> element) {
    ConfigValue v = rule.get(key);
    if (v == null) {
      return List.of();
    }
    List<T> values = typed.axis(v, path + "." + key, element, true);
    return values == null ? List.of() : values;
  }

  private Map<String, List<String>> readRuleParams(ConfigValue v, String rulePath, Set<String> axisParams,
      Set<String> fixedParams) {
    Map<String, List<String>> params = new TreeMap<>();
    if (v == null) {
      return params;
    }
    String path = rulePath + ".params";
    ConfigObject o = typed.object(v, path, "params { lr = 0.05 }");
    if (o == null || axisParams == null) {
      return params;
    }
    Set<String> allowed = new TreeSet<>(axisParams);
    allowed.addAll(fixedParams);
    for (String name : new TreeSet<>(o.keySet())) {
      String p = path + "." + name;
      if (!allowed.contains(name)) {
        problems.add(o.get(name), p, "unknown hyperparameter '" + name + "'" + Suggestions.didYouMean(name, allowed),
            allowed.isEmpty() ? "the grid has no hyperparameter axes; add one under grid.params first"
                : "allowed: " + String.join(", ", allowed));
        continue;
      }
      ParamKey<?> key = ParamKeys.named(name).orElse(null);
      List<String> values = typed.axis(o.get(name), p, (x, q) -> typed.single(paramValue(x, q, key)), true);
      if (values != null) {
        params.put(name, values);
      }
    }
    return params;
  }

  // ---- axis values ---------------------------------------------------------------------

  private List<Method> methods(ConfigValue v, String path) {
    return typed.single(typed.word(v, path, "method", Method.values(), Method::label));
  }

  private List<SampleSize> sampleSizes(ConfigValue v, String path, DatasetKind kind) {
    String example = "n = [1, 10, 1000, full]";
    Long count = null;
    if (v.valueType() == ConfigValueType.STRING) {
      String s = ((String) v.unwrapped()).trim().toLowerCase(Locale.ROOT);
      if (s.equals("full")) {
        return List.of(SampleSize.FULL);
      }
      if (s.matches("-?[0-9]{1,18}")) {
        count = Long.parseLong(s);
      }
    } else if (v.valueType() == ConfigValueType.NUMBER && typed.isWhole((Number) v.unwrapped())) {
      count = ((Number) v.unwrapped()).longValue();
    }
    if (count == null) {
      problems.add(v, path, "expected a positive whole number or full, got " + typed.describe(v), "write " + example);
      return null;
    }
    if (count < 1 || count > Integer.MAX_VALUE) {
      problems.add(v, path, "N = " + count + " is not a number of source images",
          "use 1 or more (and at most the training split's size), or full");
      return null;
    }
    if (kind != null && kind.trainSize() > 0 && count > kind.trainSize()) {
      problems.add(v, path, "N = " + count + " is larger than the " + kind.trainSize() + " images of the "
          + kind + " training split", "use at most " + kind.trainSize() + ", or full for the whole split");
      return null;
    }
    return List.of(SampleSize.of(count.intValue()));
  }

  private List<AugmentationSubset> augmentations(ConfigValue v, String path) {
    String allowed = "allowed: none, all, every-subset, or scale, rotation and jitter joined by '+'"
        + " in quotes, e.g. \"scale+rotation\"";
    if (v.valueType() != ConfigValueType.STRING) {
      problems.add(v, path, "expected an augmentation subset, got " + typed.describe(v), allowed);
      return null;
    }
    String text = ((String) v.unwrapped()).trim();
    if (text.equalsIgnoreCase(EVERY_SUBSET)) {
      return AugmentationSubset.everySubset();
    }
    try {
      return List.of(AugmentationSubset.parse(text));
    } catch (IllegalArgumentException e) {
      List<String> words = new ArrayList<>(List.of("none", "all", EVERY_SUBSET));
      Arrays.stream(Augmentation.values()).map(Augmentation::label).forEach(words::add);
      String bad = Arrays.stream(text.toLowerCase(Locale.ROOT).split("[+,]")).map(String::trim)
          .filter(w -> !words.contains(w)).findFirst().orElse(text);
      problems.add(v, path, "unknown augmentation '" + bad + "'" + Suggestions.didYouMean(bad, words)
          + (bad.equals(text) ? "" : " in '" + text + "'"), allowed);
      return null;
    }
  }

  private List<String> sourcePaths(ConfigValue v, String path, Map<String, String> sources) {
    String name = typed.text(v, path, "source = [A]");
    if (name == null) {
      return null;
    }
    if (name.equals(SPLIT)) {
      return List.of("");
    }
    if (sources.containsKey(name)) {
      return List.of(sources.get(name));
    }
    List<String> names = new ArrayList<>(sources.keySet());
    names.add(SPLIT);
    problems.add(v, path, "unknown source '" + name + "'" + Suggestions.didYouMean(name, names),
        (sources.isEmpty() ? "declare it: sources { " + name + " = \"/path/to/image.jpg\" }"
            : "declared sources: " + String.join(", ", sources.keySet()))
            + "; or use split for an image drawn from the training split");
    return null;
  }

  private Long seed(ConfigValue v, String path) {
    if (v.valueType() == ConfigValueType.NUMBER && typed.isWhole((Number) v.unwrapped())) {
      long seed = ((Number) v.unwrapped()).longValue();
      if (seed >= 0) {
        return seed;
      }
    }
    problems.add(v, path, "expected a whole number >= 0, got " + typed.describe(v), "write seed = [0, 1, 2]");
    return null;
  }

  /**
   * The canonical text of a parameter value (0.10, 1e-1 and 0.1 all read {@code 0.1}), or null
   * after recording why it does not suit {@code key} (null: a name already reported).
   */
  private String paramValue(ConfigValue v, String path, ParamKey<?> key) {
    String text = typed.canonicalValue(v, path);
    if (text == null || key == null) {
      return text;
    }
    Optional<ParamIssue> issue = key.check(text);
    issue.ifPresent(i -> problems.add(v, path, i.problem(), i.fix()));
    return issue.isPresent() ? null : text;
  }

}
