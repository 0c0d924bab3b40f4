package org.monosweep.trainer.model;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/** Method heads that sit on a {@link ConvEncoder}'s output. */
public final class Heads {
  private Heads() {}

  /**
   * Global-average-pools the encoder's last feature map and maps it linearly to
   * {@code classes} logits: the RotNet head ({@code classes} = 4) and the supervised head.
   * Its input is the encoder's whole output list; it reads only the last element.
   */
  public static Block pooledLinear(int classes) {
    if (classes < 2) {
      throw new IllegalArgumentException("a classifier head needs >= 2 classes, got " + classes);
    }
    return new SequentialBlock()
        .add(maps -> new NDList(Pool.globalAvgPool2d(maps.get(maps.size() - 1))), "lastMapPool")
        .add(Linear.builder().setUnits(classes).build());
  }

  /**
   * The encoder followed by {@code head}: one block for a DJL {@code Model} and
   * {@code Trainer}. The encoder's parameters are shared, not copied.
   */
  public static Block withHead(ConvEncoder encoder, Block head) {
    return new SequentialBlock().add(encoder.block()).add(head);
  }
}
