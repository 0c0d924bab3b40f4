package org.monosweep.trainer.methods.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.nn.convolutional.Conv2d;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.monosweep.trainer.model.ConvEncoder;
import org.monosweep.trainer.model.EncoderArchitecture;

/**
 * Moves conv weights between a {@link Critic} and the {@link ConvEncoder} that a cell probes.
 *
 * <p>The critic's convs have neither normalisation nor bias; the probed small encoder has
 * BatchNorm and no conv bias. The critic's layer {@code relu(conv(x, w))} is written into the
 * encoder as conv weight {@code w} and an identity BatchNorm: gamma 1, beta 0, running mean 0,
 * running variance {@code 1 - eps}, which in inference mode computes
 * {@code (y - 0) / sqrt(1 - eps + eps) * 1 + 0 = y}; folding
 * ({@link org.monosweep.trainer.model.FoldedEncoder}) gives back exactly {@code w} and a zero
 * bias. An encoder without normalisation takes {@code w} and a zero bias.
 */
final class EncoderWeights {
  private EncoderWeights() {}

  /**
   * Sets the critic's conv weights to the encoder's: its seeded initialisation, so that an
   * untrained critic's convs are the random-init baseline.
   */
  static void toCritic(ConvEncoder encoder, Critic critic) {
    check(encoder, critic);
    List<Stage> stages = stages(encoder);
    for (int k = 0; k < stages.size(); k++) {
      stages.get(k).weight().getArray().copyTo(critic.convWeight(k).getArray());
    }
  }

  /** Writes the critic's conv layers into the encoder (see the class comment). */
  static void toEncoder(Critic critic, ConvEncoder encoder) {
    check(encoder, critic);
    List<Stage> stages = stages(encoder);
    for (int k = 0; k < stages.size(); k++) {
      Stage stage = stages.get(k);
      critic.convWeight(k).getArray().copyTo(stage.weight().getArray());
      if (stage.norm() == null) {
        NDArray bias = stage.bias().getArray();
        bias.set(new float[Math.toIntExact(bias.size())]);
        continue;
      }
      ParameterList norm = stage.norm();
      int channels = critic.architecture().layers().get(k).outChannels();
      float[] ones = new float[channels];
      Arrays.fill(ones, 1f);
      float[] variance = new float[channels];
      Arrays.fill(variance, 1f - EncoderArchitecture.BATCH_NORM_EPSILON);
      norm.get("gamma").getArray().set(ones);
      norm.get("beta").getArray().set(new float[channels]);
      norm.get("runningMean").getArray().set(new float[channels]);
      norm.get("runningVar").getArray().set(variance);
    }
  }

  private static void check(ConvEncoder encoder, Critic critic) {
    if (!encoder.architecture().layers().equals(critic.architecture().layers())) {
      throw new IllegalArgumentException("the critic's conv layers " + critic.architecture()
          + " differ from the encoder's " + encoder.architecture());
    }
  }

  /**
   * One conv-norm-ReLU stage of the encoder's block: its conv weight, its conv bias (without
   * normalisation) or its BatchNorm parameters.
   */
  private record Stage(Parameter weight, Parameter bias, ParameterList norm) {}

  // ConvEncoder's block is one SequentialBlock per layer: conv, then a BatchNorm if any (DJL's
  // or the model package's own, recognised by its parameter names), then ReLU.
  private static List<Stage> stages(ConvEncoder encoder) {
    List<Stage> stages = new ArrayList<>();
    for (Block stage : encoder.block().getChildren().values()) {
      Conv2d conv = null;
      ParameterList norm = null;
      for (Block child : stage.getChildren().values()) {
        if (child instanceof Conv2d) {
          conv = (Conv2d) child;
        } else if (child.getParameters().contains("runningVar")) {
          norm = child.getParameters();
        }
      }
      if (conv == null) {
        throw new IllegalStateException("encoder stage without a conv: " + stage);
      }
      ParameterList params = conv.getParameters();
      stages.add(new Stage(params.get("weight"), norm == null ? params.get("bias") : null, norm));
    }
    if (stages.size() != encoder.architecture().layerCount()) {
      throw new IllegalStateException("expected " + encoder.architecture().layerCount()
          + " encoder stages, found " + stages.size());
    }
    return stages;
  }
}
