package org.monosweep.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.Arrays;
import java.util.Random;

/**
 * Seeded parameter initialisation that does not touch the engine's random generator.
 *
 * <p>Every parameter gets values drawn by {@link java.util.Random} seeded with
 * {@code Seeds.derive(seed, path)}, where {@code path} is the parameter's path in the block tree.
 * The values are therefore identical, bit for bit, on every machine, engine and device, and do
 * not depend on initialisation order or on other cells running in the same process (unlike
 * {@code Engine.setRandomSeed}, which sets libtorch's process-wide generator).
 *
 * <ul>
 *   <li>conv weights (4-D): normal, std {@code sqrt(2 / (out * k * k))} (He, fan-out; the RotNet
 *       and torchvision choice for ReLU nets);
 *   <li>linear weights (2-D): uniform in {@code ±1/sqrt(fan-in)} (PyTorch's {@code nn.Linear});
 *   <li>biases, BatchNorm beta and running mean: 0; gamma and running variance: 1.
 * </ul>
 */
public final class Initialization {
  private Initialization() {}

  /**
   * Initialises {@code block} for inputs of {@code inputShapes} on {@code manager} and
   * overwrites every parameter with its seeded value.
   */
  public static void seeded(Block block, NDManager manager, long seed, Shape... inputShapes) {
    block.initialize(manager, DataType.FLOAT32, inputShapes);
    for (Pair<String, Parameter> entry : block.getParameters()) {
      NDArray array = entry.getValue().getArray();
      array.set(values(entry.getValue().getType(), entry.getKey(), array.getShape(),
          Seeds.derive(seed, entry.getKey())));
    }
  }

  private static float[] values(Parameter.Type type, String path, Shape shape, long seed) {
    int size = Math.toIntExact(shape.size());
    float[] out = new float[size];
    Random random = new Random(seed);
    switch (type) {
      case WEIGHT:
        if (shape.dimension() == 4) {
          double std = Math.sqrt(2.0 / (shape.get(0) * shape.get(2) * shape.get(3)));
          for (int i = 0; i < size; i++) {
            out[i] = (float) (random.nextGaussian() * std);
          }
        } else if (shape.dimension() == 2) {
          double bound = 1.0 / Math.sqrt(shape.get(1));
          for (int i = 0; i < size; i++) {
            out[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
          }
        } else {
          throw new IllegalArgumentException("no seeded rule for weight " + path + " of shape "
              + shape);
        }
        return out;
      case BIAS:
      case BETA:
      case RUNNING_MEAN:
        return out;
      case GAMMA:
      case RUNNING_VAR:
        Arrays.fill(out, 1f);
        return out;
      default:
        throw new IllegalArgumentException("no seeded rule for parameter " + path + " of type "
            + type + "; add one to Initialization");
    }
  }
}
