package org.monosweep.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * What a linear probe reads from a layer: its post-ReLU map, adaptive-max-pooled to the
 * architecture's {@link EncoderArchitecture#probeShape probe shape}. The pooling follows
 * PyTorch's {@code AdaptiveMaxPool2d} (cell i covers rows {@code floor(i H / s)} to
 * {@code ceil((i + 1) H / s)}), built from slices and max reductions because DJL's API has no
 * adaptive pooling; when the side divides evenly it is one ordinary max-pool.
 */
public final class ProbePooling {
  private ProbePooling() {}

  /**
   * The probe input of layer {@code index} (0-based) from its map ({@code N x C x H x W}); the
   * map itself when the layer's probe does not pool. New arrays are on the map's manager.
   */
  public static NDArray apply(EncoderArchitecture architecture, int index, NDArray map) {
    int side = Math.toIntExact(map.getShape().get(2));
    int grid = architecture.pooling(index).probeSide(side);
    if (grid == side) {
      return map;
    }
    if (side % grid == 0) {
      Shape window = new Shape(side / grid, side / grid);
      return Pool.maxPool2d(map, window, window, new Shape(0, 0), false);
    }
    NDArray rows = adaptiveMax(map, 2, side, grid);
    NDArray pooled = adaptiveMax(rows, 3, side, grid);
    rows.close();
    return pooled;
  }

  private static NDArray adaptiveMax(NDArray x, int axis, int side, int grid) {
    NDList cells = new NDList(grid);
    for (int i = 0; i < grid; i++) {
      int from = Math.floorDiv(i * side, grid);
      int to = -Math.floorDiv(-(i + 1) * side, grid);
      NDArray slice = x.get(axis == 2 ? new NDIndex(":, :, {}:{}, :", from, to)
          : new NDIndex(":, :, :, {}:{}", from, to));
      cells.add(slice.max(new int[] {axis}, true));
      slice.close();
    }
    NDArray out = NDArrays.concat(cells, axis);
    cells.close();
    return out;
  }
}
