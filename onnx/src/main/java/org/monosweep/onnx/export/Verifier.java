package org.monosweep.onnx.export;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.monosweep.onnx.embed.ExecutionProvider;
import org.monosweep.onnx.embed.Scorer;
import org.monosweep.trainer.model.EncoderArchitecture;
import org.monosweep.trainer.model.FoldedEncoder;
import org.monosweep.trainer.model.ProbePooling;
import org.monosweep.trainer.probe.LayerProbe;
import org.monosweep.trainer.train.CellFailure;

/**
 * Checks exported models against the reference computation on one batch: the DJL forward pass
 * of the {@link FoldedEncoder} (what probes measured) for every conv output, and the probe's
 * head applied in double precision to those DJL features, pooled as the probe read them
 * ({@link ProbePooling}), for a classifier. Models run on the
 * CPU provider: a GPU's reduced-precision convolutions (TF32) would be a false alarm.
 */
final class Verifier {
  private final FoldedEncoder encoder;
  private final float[] images;
  private final int count;
  private final double tolerance;
  private final List<float[]> reference;
  private final List<float[]> probeReference;

  private Verifier(FoldedEncoder encoder, float[] images, int count, double tolerance,
      List<float[]> reference, List<float[]> probeReference) {
    this.encoder = encoder;
    this.images = images;
    this.count = count;
    this.tolerance = tolerance;
    this.reference = reference;
    this.probeReference = probeReference;
  }

