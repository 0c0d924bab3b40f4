package org.monosweep.onnx.embed;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link Scorer} over an ONNX Runtime session. */
final class OrtScorer implements Scorer {
  private static final Logger LOG = LoggerFactory.getLogger(OrtScorer.class);

  private final String name;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final OrtSession.SessionOptions options;
  private final ExecutionProvider provider;
  private final String inputName;
  private final int channels;
  private final int side;
  private final Map<String, long[]> outputShapes;
  private final Map<String, String> metadata;

  private OrtScorer(String name, OrtEnvironment env, Opened opened) throws OrtException {
    this.name = name;
    this.env = env;
    this.session = opened.session;
    this.options = opened.options;
    this.provider = opened.provider;
    Map<String, NodeInfo> inputs = session.getInputInfo();
    long[] shape = imageShape(name, inputs);
    this.inputName = inputs.keySet().iterator().next();
    this.channels = (int) shape[1];
    this.side = (int) shape[2];
    this.outputShapes = new LinkedHashMap<>();
    for (NodeInfo info : session.getOutputInfo().values()) {
      if (info.getInfo() instanceof TensorInfo t && t.type == OnnxJavaType.FLOAT) {
        long[] dims = t.getShape();
        outputShapes.put(info.getName(), Arrays.copyOfRange(dims, Math.min(1, dims.length),
            dims.length));
      }
    }
    if (outputShapes.isEmpty()) {
      throw new IllegalArgumentException(name + " has no float tensor output");
    }
    this.metadata = Map.copyOf(session.getMetadata().getCustomMetadata());
  }

