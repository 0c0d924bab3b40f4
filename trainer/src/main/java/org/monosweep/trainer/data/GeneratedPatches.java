package org.monosweep.trainer.data;

import java.util.Objects;
import org.monosweep.augment.transform.PatchGenerator;

/**
 * Augmented patches rendered on every read instead of stored: for datasets too large to hold.
 * Gives the same values as the materialised form because both pass through {@link Patches}.
 * Thread-safe because the generator is.
 */
final class GeneratedPatches implements TrainingImages {
  private final PatchGenerator generator;
  private final int size;
  private final int side;
  private final boolean grayscale;

  GeneratedPatches(PatchGenerator generator, int size, int side, boolean grayscale) {
    this.generator = generator;
    this.size = size;
    this.side = side;
    this.grayscale = grayscale;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int side() {
    return side;
  }

  @Override
  public int classes() {
    return 0;
  }

  @Override
  public boolean labelled() {
    return false;
  }

  @Override
  public void read(int[] indices, float[] out, int[] labelsOut) {
    int length = generator.patchLength();
    for (int k = 0; k < indices.length; k++) {
      generator.patch(Objects.checkIndex(indices[k], size), out, k * length);
      Patches.quantiseInPlace(out, k * length, side, grayscale);
    }
  }
}
