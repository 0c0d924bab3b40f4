package org.monosweep.spec;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An {@code exclude} or {@code include} rule of a spec: for each axis, the values it names.
 *
 * <p>As an exclude rule it matches a cell when every axis it names holds the cell's value;
 * an axis it leaves empty matches anything. Rules match resolved cells: {@code supervised} and
 * {@code random} cells have N {@code full}, every N {@code full} cell has augmentation
 * {@code none}, and a rule that names sources only matches N = 1 cells. As an include rule it adds the cross product of its
 * values, an empty axis taking the grid's first value.
 *
 * @param methods methods, or empty
 * @param sampleSizes values of N, or empty
 * @param augmentations augmentation subsets, or empty
 * @param sources source image paths ({@code ""} for a source drawn from the training split), or empty
 * @param params hyperparameter name to canonical values; names not listed are unconstrained
 * @param seeds seeds, or empty
 */
public record CellRule(
    List<Method> methods,
    List<SampleSize> sampleSizes,
    List<AugmentationSubset> augmentations,
    List<String> sources,
    Map<String, List<String>> params,
    List<Long> seeds) {

  public CellRule {
    methods = List.copyOf(methods);
    sampleSizes = List.copyOf(sampleSizes);
    augmentations = List.copyOf(augmentations);
    sources = List.copyOf(sources);
    TreeMap<String, List<String>> copy = new TreeMap<>();
    params.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    params = Collections.unmodifiableSortedMap(copy);
    seeds = List.copyOf(seeds);
  }

  /** Whether this rule, read as an exclude rule, matches {@code cell}. */
  public boolean matches(Cell cell) {
    return (methods.isEmpty() || methods.contains(cell.method()))
        && (sampleSizes.isEmpty() || sampleSizes.contains(cell.n()))
        && (augmentations.isEmpty() || augmentations.contains(cell.augmentation()))
        && (sources.isEmpty() || (isSingleSource(cell) && sources.contains(cell.source())))
        && (seeds.isEmpty() || seeds.contains(cell.seed()))
        && params.entrySet().stream()
            .allMatch(e -> e.getValue().contains(cell.params().values().get(e.getKey())));
  }

  private static boolean isSingleSource(Cell cell) {
    return !cell.n().isFull() && cell.n().count() == 1;
  }
}
