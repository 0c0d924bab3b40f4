package org.monosweep.trainer.methods.gan;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.monosweep.trainer.model.ConvLayer;
import org.monosweep.trainer.model.EncoderArchitecture;

/**
 * Every engine kernel the GAN steps run, at the shapes they run it, in float32 (the kernels
 * training uses: oneDNN convolutions, MKL products, vectorised ATen loops) against the same
 * operation in float64 (ATen's reference kernels, which oneDNN does not serve), forward and
 * backward to every input, from the same seeded values.
 *
 * <p>Why: issue 13 saw BiGAN and the WGAN-GP critic turn to NaN at step 2 on one CPU kind (AMD
 * family 26) and never on this one. When a native kernel is at fault on some machine, this test
 * names it there, as one operation with its shape, instead of a NaN loss many operations later.
 * Input 1 is the data: its gradient through a first conv (3 input channels) is what only the
 * GANs compute (the critic's penalty, BiGAN's generator through its discriminator); the
 * classifying methods never differentiate with respect to their images.
 */
class EngineKernelsTest {
  private static final EncoderArchitecture SMALL4 = EncoderArchitecture.small4();
  private static final int BATCH = 64;

  /** One operation on its inputs, with the inputs' shapes. */
  record Kernel(String name, Function<NDList, NDArray> op, Shape... inputs) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Kernel> kernels() {
    List<Kernel> kernels = new ArrayList<>();
    for (ConvLayer layer : SMALL4.layers()) {
      int side = SMALL4.inputSide();
      for (ConvLayer before : SMALL4.layers()) {
        if (before == layer) {
          break;
        }
        side = (side + 2 * before.padding() - before.kernel()) / before.stride() + 1;
      }
      kernels.add(new Kernel("critic " + layer.name() + " conv without bias",
          in -> conv(in.get(0), in.get(1), null, layer.stride(), layer.padding()),
          new Shape(BATCH, layer.inChannels(), side, side),
          new Shape(layer.outChannels(), layer.inChannels(), layer.kernel(), layer.kernel())));
    }
    // WganGpMemoryTest's tiny critic, which failed on that machine every time
    kernels.add(new Kernel("tiny critic conv1, batch 8", in -> conv(in.get(0), in.get(1), null,
        2, 1), new Shape(8, 3, 8, 8), new Shape(8, 3, 3, 3)));
    kernels.add(new Kernel("tiny critic conv2, batch 8", in -> conv(in.get(0), in.get(1), null,
        2, 1), new Shape(8, 8, 4, 4), new Shape(16, 8, 3, 3)));
    // the DCGAN generator at width 64 for 32 px: 3x3 sub-pixel convs, the last with a bias
    kernels.add(new Kernel("generator 3x3 conv without bias", in -> conv(in.get(0), in.get(1),
        null, 1, 1), new Shape(BATCH, 256, 4, 4), new Shape(512, 256, 3, 3)));
    kernels.add(new Kernel("generator 3x3 conv with bias", in -> conv(in.get(0), in.get(1),
        in.get(2), 1, 1), new Shape(BATCH, 64, 16, 16), new Shape(12, 64, 3, 3), new Shape(12)));
    kernels.add(new Kernel("BiGAN discriminator 4x4 stride-2 conv", in -> conv(in.get(0),
        in.get(1), in.get(2), 2, 1), new Shape(2 * BATCH, 3, 32, 32), new Shape(64, 3, 4, 4),
        new Shape(64)));
    kernels.add(new Kernel("linear without bias", in -> Linear.linear(in.get(0), in.get(1))
        .singletonOrThrow(), new Shape(BATCH, 128), new Shape(4096, 128)));
    kernels.add(new Kernel("linear with bias", in -> Linear.linear(in.get(0), in.get(1),
        in.get(2)).singletonOrThrow(), new Shape(2 * BATCH, 2560), new Shape(1024, 2560),
        new Shape(1024)));
    kernels.add(new Kernel("batch norm, batch statistics", EngineKernelsTest::batchNorm,
        new Shape(BATCH, 256, 4, 4), new Shape(256), new Shape(256)));
    kernels.add(new Kernel("tanh", in -> Activation.tanh(in.get(0)),
        new Shape(BATCH, 3, 32, 32)));
    kernels.add(new Kernel("softplus", in -> Activation.softPlus(in.get(0)),
        new Shape(2 * BATCH)));
    kernels.add(new Kernel("leaky relu 0.2", in -> Activation.leakyRelu(in.get(0), 0.2f),
        new Shape(2 * BATCH, 64, 16, 16)));
    kernels.add(new Kernel("depth to space", in -> Generator.depthToSpace(in.get(0)),
        new Shape(BATCH, 512, 4, 4)));
    kernels.add(new Kernel("per-image gradient norm", in -> in.get(0).square()
        .sum(new int[] {1, 2, 3}).sqrt(), new Shape(BATCH, 3, 32, 32)));
    kernels.add(new Kernel("batch standardisation of codes", in -> {
      NDArray centred = in.get(0).sub(in.get(0).mean(new int[] {0}, true));
      return centred.div(centred.square().mean(new int[] {0}, true).add(1e-5f).sqrt());
    }, new Shape(BATCH, 128)));
    return kernels.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kernels")
  void float32KernelAgreesWithFloat64ForwardAndBackward(Kernel kernel) {
    try (NDManager manager = NDManager.newBaseManager("PyTorch");
        Autograd.Mode paused = Autograd.paused()) {
      Random random = new Random(kernel.name().hashCode());
      List<double[]> values = new ArrayList<>();
      for (Shape shape : kernel.inputs()) {
        values.add(gaussian(random, shape.size()));
      }
      Shape outputShape;
      List<double[]> reference;
      List<double[]> single;
      try (NDManager pass = manager.newSubManager()) {
        outputShape = kernel.op().apply(inputs(kernel, values, DataType.FLOAT64, pass))
            .getShape();
      }
      double[] outputGradient = gaussian(random, outputShape.size());
      try (NDManager pass = manager.newSubManager()) {
        reference = run(kernel, values, outputGradient, DataType.FLOAT64, pass);
      }
      try (NDManager pass = manager.newSubManager()) {
        single = run(kernel, values, outputGradient, DataType.FLOAT32, pass);
      }
      for (int i = 0; i < reference.size(); i++) {
        String what = i == 0 ? "output" : "gradient of input " + i;
        double[] r = reference.get(i);
        double[] s = single.get(i);
        for (int j = 0; j < s.length; j++) {
          assertThat(Double.isFinite(s[j])).as("%s: float32 %s[%d] = %s (float64: %s)",
              kernel, what, j, s[j], r[j]).isTrue();
        }
        System.out.printf("%s, %s: relative error %.1e%n", kernel, what, relativeError(s, r));
        // measured here (AMD family 25): at most 2.2e-6, the discriminator conv's weight gradient
        assertThat(relativeError(s, r)).as("%s: float32 %s against float64", kernel, what)
            .isLessThan(1e-4);
      }
    }
  }