  /** Runs the DJL reference once on the CPU for {@code count} images. */
  static Verifier create(FoldedEncoder encoder, float[] images, int count, double tolerance) {
    EncoderArchitecture arch = encoder.architecture();
    if (count < 1 || images.length < (long) count * arch.inputSize()) {
      throw new IllegalArgumentException(images.length + " values do not hold " + count
          + " images of " + arch.inputChannels() + " x " + arch.inputSide() + " x "
          + arch.inputSide());
    }
    List<float[]> reference = new ArrayList<>();
    List<float[]> probeReference = new ArrayList<>();
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        FoldedEncoder.Network network = encoder.load(manager)) {
      NDArray x = manager.create(java.nio.FloatBuffer.wrap(images, 0, count * arch.inputSize()),
          new Shape(count, arch.inputChannels(), arch.inputSide(), arch.inputSide()));
      NDList maps = network.forward(x, arch.layerCount());
      for (int k = 0; k < maps.size(); k++) {
        reference.add(maps.get(k).toFloatArray());
        probeReference.add(ProbePooling.apply(arch, k, maps.get(k)).toFloatArray());
      }
    }
    return new Verifier(encoder, images, count, tolerance, reference, probeReference);
  }

  /** Seeded uniform images in (-1, 1). */
  static float[] randomImages(long seed, EncoderArchitecture arch, int count) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    float[] out = new float[count * arch.inputSize()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return out;
  }

  /**
   * Runs the encoder export on the batch and compares every conv output.
   *
   * @throws CellFailure (permanent) naming the first output over the tolerance
   */
  Verification encoder(byte[] model, String name) {
    EncoderArchitecture arch = encoder.architecture();
    List<String> outputs = new ArrayList<>();
    for (int k = 0; k < arch.layerCount(); k++) {
      outputs.add(arch.layer(k).name());
    }
    Map<String, float[]> actual = run(model, name, outputs);
    Map<String, Double> diffs = new LinkedHashMap<>();
    for (int k = 0; k < outputs.size(); k++) {
      String output = outputs.get(k);
      double diff = maxAbsDiff(name, output, reference.get(k), actual.get(output));
      diffs.put(output, diff);
      if (!(diff <= tolerance)) {
        throw CellFailure.permanent("ONNX export of " + output + " differs from DJL by "
            + format(diff) + " > " + format(tolerance));
      }
    }
    return new Verification(name, count, diffs, tolerance);
  }

  /**
   * Runs a classifier export and compares its logits and probabilities with the probe applied
   * to the DJL features of its layer.
   *
   * @throws CellFailure (permanent) when either differs beyond the tolerance
   */
  Verification classifier(byte[] model, String name, LayerProbe probe) {
    int index = OnnxGraphs.layerIndex(encoder.architecture(), probe.layer());
    float[] features = probeReference.get(index);
    int classes = probe.classes();
    int dim = probe.featureDim();
    float[] weight = probe.weight();
    float[] bias = probe.bias();
    double[] logits = new double[count * classes];
    double scale = 1;
    for (int i = 0; i < count; i++) {
      for (int c = 0; c < classes; c++) {
        double sum = bias[c];
        for (int d = 0; d < dim; d++) {
          sum += (double) weight[c * dim + d] * features[i * dim + d];
        }
        logits[i * classes + c] = sum;
        scale = Math.max(scale, Math.abs(sum));
      }
    }
    double[] probabilities = softmax(logits, count, classes);
    Map<String, float[]> actual = run(model, name,
        List.of(OnnxGraphs.LOGITS, OnnxGraphs.PROBABILITIES));
    Map<String, Double> diffs = new LinkedHashMap<>();
    double logitDiff = maxAbsDiff(name, OnnxGraphs.LOGITS, logits,
        actual.get(OnnxGraphs.LOGITS)) / scale;
    diffs.put(OnnxGraphs.LOGITS, logitDiff);
    double probabilityDiff = maxAbsDiff(name, OnnxGraphs.PROBABILITIES, probabilities,
        actual.get(OnnxGraphs.PROBABILITIES));
    diffs.put(OnnxGraphs.PROBABILITIES, probabilityDiff);
    if (!(logitDiff <= tolerance)) {
      throw CellFailure.permanent("ONNX export of " + name + " logits differs from the "
          + probe.layer() + " probe by " + format(logitDiff) + " (relative to the largest logit, "
          + format(scale) + ") > " + format(tolerance));
    }
    if (!(probabilityDiff <= tolerance)) {
      throw CellFailure.permanent("ONNX export of " + name + " probabilities differs from the "
          + probe.layer() + " probe by " + format(probabilityDiff) + " > " + format(tolerance));
    }
    return new Verification(name, count, diffs, tolerance);
  }

  private Map<String, float[]> run(byte[] model, String name, List<String> outputs) {
    try (Scorer scorer = Scorer.open(model, name, ExecutionProvider.CPU)) {
      return scorer.run(outputs, images, count);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new CellFailure("ONNX export of " + name + " does not run in ONNX Runtime: "
          + e.getMessage(), false, e);
    }
  }

  static double[] softmax(double[] logits, int rows, int classes) {
    double[] out = new double[logits.length];
    for (int i = 0; i < rows; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        max = Math.max(max, logits[i * classes + c]);
      }
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        out[i * classes + c] = Math.exp(logits[i * classes + c] - max);
        sum += out[i * classes + c];
      }
      for (int c = 0; c < classes; c++) {
        out[i * classes + c] /= sum;
      }
    }
    return out;
  }

  private static double maxAbsDiff(String name, String output, float[] expected, float[] actual) {
    double[] wide = new double[expected.length];
    for (int i = 0; i < expected.length; i++) {
      wide[i] = expected[i];
    }
    return maxAbsDiff(name, output, wide, actual);
  }

  /** The largest |expected - actual|; NaN when any value is NaN, so it fails every bound. */
  private static double maxAbsDiff(String name, String output, double[] expected,
      float[] actual) {
    if (actual == null || actual.length != expected.length) {
      throw CellFailure.permanent("ONNX export of " + name + " returned "
          + (actual == null ? "nothing" : actual.length + " values") + " for " + output
          + ", expected " + expected.length);
    }
    double max = 0;
    for (int i = 0; i < expected.length; i++) {
      double diff = Math.abs(expected[i] - actual[i]);
      if (Double.isNaN(diff)) {
        return Double.NaN;
      }
      max = Math.max(max, diff);
    }
    return max;
  }

  private static String format(double value) {
    double abs = Math.abs(value);
    return String.format(java.util.Locale.ROOT, abs != 0 && (abs < 1e-2 || abs >= 1e4)
        ? "%.2e" : "%.4g", value);
  }
}
