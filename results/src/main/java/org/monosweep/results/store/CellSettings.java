package org.monosweep.results.store;

import java.util.Objects;
import org.monosweep.spec.AugmentationSubset;
import org.monosweep.spec.CellId;
import org.monosweep.spec.DatasetRef;
import org.monosweep.spec.EncoderKind;
import org.monosweep.spec.Hyperparameters;
import org.monosweep.spec.Method;
import org.monosweep.spec.SampleSize;

/**
 * The settings of a stored cell that reports group and sort by; the complete settings are in
 * {@link #json()}.
 *
 * @param method the training method
 * @param n the number of real sources
 * @param augmentation the enabled augmentations
 * @param seed the cell's seed
 * @param dataset the labelled dataset
 * @param source the single source image's path, or empty
 * @param encoder the probed architecture
 * @param variant the id the same settings have with seed 0: cells that differ only by seed
 *     share it, so a report aggregates over seeds by grouping on it
 * @param json every setting of the cell as compact JSON
 */
public record CellSettings(
    Method method,
    SampleSize n,
    AugmentationSubset augmentation,
    long seed,
    DatasetRef dataset,
    String source,
    EncoderKind encoder,
    CellId variant,
    String json) {

  public CellSettings {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(n, "n");
    Objects.requireNonNull(augmentation, "augmentation");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(json, "json");
  }

  /** The cell's method parameters, read from {@link #json()}. */
  public Hyperparameters params() {
    return SettingsParams.read(json);
  }

  /** A short human label, as {@link org.monosweep.spec.Cell#label()}: {@code rotnet N=1 all seed=0}. */
  public String label() {
    return method.label() + " N=" + n.label() + " " + augmentation.label() + " seed=" + seed;
  }
}
