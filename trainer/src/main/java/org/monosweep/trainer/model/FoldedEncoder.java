package org.monosweep.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A frozen encoder with BatchNorm folded into its convs, weights held as plain float arrays:
 * {@code w' = w * gamma / sqrt(var + eps)}, {@code b' = (b - mean) * gamma / sqrt(var + eps) + beta}.
 * Its output equals the trained encoder's inference-mode output (within float rounding).
 *
 * <p>This is the network that probes measure and that the ONNX exporter writes, so what is
 * reported is what is shipped. Immutable and thread-safe; {@link #load} puts the weights on a
 * device for a forward pass.
 */
public final class FoldedEncoder {
  private final EncoderArchitecture architecture;
  private final List<FoldedConv> layers;

  private FoldedEncoder(EncoderArchitecture architecture, List<FoldedConv> layers) {
    this.architecture = architecture;
    this.layers = List.copyOf(layers);
  }

  /**
   * Folds a trained (or freshly initialised) encoder. The encoder is only read.
   *
   * @throws IllegalStateException when the encoder has not been initialised
   */
  public static FoldedEncoder fold(ConvEncoder encoder) {
    EncoderArchitecture arch = encoder.architecture();
    List<FoldedConv> folded = new ArrayList<>();
    for (int k = 0; k < arch.layerCount(); k++) {
      ConvLayer layer = arch.layer(k);
      Conv2d conv = encoder.convs().get(k);
      float[] w = values(conv.getParameters().get("weight"));
      int out = layer.outChannels();
      double[] bias = new double[out];
      if (arch.normalization() == Normalization.NONE) {
        float[] b = values(conv.getParameters().get("bias"));
        for (int o = 0; o < out; o++) {
          bias[o] = b[o];
        }
        folded.add(new FoldedConv(layer, w, toFloat(bias)));
        continue;
      }
      Block norm = encoder.norms().get(k);
      float[] gamma = values(norm.getParameters().get("gamma"));
      float[] beta = values(norm.getParameters().get("beta"));
      float[] mean = values(norm.getParameters().get("runningMean"));
      float[] var = values(norm.getParameters().get("runningVar"));
      int perFilter = w.length / out;
      float[] wf = new float[w.length];
      for (int o = 0; o < out; o++) {
        double scale = gamma[o] / Math.sqrt(var[o] + (double) EncoderArchitecture.BATCH_NORM_EPSILON);
        for (int i = o * perFilter; i < (o + 1) * perFilter; i++) {
          wf[i] = (float) (w[i] * scale);
        }
        // the conv has no bias under BatchNorm, so b = 0
        bias[o] = -mean[o] * scale + beta[o];
      }
      folded.add(new FoldedConv(layer, wf, toFloat(bias)));
    }
    return new FoldedEncoder(arch, folded);
  }

  /**
   * An encoder from already-folded weights (for example read back from a file).
   *
   * @throws IllegalArgumentException when the layers do not match the architecture
   */
  public static FoldedEncoder of(EncoderArchitecture architecture, List<FoldedConv> layers) {
    Objects.requireNonNull(architecture, "architecture");
    if (layers.size() != architecture.layerCount()) {
      throw new IllegalArgumentException("expected " + architecture.layerCount() + " layers, got "
          + layers.size());
    }
    for (int k = 0; k < layers.size(); k++) {
      if (!layers.get(k).layer().equals(architecture.layer(k))) {
        throw new IllegalArgumentException("layer " + k + " is " + layers.get(k).layer()
            + " but the architecture has " + architecture.layer(k));
      }
    }
    return new FoldedEncoder(architecture, layers);
  }

  /** The shape of this encoder. */
  public EncoderArchitecture architecture() {
    return architecture;
  }

  /** The folded layers, conv1 first. */
  public List<FoldedConv> layers() {
    return layers;
  }

  /** Layer {@code index} (0-based). */
  public FoldedConv layer(int index) {
    return layers.get(index);
  }

  /**
   * Puts the weights on {@code manager}'s device for forward passes. Close the network to free
   * them; it must not outlive {@code manager}.
   */
  public Network load(NDManager manager) {
    return new Network(manager.newSubManager());
  }

  private static float[] values(Parameter parameter) {
    if (parameter == null || !parameter.isInitialized()) {
      throw new IllegalStateException("the encoder has not been initialised");
    }
    return parameter.getArray().toFloatArray();
  }

  private static float[] toFloat(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  /** The folded weights on a device. Not thread-safe: one forward at a time. */
  public final class Network implements AutoCloseable {
    private final NDManager manager;
    private final List<NDArray> weights = new ArrayList<>();
    private final List<NDArray> biases = new ArrayList<>();

    private Network(NDManager manager) {
      this.manager = manager;
      for (FoldedConv conv : layers) {
        weights.add(manager.create(conv.weightView(), new Shape(conv.weightShape())));
        biases.add(manager.create(conv.biasView()));
      }
    }

    /** The encoder this network runs. */
    public FoldedEncoder encoder() {
      return FoldedEncoder.this;
    }

    /**
     * Runs the first {@code depth} layers on {@code images} ({@code (batch, 3, S, S)}),
     * max-pooling between layers where the architecture says so.
     *
     * @return the post-ReLU map of layers 1..depth (before any max-pool), on the manager of
     *     {@code images}
     */
    public NDList forward(NDArray images, int depth) {
      if (depth < 1 || depth > layers.size()) {
        throw new IllegalArgumentException("depth must be in 1.." + layers.size() + ", got " + depth);
      }
      NDList maps = new NDList(depth);
      NDArray x = images;
      for (int k = 0; k < depth; k++) {
        ConvLayer layer = layers.get(k).layer();
        NDArray conv = Conv2d.conv2d(x, weights.get(k), biases.get(k),
            new Shape(layer.stride(), layer.stride()),
            new Shape(layer.padding(), layer.padding())).singletonOrThrow();
        x = Activation.relu(conv);
        conv.close();
        maps.add(x);
        LayerPooling pooling = architecture.pooling(k);
        if (pooling.hasMaxPool() && k + 1 < depth) {
          Shape window = new Shape(pooling.maxPoolKernel(), pooling.maxPoolKernel());
          Shape stride = new Shape(pooling.maxPoolStride(), pooling.maxPoolStride());
          x = Pool.maxPool2d(x, window, stride, new Shape(0, 0), false);
        }
      }
      return maps;
    }

    @Override
    public void close() {
      manager.close();
    }
  }
}
