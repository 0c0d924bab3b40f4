package org.monosweep.trainer.model;

/**
 * The pooling around one conv layer of an encoder: a max-pool of its post-ReLU map before the
 * next layer (AlexNet's after conv1, conv2 and conv5), and the adaptive max-pool a linear probe
 * applies to that map (docs/protocol.md, "Linear probes": ImageNet-size probes see about 9,000
 * values per layer). Probes read the map before the max-pool.
 *
 * @param maxPoolKernel kernel side of the max-pool after the layer; 0 for none
 * @param maxPoolStride its stride; 0 for none
 * @param probeGrid side of the grid the probe's adaptive max-pool produces; 0 for none (the
 *     full map, as for CIFAR-size inputs)
 */
public record LayerPooling(int maxPoolKernel, int maxPoolStride, int probeGrid) {
  /** No pooling at all: a plain conv-norm-ReLU layer probed at full dimensionality. */
  public static final LayerPooling NONE = new LayerPooling(0, 0, 0);

  public LayerPooling {
    if (maxPoolKernel < 0 || maxPoolStride < 0 || probeGrid < 0
        || (maxPoolKernel == 0) != (maxPoolStride == 0)) {
      throw new IllegalArgumentException("bad pooling: max-pool kernel " + maxPoolKernel
          + " stride " + maxPoolStride + ", probe grid " + probeGrid);
    }
  }

  /** Whether a max-pool follows the layer. */
  public boolean hasMaxPool() {
    return maxPoolKernel > 0;
  }

  /** The side after the max-pool (no padding, floor, like PyTorch); {@code side} without one. */
  public int pooledSide(int side) {
    if (!hasMaxPool()) {
      return side;
    }
    int pooled = (side - maxPoolKernel) / maxPoolStride + 1;
    if (side < maxPoolKernel) {
      throw new IllegalArgumentException("a max-pool of " + maxPoolKernel + " cannot take a map"
          + " of side " + side);
    }
    return pooled;
  }

  /**
   * The side of the probe's input for a map of side {@code side}: the probe grid, but never
   * more than the map (a small input is probed unpooled rather than upsampled).
   */
  public int probeSide(int side) {
    return probeGrid == 0 ? side : Math.min(side, probeGrid);
  }
}