  static Scorer open(Path file, ExecutionProvider provider) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no model file at " + file);
    }
    if (!Files.isReadable(file)) {
      throw new IOException(file + " is not readable");
    }
    return open(Files.readAllBytes(file), file.toString(), provider);
  }

  static Scorer open(byte[] model, String name, ExecutionProvider provider) {
    OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        "monosweep");
    Opened opened = Opened.create(env, model, name, provider);
    try {
      return new OrtScorer(name, env, opened);
    } catch (OrtException e) {
      opened.close();
      throw new IllegalArgumentException(name + " cannot be inspected by ONNX Runtime: "
          + e.getMessage(), e);
    } catch (RuntimeException e) {
      opened.close();
      throw e;
    }
  }

  /** The input's {@code [N, C, S, S]}; an error naming what the model has otherwise. */
  private static long[] imageShape(String name, Map<String, NodeInfo> inputs) {
    String expected = "expected one float input of N x 3 x S x S images, as monosweep exports";
    if (inputs.size() != 1) {
      throw new IllegalArgumentException(name + " is not a monosweep image model: it has "
          + inputs.size() + " inputs " + describe(inputs) + "; " + expected);
    }
    NodeInfo input = inputs.values().iterator().next();
    if (!(input.getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT) {
      throw new IllegalArgumentException(name + " is not a monosweep image model: its input is "
          + describe(inputs) + "; " + expected);
    }
    long[] shape = t.getShape();
    if (shape.length != 4 || shape[1] != 3 || shape[2] < 1 || shape[2] != shape[3]) {
      throw new IllegalArgumentException(name + " is not a monosweep image model: its input is "
          + describe(inputs) + "; " + expected + " with S fixed");
    }
    return shape;
  }

  private static String describe(Map<String, NodeInfo> values) {
    List<String> out = new ArrayList<>();
    for (NodeInfo info : values.values()) {
      if (info.getInfo() instanceof TensorInfo t) {
        out.add(info.getName() + ": " + t.type + Arrays.toString(t.getShape()));
      } else {
        out.add(info.getName() + ": " + info.getInfo());
      }
    }
    return String.join(", ", out);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ExecutionProvider provider() {
    return provider;
  }

  @Override
  public String inputName() {
    return inputName;
  }

  @Override
  public int inputChannels() {
    return channels;
  }

  @Override
  public int inputSide() {
    return side;
  }

  @Override
  public List<String> outputs() {
    return List.copyOf(outputShapes.keySet());
  }

  @Override
  public long[] outputShape(String output) {
    return requireOutput(output).clone();
  }

  @Override
  public Map<String, String> metadata() {
    return metadata;
  }

  @Override
  public Map<String, float[]> run(List<String> outputs, float[] batch, int count) {
    for (String output : outputs) {
      requireOutput(output);
    }
    if (count < 1) {
      throw new IllegalArgumentException("a batch needs at least one image, got " + count);
    }
    long needed = (long) count * inputSize();
    if (batch.length < needed) {
      throw new IllegalArgumentException("a batch of " + count + " images needs " + needed
          + " values, got " + batch.length + ": " + name + " takes images of " + channels + " x "
          + side + " x " + side);
    }
    long[] shape = {count, channels, side, side};
    try (OnnxTensor input = OnnxTensor.createTensor(env,
            FloatBuffer.wrap(batch, 0, (int) needed), shape);
        OrtSession.Result result = session.run(Map.of(inputName, input),
            new LinkedHashSet<>(outputs))) {
      Map<String, float[]> out = new LinkedHashMap<>();
      for (String output : outputs) {
        Optional<OnnxValue> value = result.get(output);
        if (value.isEmpty() || !(value.get() instanceof OnnxTensor tensor)) {
          throw new IllegalStateException(name + " returned no tensor for " + output);
        }
        FloatBuffer values = tensor.getFloatBuffer();
        float[] array = new float[values.remaining()];
        values.get(array);
        out.put(output, array);
      }
      return out;
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed to run " + name + " on " + count
          + " images: " + e.getMessage(), e);
    }
  }

  private long[] requireOutput(String output) {
    long[] shape = outputShapes.get(output);
    if (shape == null) {
      throw new IllegalArgumentException(name + " has no output '" + output + "'; it has "
          + String.join(", ", outputShapes.keySet()));
    }
    return shape;
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      LOG.warn("closing the ONNX Runtime session of {} failed: {}", name, e.getMessage());
    } finally {
      options.close();
    }
  }

  @Override
  public String toString() {
    return "OrtScorer[" + name + " on " + provider + "]";
  }

  /** A session and the options it was created with (they stay open with it). */
  private record Opened(OrtSession session, OrtSession.SessionOptions options,
      ExecutionProvider provider) {

    static Opened create(OrtEnvironment env, byte[] model, String name,
        ExecutionProvider wanted) {
      boolean cudaBuilt = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
      if (wanted == ExecutionProvider.CUDA && !cudaBuilt) {
        throw new IllegalArgumentException("CUDA was asked for, but this build's ONNX Runtime"
            + " has no CUDA provider (build monosweep with -Pcuda)");
      }
      if (wanted != ExecutionProvider.CPU && cudaBuilt) {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
          options.addCUDA(0);
          return new Opened(env.createSession(model, options), options, ExecutionProvider.CUDA);
        } catch (OrtException e) {
          options.close();
          if (wanted == ExecutionProvider.CUDA) {
            throw new IllegalArgumentException("CUDA was asked for, but ONNX Runtime cannot run "
                + name + " on it: " + e.getMessage(), e);
          }
          // AUTO: a CUDA build on a machine without a usable GPU is normal; run on the CPU.
          LOG.debug("CUDA unavailable for {} ({}); using the CPU", name, e.getMessage());
        }
      }
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      try {
        return new Opened(env.createSession(model, options), options, ExecutionProvider.CPU);
      } catch (OrtException e) {
        options.close();
        throw new IllegalArgumentException(name + " is not an ONNX model that ONNX Runtime can"
            + " load: " + e.getMessage(), e);
      }
    }

    void close() {
      try {
        session.close();
      } catch (OrtException e) {
        LOG.warn("closing an ONNX Runtime session failed: {}", e.getMessage());
      }
      options.close();
    }
  }
}
