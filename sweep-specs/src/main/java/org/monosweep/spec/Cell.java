package org.monosweep.spec;

import java.util.Objects;
import java.util.StringJoiner;

/**
 * One point of a sweep's grid with every setting resolved: what a node needs to train and
 * probe it, and nothing about where or when it runs.
 *
 * @param id the canonical id, derived from all other components
 * @param method the training method
 * @param n the number of real source images
 * @param augmentation the enabled augmentations
 * @param seed fixes the cell's augmented data, source choice and initialisation
 * @param dataset the labelled dataset (probes, full-N training, N>1 sources)
 * @param source for N = 1, the path of the single source image; empty when sources are drawn
 *     from the training split
 * @param encoder the architecture trained and probed
 * @param budget epochs, d and batch size
 * @param probe the linear-probe protocol
 * @param params the method's hyperparameters
 */
public record Cell(
    CellId id,
    Method method,
    SampleSize n,
    AugmentationSubset augmentation,
    long seed,
    DatasetRef dataset,
    String source,
    EncoderKind encoder,
    TrainBudget budget,
    ProbeSettings probe,
    Hyperparameters params) {

  public Cell {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(n, "n");
    Objects.requireNonNull(augmentation, "augmentation");
    Objects.requireNonNull(dataset, "dataset");
    source = source == null ? "" : source;
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(params, "params");
  }

  /** Builds a cell whose id is computed from the given settings. */
  public static Cell of(Method method, SampleSize n, AugmentationSubset augmentation, long seed,
      DatasetRef dataset, String source, EncoderKind encoder, TrainBudget budget,
      ProbeSettings probe, Hyperparameters params) {
    String canonical = canonicalForm(method, n, augmentation, seed, dataset, source == null ? "" : source,
        encoder, budget, probe, params);
    return new Cell(CellId.ofCanonical(canonical), method, n, augmentation, seed, dataset, source,
        encoder, budget, probe, params);
  }

  /**
   * The parameter {@code key}: the cell's value, or the default of the cell's method.
   *
   * @throws IllegalArgumentException when the method does not take {@code key} ({@link
   *     MethodParams}), or the cell's text is not of its type
   */
  public <T> T get(ParamKey<T> key) {
    return params.get(MethodParams.forMethod(method, key));
  }

  /** A short human label: {@code rotnet N=1 all seed=0}. */
  public String label() {
    return method.label() + " N=" + n.label() + " " + augmentation.label() + " seed=" + seed;
  }

  /** The canonical text the id hashes: every resolved setting, in a fixed order. */
  public String canonicalForm() {
    return canonicalForm(method, n, augmentation, seed, dataset, source, encoder, budget, probe, params);
  }

  private static String canonicalForm(Method method, SampleSize n, AugmentationSubset augmentation,
      long seed, DatasetRef dataset, String source, EncoderKind encoder, TrainBudget budget,
      ProbeSettings probe, Hyperparameters params) {
    StringJoiner j = new StringJoiner(";", "v1;", "");
    j.add("method=" + method.label());
    j.add("n=" + n.label());
    j.add("augmentation=" + augmentation.label());
    j.add("seed=" + seed);
    j.add("dataset=" + dataset.kind().label() + ":" + dataset.path());
    j.add("source=" + source);
    j.add("encoder=" + encoder.label());
    j.add("budget=" + budget.epochs() + "/" + budget.datasetSize() + "/" + budget.batchSize());
    j.add("probe=" + probe.epochs() + "/" + probe.learningRate() + "/" + probe.lrDropEpochs() + "/"
        + probe.lrDropFactor() + "/" + probe.momentum() + "/" + probe.weightDecay() + "/"
        + probe.batchSize() + "/" + probe.trainLimit() + "/" + probe.testLimit());
    params.values().forEach((k, v) -> j.add("param." + k + "=" + v));
    return j.toString();
  }
}
