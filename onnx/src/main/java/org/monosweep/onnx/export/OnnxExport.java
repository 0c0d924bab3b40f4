package org.monosweep.onnx.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.monosweep.spec.Cell;
import org.monosweep.trainer.model.EncoderArchitecture;
import org.monosweep.trainer.model.FoldedEncoder;
import org.monosweep.trainer.probe.LayerProbe;
import org.monosweep.trainer.train.CellExporter;
import org.monosweep.trainer.train.CellFailure;

/**
 * Writes, checks and verifies the ONNX models of a cell, and creates the {@link CellExporter}
 * that does all three when a cell finishes.
 *
 * <p><b>Encoder</b> ({@link #encoderModel}): IR 8, opset 13, producer {@code monosweep}; input
 * {@code image}, float {@code [N, 3, S, S]} in (-1, 1) with a symbolic batch dimension
 * {@code N}; per conv layer a {@code Conv} (BatchNorm folded into weight and bias) and a
 * {@code Relu} whose output is a graph output named after the layer, {@code conv1} ...
 * {@code convK}; weights as raw little-endian float initializers; {@link ModelMetadata} as
 * {@code metadata_props} plus {@code model_kind=encoder} and {@code input_side}.
 *
 * <p><b>Classifier</b> ({@link #classifierModel}): the same convs up to the probe's layer, then
 * {@code Flatten} (CHW order, as the probe saw it), {@code Gemm} with the probe's weights and bias
 * (its feature standardisation is already folded into them, see {@link LayerProbe}) giving
 * {@code logits [N, C]}, and {@code Softmax} giving {@code probabilities [N, C]}; metadata adds
 * {@code model_kind=classifier}, {@code layer}, {@code probe_top1} and {@code class_names} (a JSON
 * array).
 *
 * <p><b>Verification</b>: each model is checked structurally ({@link #checkStructure}), loaded in
 * ONNX Runtime (CPU) and run on a batch; every output must be within the tolerance of the DJL
 * forward pass of the folded encoder (classifier logits relative to the largest logit), or the
 * export fails with a permanent {@link CellFailure} such as {@code "ONNX export of conv2 differs
 * from DJL by 3.1e-3 > 1.0e-4"}.
 */
public final class OnnxExport {
  /** Artifact kind of the encoder. */
  public static final String ENCODER_KIND = "onnx-encoder";
  /** Artifact kind prefix of a classifier; the layer follows: {@code onnx-classifier-conv2}. */
  public static final String CLASSIFIER_KIND_PREFIX = "onnx-classifier-";
  /** File name of the encoder in a cell's folder. */
  public static final String ENCODER_FILE = "encoder.onnx";

  private OnnxExport() {}

  /** File name of a layer's classifier: {@code classifier-conv2.onnx}. */
  public static String classifierFile(String layer) {
    return "classifier-" + layer + ".onnx";
  }

  /** The serialized encoder model (see the class comment). */
  public static byte[] encoderModel(FoldedEncoder encoder, ModelMetadata metadata) {
    Map<String, String> props = new LinkedHashMap<>(metadata.properties());
    props.put(ModelMetadata.MODEL_KIND, "encoder");
    props.put(ModelMetadata.INPUT_SIDE, Integer.toString(encoder.architecture().inputSide()));
    return OnnxGraphs.encoder(encoder, props).toByteArray();
  }

  /**
   * The serialized classifier of {@code probe}'s layer (see the class comment).
   *
   * @param classNames one name per class, index order
   * @throws IllegalArgumentException when the probe does not fit the encoder or the names do not
   *     match its classes
   */
  public static byte[] classifierModel(FoldedEncoder encoder, LayerProbe probe,
      List<String> classNames, ModelMetadata metadata) {
    if (classNames.size() != probe.classes()) {
      throw new IllegalArgumentException(classNames.size() + " class names for the "
          + probe.classes() + " classes of the " + probe.layer() + " probe");
    }
    Map<String, String> props = new LinkedHashMap<>(metadata.properties());
    props.put(ModelMetadata.MODEL_KIND, "classifier");
    props.put(ModelMetadata.INPUT_SIDE, Integer.toString(encoder.architecture().inputSide()));
    props.put(ModelMetadata.LAYER, probe.layer());
    props.put(ModelMetadata.PROBE_TOP1, Double.toString(probe.top1()));
    props.put(ModelMetadata.CLASS_NAMES, JsonStrings.write(classNames));
    return OnnxGraphs.classifier(encoder, probe, props).toByteArray();
  }

