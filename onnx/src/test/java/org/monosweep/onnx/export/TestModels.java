package org.monosweep.onnx.export;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.monosweep.trainer.model.ConvLayer;
import org.monosweep.trainer.model.EncoderArchitecture;
import org.monosweep.trainer.model.FoldedConv;
import org.monosweep.trainer.model.FoldedEncoder;
import org.monosweep.trainer.probe.LayerProbe;

/** Seeded folded encoders and probes for export tests. */
final class TestModels {
  private TestModels() {}

  /**
   * small4 with seeded He-uniform weights and small non-zero biases, as a trained and folded
   * encoder would have: every layer's output is non-trivial for inputs in (-1, 1).
   */
  static FoldedEncoder encoder(long seed) {
    return encoder(EncoderArchitecture.small4(), seed);
  }

  static FoldedEncoder encoder(EncoderArchitecture arch, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<FoldedConv> layers = new ArrayList<>();
    for (ConvLayer layer : arch.layers()) {
      float[] weight = new float[layer.weightCount()];
      double bound = Math.sqrt(6.0 / (layer.inChannels() * layer.kernel() * layer.kernel()));
      for (int i = 0; i < weight.length; i++) {
        weight[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
      }
      float[] bias = new float[layer.outChannels()];
      for (int i = 0; i < bias.length; i++) {
        bias[i] = (float) ((random.nextDouble() * 2 - 1) * 0.1);
      }
      layers.add(new FoldedConv(layer, weight, bias));
    }
    return FoldedEncoder.of(arch, layers);
  }

  /**
   * A probe with seeded weights on layer {@code index} (0-based) of {@code arch}, reading the
   * layer as probes do (adaptive-max-pooled where the architecture says so).
   */
  static LayerProbe probe(EncoderArchitecture arch, int index, int classes, double top1,
      long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int dim = arch.probeDim(index);
    float[] weight = new float[classes * dim];
    double bound = 1 / Math.sqrt(dim);
    for (int i = 0; i < weight.length; i++) {
      weight[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
    }
    float[] bias = new float[classes];
    for (int c = 0; c < classes; c++) {
      bias[c] = (float) (random.nextDouble() - 0.5);
    }
    return new LayerProbe(arch.layer(index).name(), top1, 3, dim, classes, weight, bias, 0.5);
  }

  /** Probes of every layer of small4 with accuracies 0.3, 0.4, ... */
  static List<LayerProbe> probes(EncoderArchitecture arch, int classes) {
    List<LayerProbe> probes = new ArrayList<>();
    for (int k = 0; k < arch.layerCount(); k++) {
      probes.add(probe(arch, k, classes, 0.3 + 0.1 * k, 100 + k));
    }
    return probes;
  }
}