  @ParameterizedTest(name = "beta1 {0}")
  @MethodSource("betas")
  void adamStepsAgreeWithTheTextbookUpdate(double beta1) {
    double beta2 = 0.9;
    double lr = 2e-4;
    double epsilon = 1e-8;
    Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) lr))
        .optBeta1((float) beta1).optBeta2((float) beta2).build();
    Random random = new Random(11);
    double[] weight = gaussian(random, 512);
    // a zero gradient in some entries: Adam's 0 / (0 + epsilon) there
    double[][] gradients = {gaussian(random, 512), new double[512], gaussian(random, 512)};
    double[] m = new double[512];
    double[] v = new double[512];
    try (NDManager manager = NDManager.newBaseManager("PyTorch");
        Autograd.Mode paused = Autograd.paused()) {
      NDArray w = manager.create(toFloat(weight));
      for (int t = 1; t <= gradients.length; t++) {
        double[] g = gradients[t - 1];
        try (NDManager step = manager.newSubManager()) {
          adam.update("w", w, step.create(toFloat(g)));
        }
        for (int i = 0; i < weight.length; i++) {
          m[i] = beta1 * m[i] + (1 - beta1) * g[i];
          v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
          double mHat = m[i] / (1 - Math.pow(beta1, t));
          double vHat = v[i] / (1 - Math.pow(beta2, t));
          weight[i] -= lr * mHat / (Math.sqrt(vHat) + epsilon);
        }
      }
      double[] engine = toDouble(w.toFloatArray());
      for (double x : engine) {
        assertThat(x).isFinite();
      }
      // DJL folds the bias corrections into the rate: equal up to epsilon's placement
      assertThat(relativeError(engine, weight)).isLessThan(1e-5);
    }
  }

  static Stream<Double> betas() {
    // MonoGAN's WGAN-GP uses beta1 = 0, BiGAN 0.5
    return Stream.of(0.0, 0.5);
  }

  /** The output, then the gradient of every input, as doubles. */
  private static List<double[]> run(Kernel kernel, List<double[]> values, double[] outputGradient,
      DataType type, NDManager manager) {
    NDList inputs = inputs(kernel, values, type, manager);
    List<double[]> out = new ArrayList<>();
    for (NDArray input : inputs) {
      input.setRequiresGradient(true);
    }
    NDArray output;
    try (Autograd.Mode recording = Autograd.recording()) {
      output = kernel.op().apply(inputs);
      Autograd.backward(output, manager.create(outputGradient, output.getShape())
          .toType(type, false));
    }
    out.add(toDouble(output.stopGradient()));
    for (NDArray input : inputs) {
      out.add(toDouble(input.getGradient()));
    }
    return out;
  }

  private static NDList inputs(Kernel kernel, List<double[]> values, DataType type,
      NDManager manager) {
    // created from Java arrays, so that, as for parameters and batches in training, the engine's
    // tensors alias the direct buffers DJL copies them into
    NDList inputs = new NDList();
    for (int i = 0; i < values.size(); i++) {
      Shape shape = kernel.inputs()[i];
      inputs.add(type == DataType.FLOAT32 ? manager.create(toFloat(values.get(i)), shape)
          : manager.create(values.get(i), shape));
    }
    return inputs;
  }

  private static NDArray conv(NDArray x, NDArray w, NDArray b, int stride, int padding) {
    return Conv2d.conv2d(x, w, b, new Shape(stride, stride), new Shape(padding, padding))
        .singletonOrThrow();
  }

  private static NDArray batchNorm(NDList in) {
    NDArray x = in.get(0);
    long channels = x.getShape().get(1);
    NDManager manager = x.getManager();
    NDArray runningMean = manager.zeros(new Shape(channels), x.getDataType());
    NDArray runningVar = manager.ones(new Shape(channels), x.getDataType());
    return BatchNorm.batchNorm(x, runningMean, runningVar, in.get(1), in.get(2), 1, 0.9f, 1e-5f,
        true).singletonOrThrow();
  }

  private static double[] toDouble(NDArray array) {
    return array.toType(DataType.FLOAT64, false).toDoubleArray();
  }

  private static double[] toDouble(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  private static float[] toFloat(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  private static double[] gaussian(Random random, long count) {
    double[] values = new double[Math.toIntExact(count)];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextGaussian();
    }
    return values;
  }

  private static double relativeError(double[] actual, double[] expected) {
    double difference = 0;
    double norm = 0;
    for (int i = 0; i < actual.length; i++) {
      difference += (actual[i] - expected[i]) * (actual[i] - expected[i]);
      norm += expected[i] * expected[i];
    }
    return Math.sqrt(difference / Math.max(norm, Double.MIN_NORMAL));
  }
}