  /** The outputs an encoder export of {@code architecture} has: {@code conv1} ... {@code convK}. */
  public static List<String> encoderOutputs(EncoderArchitecture architecture) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < architecture.layerCount(); k++) {
      out.add(architecture.layer(k).name());
    }
    return out;
  }

  /** The outputs of a classifier export: {@code logits}, {@code probabilities}. */
  public static List<String> classifierOutputs() {
    return List.of(OnnxGraphs.LOGITS, OnnxGraphs.PROBABILITIES);
  }

  /**
   * Checks the structure of a serialized model (see {@link GraphCheck}: topological order,
   * initializer sizes, opset, operator attributes, inferred against declared shapes, output
   * names).
   *
   * @param expectedOutputs the graph outputs it must have, in order
   * @return one sentence per problem; empty when sound
   * @throws IllegalArgumentException when the bytes are not an ONNX protobuf at all
   */
  public static List<String> checkStructure(byte[] model, List<String> expectedOutputs) {
    return GraphCheck.check(parse(model), expectedOutputs);
  }

  /** The {@code metadata_props} of a serialized model, in file order. */
  public static Map<String, String> metadata(byte[] model) {
    return OnnxGraphs.metadata(parse(model));
  }

  /** Class names of a classifier's metadata, decoded from its JSON array. */
  public static List<String> classNames(Map<String, String> metadata) {
    String json = metadata.get(ModelMetadata.CLASS_NAMES);
    return json == null ? List.of() : JsonStrings.read(json);
  }

  /**
   * Verifies an encoder export against the DJL forward pass of {@code encoder} on
   * {@code count} images.
   *
   * @param images {@code count} CHW images in (-1, 1)
   * @throws CellFailure (permanent) when an output differs by more than {@code tolerance}
   */
  public static Verification verifyEncoder(byte[] model, FoldedEncoder encoder, float[] images,
      int count, double tolerance) {
    return Verifier.create(encoder, images, count, tolerance).encoder(model, ENCODER_FILE);
  }

  /**
   * Verifies a classifier export against {@code probe} applied to the DJL features of its layer.
   *
   * @throws CellFailure (permanent) when logits or probabilities differ beyond {@code tolerance}
   */
  public static Verification verifyClassifier(byte[] model, FoldedEncoder encoder,
      LayerProbe probe, float[] images, int count, double tolerance) {
    return Verifier.create(encoder, images, count, tolerance)
        .classifier(model, classifierFile(probe.layer()), probe);
  }

  /** {@code count} seeded uniform images in (-1, 1) of the encoder's input shape. */
  public static float[] randomImages(long seed, EncoderArchitecture architecture, int count) {
    return Verifier.randomImages(seed, architecture, count);
  }

  /**
   * The exporter {@link org.monosweep.trainer.train.TrainingRun} calls when a cell's probes are
   * done: it writes {@code encoder.onnx} (always) and, with {@link ExportSettings#classifiers()},
   * {@code classifier-convK.onnx} per probed layer, each checked and verified before it is
   * written, under {@code context.workDir()}; artifact kinds {@value #ENCODER_KIND} and
   * {@code onnx-classifier-convK}.
   *
   * @param classNames the class names of a cell's dataset in label order (for example
   *     {@code cell -> data.probeTest(cell).classNames()}); an empty list means the names are
   *     unknown and {@code "0"}, {@code "1"}, ... are written
   */
  public static CellExporter cellExporter(ExportSettings settings,
      Function<Cell, List<String>> classNames) {
    return new OnnxCellExporter(Objects.requireNonNull(settings, "settings"),
        Objects.requireNonNull(classNames, "classNames"));
  }

  static ModelProto parse(byte[] model) {
    try {
      return ModelProto.parseFrom(model);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not an ONNX model (protobuf parsing failed: "
          + e.getMessage() + ")", e);
    }
  }
}
