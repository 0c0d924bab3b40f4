package org.monosweep.results.store;

import java.util.Objects;
import org.monosweep.spec.CellId;

/**
 * One layer's linear probe of a finished cell.
 *
 * @param cellId the cell
 * @param layer the layer's name, {@code conv1} ... {@code convK}
 * @param layerIndex the layer's position in the result, 0 for the first conv layer
 * @param top1 test top-1 accuracy in [0, 1]
 * @param epochs probe epochs trained
 * @param featureDim the probe's input dimension
 */
public record ProbeRow(CellId cellId, String layer, int layerIndex, double top1, int epochs,
    int featureDim) {
  public ProbeRow {
    Objects.requireNonNull(cellId, "cellId");
    Objects.requireNonNull(layer, "layer");
  }
}
