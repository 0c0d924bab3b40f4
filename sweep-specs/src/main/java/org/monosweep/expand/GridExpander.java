package org.monosweep.expand;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.monosweep.spec.AugmentationSubset;
import org.monosweep.spec.Cell;
import org.monosweep.spec.CellId;
import org.monosweep.spec.CellRule;
import org.monosweep.spec.GridAxes;
import org.monosweep.spec.Hyperparameters;
import org.monosweep.spec.Method;
import org.monosweep.spec.MethodParams;
import org.monosweep.spec.MethodSettings;
import org.monosweep.spec.SampleSize;
import org.monosweep.spec.SweepDefinition;
import org.monosweep.spec.TrainBudget;

/**
 * Expands a {@link SweepDefinition} into its cells, deterministically.
 *
 * <ol>
 *   <li>Cross product of the axes in a fixed order, each axis in the order the spec wrote it:
 *       method (slowest), N, augmentation, source, hyperparameter axes sorted by name, seed
 *       (fastest), so that the cells of one setting that differ only by seed sit together.</li>
 *   <li>Each point is resolved to what will run: methods that do not train on sources get N
 *       {@code full}; cells with N {@code full} train on d real images, so they get
 *       augmentation {@code none} and d at most the split's size (when known); only N = 1 cells
 *       keep a source; each cell keeps the hyperparameter axes its method takes ({@link MethodParams}:
 *       {@code random} takes only {@code input_size}), so a method is not run twice for a value it
 *       ignores; each method's budget and fixed hyperparameters apply.</li>
 *   <li>Cells matched by an exclude rule are dropped; include rules then add theirs.</li>
 *   <li>Duplicates (same {@link CellId}) are removed, keeping the first.</li>
 * </ol>
 *
 * <p>Most callers want {@link org.monosweep.expand.SpecLoader}, which validates before expanding.
 */
public final class GridExpander {
  private GridExpander() {
  }

  /** The cells of {@code definition} in grid order, then those its include rules add. */
  public static List<Cell> expand(SweepDefinition definition) {
    Map<CellId, Cell> cells = new LinkedHashMap<>();
    GridAxes grid = definition.grid();
    List<Map<String, String>> paramPoints = crossProduct(grid.params());
    for (Method method : grid.methods()) {
      for (SampleSize n : grid.sampleSizes()) {
        for (AugmentationSubset augmentation : grid.augmentations()) {
          for (String source : grid.sources()) {
            for (Map<String, String> params : paramPoints) {
              for (long seed : grid.seeds()) {
                Cell cell = resolve(definition, method, n, augmentation, source, params, seed);
                if (definition.exclude().stream().noneMatch(rule -> rule.matches(cell))) {
                  cells.putIfAbsent(cell.id(), cell);
                }
              }
            }
          }
        }
      }
    }
    for (CellRule rule : definition.include()) {
      for (Cell cell : included(definition, rule)) {
        cells.putIfAbsent(cell.id(), cell);
      }
    }
    return List.copyOf(cells.values());
  }

  /** The cross product of an include rule, an axis it leaves empty taking the grid's first value. */
  private static List<Cell> included(SweepDefinition definition, CellRule rule) {
    GridAxes grid = definition.grid();
    TreeMap<String, List<String>> paramAxes = new TreeMap<>();
    grid.firstParams().forEach((name, first) -> paramAxes.put(name, List.of(first)));
    paramAxes.putAll(rule.params());
    List<Cell> cells = new ArrayList<>();
    for (Method method : orFirst(rule.methods(), grid.methods())) {
      for (SampleSize n : orFirst(rule.sampleSizes(), grid.sampleSizes())) {
        for (AugmentationSubset augmentation : orFirst(rule.augmentations(), grid.augmentations())) {
          for (String source : orFirst(rule.sources(), grid.sources())) {
            for (Map<String, String> params : crossProduct(paramAxes)) {
              for (long seed : orFirst(rule.seeds(), grid.seeds())) {
                cells.add(resolve(definition, method, n, augmentation, source, params, seed));
              }
            }
          }
        }
      }
    }
    return cells;
  }

  private static Cell resolve(SweepDefinition definition, Method method, SampleSize n,
      AugmentationSubset augmentation, String source, Map<String, String> axisParams, long seed) {
    MethodSettings settings = definition.settingsFor(method);
    SampleSize size = method.trainsOnSources() ? n : SampleSize.FULL;
    // N = full is the paper's N = d: d real images (at most the whole split) with only the
    // method's native augmentation, whatever the subset says. Resolve both to what runs, so
    // that equal runs get equal ids (and the plan counts the images they really see).
    AugmentationSubset subset = size.isFull() ? AugmentationSubset.NONE : augmentation;
    TrainBudget budget = settings.budget();
    int split = definition.dataset().kind().trainSize();
    if (size.isFull() && split > 0 && budget.datasetSize() > split) {
      budget = new TrainBudget(budget.epochs(), split, budget.batchSize());
    }
    String cellSource = !size.isFull() && size.count() == 1 ? source : "";
    Map<String, String> params = new TreeMap<>();
    axisParams.forEach((name, value) -> {
      if (MethodParams.declares(method, name)) {
        params.put(name, value);
      }
    });
    params.putAll(settings.params().values());
    return Cell.of(method, size, subset, seed, definition.dataset(), cellSource, definition.encoder(),
        budget, definition.probe(), new Hyperparameters(params));
  }

  /** Every combination of the axes' values, names sorted, the last name varying fastest. */
  private static List<Map<String, String>> crossProduct(Map<String, List<String>> axes) {
    List<Map<String, String>> points = new ArrayList<>();
    points.add(new TreeMap<>());
    for (Map.Entry<String, List<String>> axis : new TreeMap<>(axes).entrySet()) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> point : points) {
        for (String value : axis.getValue()) {
          Map<String, String> extended = new TreeMap<>(point);
          extended.put(axis.getKey(), value);
          next.add(extended);
        }
      }
      points = next;
    }
    return points;
  }

  private static <T> List<T> orFirst(List<T> values, List<T> gridValues) {
    return values.isEmpty() ? List.of(gridValues.get(0)) : values;
  }
}
