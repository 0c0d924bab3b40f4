package org.monosweep.spec;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The axes of a sweep's grid, each a non-empty list of distinct values in the order the spec
 * wrote them. Expansion takes their cross product in a fixed axis order: method, N,
 * augmentation, source, the hyperparameter axes sorted by name, then seed (fastest).
 *
 * @param methods the methods
 * @param sampleSizes the values of N
 * @param augmentations the augmentation subsets
 * @param sources the single-image source paths used by N = 1 cells; {@code ""} stands for a
 *     source drawn from the training split by seed
 * @param params hyperparameter axes: name to canonical value texts, sorted by name
 * @param seeds the seeds
 */
public record GridAxes(
    List<Method> methods,
    List<SampleSize> sampleSizes,
    List<AugmentationSubset> augmentations,
    List<String> sources,
    SortedMap<String, List<String>> params,
    List<Long> seeds) {

  public GridAxes {
    methods = nonEmpty(methods, "method");
    sampleSizes = nonEmpty(sampleSizes, "n");
    augmentations = nonEmpty(augmentations, "augmentation");
    sources = nonEmpty(sources, "source");
    TreeMap<String, List<String>> copy = new TreeMap<>();
    params.forEach((k, v) -> copy.put(k, nonEmpty(v, "params." + k)));
    params = Collections.unmodifiableSortedMap(copy);
    seeds = nonEmpty(seeds, "seed");
  }

  /** The first value of every hyperparameter axis: what an include rule gets by default. */
  public Map<String, String> firstParams() {
    TreeMap<String, String> first = new TreeMap<>();
    params.forEach((k, v) -> first.put(k, v.get(0)));
    return first;
  }

  private static <T> List<T> nonEmpty(List<T> values, String axis) {
    List<T> copy = List.copyOf(values);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("grid." + axis + " must list at least one value");
    }
    if (copy.stream().distinct().count() != copy.size()) {
      throw new IllegalArgumentException("grid." + axis + " lists a value twice: " + copy);
    }
    return copy;
  }
}
