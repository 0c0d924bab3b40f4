package org.monosweep.trainer.methods.cluster;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import java.nio.FloatBuffer;
import java.util.function.BooleanSupplier;
import org.monosweep.trainer.data.TrainingImages;
import org.monosweep.trainer.model.ConvEncoder;
import org.monosweep.trainer.model.EncoderArchitecture;
import org.monosweep.trainer.train.CellFailure;

/**
 * The features DeepCluster clusters: every image's last conv map, global-average-pooled to one
 * value per channel (the input of the classifier head), computed in inference mode (BatchNorm
 * running statistics) on the images as they are, without native augmentation.
 */
final class PooledFeatures {
  private static final int BATCH = 256;

  private PooledFeatures() {}

  /**
   * The N x C features of all {@code images}, on {@code target}.
   *
   * @throws CellFailure {@code interrupted} when {@code cancelled} turns true
   */
  static NDArray extract(ConvEncoder encoder, TrainingImages images, NDManager target,
      BooleanSupplier cancelled) {
    EncoderArchitecture arch = encoder.architecture();
    int last = arch.layerCount() - 1;
    int channels = arch.layer(last).outChannels();
    int rows = images.size();
    int side = arch.inputSide();
    int imageSize = arch.inputSize();
    NDArray out = target.zeros(new Shape(rows, channels));
    float[] buffer = new float[Math.min(BATCH, rows) * imageSize];
    for (int from = 0; from < rows; from += BATCH) {
      if (cancelled.getAsBoolean()) {
        throw new CellFailure("interrupted", true, null);
      }
      int n = Math.min(BATCH, rows - from);
      int[] indices = new int[n];
      for (int i = 0; i < n; i++) {
        indices[i] = from + i;
      }
      images.read(indices, buffer, null);
      try (NDManager step = target.newSubManager()) {
        NDArray x = step.create(FloatBuffer.wrap(buffer, 0, n * imageSize),
            new Shape(n, arch.inputChannels(), side, side));
        NDList maps = encoder.forward(x, false);
        out.set(new NDIndex("{}:{}", from, from + n), Pool.globalAvgPool2d(maps.get(last)));
      }
    }
    return out;
  }
}
