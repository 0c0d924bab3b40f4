package org.monosweep.onnx.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.monosweep.onnx.embed.ExecutionProvider;
import org.monosweep.onnx.embed.Scorer;
import org.monosweep.spec.Cell;
import org.monosweep.spec.Method;
import org.monosweep.spec.TrainBudget;
import org.monosweep.trainer.model.EncoderArchitecture;
import org.monosweep.trainer.model.FoldedConv;
import org.monosweep.trainer.model.FoldedEncoder;
import org.monosweep.trainer.probe.LayerProbe;
import org.monosweep.trainer.train.CellFailure;
import org.monosweep.trainer.train.TestCells;

class OnnxExportTest {
  private static final EncoderArchitecture ARCH = EncoderArchitecture.small4();
  private static final double TOLERANCE = 1e-4;
  private static final int IMAGES = 8;

  private static FoldedEncoder encoder;
  private static Cell cell;
  private static List<LayerProbe> probes;
  private static ModelMetadata metadata;
  private static byte[] encoderBytes;
  private static float[] images;

  @BeforeAll
  static void export() {
    encoder = TestModels.encoder(7);
    cell = TestCells.cell(Method.ROTNET, 3, new TrainBudget(2, 64, 32), TestCells.probe(2),
        Map.of());
    probes = TestModels.probes(ARCH, 10);
    metadata = ModelMetadata.of(cell, probes);
    encoderBytes = OnnxExport.encoderModel(encoder, metadata);
    images = OnnxExport.randomImages(42, ARCH, IMAGES);
  }

  @Test
  void encoderGraphIsStructurallySound() throws Exception {
    assertThat(OnnxExport.checkStructure(encoderBytes, List.of("conv1", "conv2", "conv3",
        "conv4"))).isEmpty();
    ModelProto model = ModelProto.parseFrom(encoderBytes);
    assertThat(model.getIrVersion()).isEqualTo(8);
    assertThat(model.getOpsetImportList()).singleElement()
        .satisfies(o -> assertThat(o.getVersion()).isEqualTo(13));
    assertThat(model.getProducerName()).isEqualTo("monosweep");
    GraphProto graph = model.getGraph();
    assertThat(graph.getInputList()).singleElement().satisfies(input -> {
      assertThat(input.getName()).isEqualTo("image");
      List<TensorShapeProto.Dimension> dims =
          input.getType().getTensorType().getShape().getDimList();
      assertThat(dims.get(0).getDimParam()).isEqualTo("N");
      assertThat(dims.subList(1, 4)).extracting(TensorShapeProto.Dimension::getDimValue)
          .containsExactly(3L, 32L, 32L);
    });
    assertThat(graph.getNodeList()).extracting(NodeProto::getOpType)
        .containsExactly("Conv", "Relu", "Conv", "Relu", "Conv", "Relu", "Conv", "Relu");
    assertThat(graph.getOutputList()).extracting(ValueInfoProto::getName)
        .containsExactly("conv1", "conv2", "conv3", "conv4");
    ValueInfoProto conv2 = graph.getOutput(1);
    assertThat(conv2.getType().getTensorType().getShape().getDimList())
        .extracting(d -> d.hasDimValue() ? d.getDimValue() : -1L)
        .containsExactly(-1L, 128L, 6L, 6L);
    // Weights as raw little-endian floats, equal to the folded weights.
    TensorProto w2 = graph.getInitializerList().stream()
        .filter(t -> t.getName().equals("conv2.weight")).findFirst().orElseThrow();
    assertThat(w2.getDimsList()).containsExactly(128L, 64L, 5L, 5L);
    assertThat(w2.getFloatDataCount()).isZero();
    float[] stored = new float[128 * 64 * 25];
    w2.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
        .get(stored);
    assertThat(stored).containsExactly(encoder.layer(1).weight());
  }

  @Test
  void encoderMatchesDjlOnEveryOutputWithin1em4() {
    Verification verification =
        OnnxExport.verifyEncoder(encoderBytes, encoder, images, IMAGES, TOLERANCE);
    assertThat(verification.maxAbsDiff()).containsOnlyKeys("conv1", "conv2", "conv3", "conv4");
    assertThat(verification.maxAbsDiff().values()).allSatisfy(d -> assertThat(d)
        .isLessThanOrEqualTo(TOLERANCE));

    // The same comparison, spelled out: ORT output by output against DJL, and non-trivial maps.
    List<float[]> djl = djlForward(encoder, images, IMAGES);
    try (Scorer scorer = Scorer.open(encoderBytes, "encoder", ExecutionProvider.CPU)) {
      assertThat(scorer.outputs()).containsExactly("conv1", "conv2", "conv3", "conv4");
      Map<String, float[]> ort = scorer.run(scorer.outputs(), images, IMAGES);
      for (int k = 0; k < 4; k++) {
        float[] expected = djl.get(k);
        float[] actual = ort.get("conv" + (k + 1));
        assertThat(actual).hasSameSizeAs(expected);
        double max = 0;
        double scale = 0;
        for (int i = 0; i < expected.length; i++) {
          max = Math.max(max, Math.abs(expected[i] - actual[i]));
          scale = Math.max(scale, Math.abs(expected[i]));
        }
        assertThat(scale).as("conv%d is not trivially zero", k + 1).isGreaterThan(0.1);
        assertThat(max).as("conv%d max abs diff", k + 1).isLessThanOrEqualTo(TOLERANCE);
      }
    }
  }

  @Test
  void metadataRecordsTheCellAndEveryProbe() {
    Map<String, String> meta = OnnxExport.metadata(encoderBytes);
    assertThat(meta).containsEntry("cell_id", cell.id().value())
        .containsEntry("method", "rotnet")
        .containsEntry("n", "full")
        .containsEntry("augmentation", "none")
        .containsEntry("dataset", "fashion-mnist")
        .containsEntry("seed", "3")
        .containsEntry("encoder", "small4")
        .containsEntry("model_kind", "encoder")
        .containsEntry("input_side", "32")
        .containsEntry("input_grayscale", "true")
        .containsKey("monosweep_version");
    for (LayerProbe probe : probes) {
      assertThat(Double.parseDouble(meta.get("probe_top1." + probe.layer())))
          .isEqualTo(probe.top1());
    }
    try (Scorer scorer = Scorer.open(encoderBytes, "encoder", ExecutionProvider.CPU)) {
      assertThat(scorer.metadata()).containsEntry("cell_id", cell.id().value());
      assertThat(scorer.inputSide()).isEqualTo(32);
    }
  }

  @Test
  void classifierReproducesTheProbeOnDjlFeatures() {
    LayerProbe probe = probes.get(1);
    List<String> names = List.of("T-shirt/top", "Trouser", "Pull\"over", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    byte[] bytes = OnnxExport.classifierModel(encoder, probe, names, metadata);
    assertThat(OnnxExport.checkStructure(bytes, List.of("logits", "probabilities"))).isEmpty();
    Verification verification =
        OnnxExport.verifyClassifier(bytes, encoder, probe, images, IMAGES, TOLERANCE);
    assertThat(verification.worst()).isLessThanOrEqualTo(TOLERANCE);

    Map<String, String> meta = OnnxExport.metadata(bytes);
    assertThat(OnnxExport.classNames(meta)).isEqualTo(names);
    assertThat(meta).containsEntry("layer", "conv2").containsEntry("model_kind", "classifier");
    assertThat(Double.parseDouble(meta.get("probe_top1"))).isEqualTo(probe.top1());

    // The probe's own prediction: its head on the DJL conv2 features, argmax.
    float[] features = djlForward(encoder, images, IMAGES).get(1);
    int dim = probe.featureDim();
    float[] w = probe.weight();
    float[] b = probe.bias();
    try (Scorer scorer = Scorer.open(bytes, "classifier", ExecutionProvider.CPU)) {
      float[] probabilities = scorer.run("probabilities", images, IMAGES);
      for (int i = 0; i < IMAGES; i++) {
        int expected = 0;
        double best = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (int c = 0; c < 10; c++) {
          double logit = b[c];
          for (int d = 0; d < dim; d++) {
            logit += (double) w[c * dim + d] * features[i * dim + d];
          }
          if (logit > best) {
            best = logit;
            expected = c;
          }
          sum += probabilities[i * 10 + c];
        }
        assertThat(argmax(probabilities, i, 10)).as("image %d", i).isEqualTo(expected);
        assertThat(sum).isCloseTo(1.0, within(1e-5));
      }
    }
  }

  @Test
  void classifierNeedsOneNamePerClass() {
    assertThatThrownBy(() -> OnnxExport.classifierModel(encoder, probes.get(0),
        List.of("a", "b"), metadata))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 class names for the 10 classes of the conv1 probe");
  }

  @Test
  void verificationFailsTheCellWhenAnOutputDiffers() {
    // Same conv1, but conv2's bias moved by 0.01: conv1 passes, conv2 must fail.
    List<FoldedConv> layers = new ArrayList<>(encoder.layers());
    FoldedConv conv2 = layers.get(1);
    float[] bias = conv2.bias();
    for (int i = 0; i < bias.length; i++) {
      bias[i] += 0.01f;
    }
    layers.set(1, new FoldedConv(conv2.layer(), conv2.weight(), bias));
    FoldedEncoder other = FoldedEncoder.of(ARCH, layers);
    assertThatThrownBy(() -> OnnxExport.verifyEncoder(encoderBytes, other, images, IMAGES,
        TOLERANCE))
        .isInstanceOfSatisfying(CellFailure.class, f -> assertThat(f.retryable()).isFalse())
        .hasMessageStartingWith("ONNX export of conv2 differs from DJL by ")
        .hasMessageEndingWith(" > 1.00e-04");
  }

  @Test
  void structureCheckReportsWhatIsBroken() throws Exception {
    ModelProto good = ModelProto.parseFrom(encoderBytes);
    List<String> outputs = List.of("conv1", "conv2", "conv3", "conv4");

    // A node reading a value nobody produced (nodes out of topological order).
    GraphProto.Builder swapped = good.getGraph().toBuilder();
    NodeProto first = swapped.getNode(0);
    swapped.setNode(0, swapped.getNode(1)).setNode(1, first);
    assertThat(problems(good.toBuilder().setGraph(swapped).build(), outputs))
        .anyMatch(p -> p.contains("reads 'conv1.conv', which no graph input, initializer or"
            + " earlier node produces"));

    // An initializer whose raw data does not fill its dims.
    GraphProto.Builder truncated = good.getGraph().toBuilder();
    TensorProto bias = truncated.getInitializer(1);
    truncated.setInitializer(1, bias.toBuilder()
        .setRawData(bias.getRawData().substring(0, bias.getRawData().size() - 4)));
    assertThat(problems(good.toBuilder().setGraph(truncated).build(), outputs))
        .anyMatch(p -> p.contains("initializer 'conv1.bias' of dims [64] holds 252 raw bytes,"
            + " expected 256"));

    // A missing weight, an old opset and a misnamed output.
    GraphProto.Builder missing = good.getGraph().toBuilder().removeInitializer(2);
    assertThat(problems(good.toBuilder().setGraph(missing).build(), outputs))
        .anyMatch(p -> p.contains("reads 'conv2.weight'"));
    ModelProto oldOpset = good.toBuilder().setOpsetImport(0,
        good.getOpsetImport(0).toBuilder().setVersion(9)).build();
    assertThat(problems(oldOpset, outputs)).containsExactly("opset 9 is older than 13");
    assertThat(problems(good, List.of("conv1", "conv2", "conv3", "features")))
        .containsExactly("graph outputs are [conv1, conv2, conv3, conv4], expected [conv1, conv2,"
            + " conv3, features]");

    // A declared output shape the graph does not compute.
    GraphProto.Builder misdeclared = good.getGraph().toBuilder();
    ValueInfoProto out = misdeclared.getOutput(0);
    misdeclared.setOutput(0, out.toBuilder().setType(out.getType().toBuilder().setTensorType(
        out.getType().getTensorType().toBuilder().setShape(out.getType().getTensorType()
            .getShape().toBuilder().setDim(2, TensorShapeProto.Dimension.newBuilder()
                .setDimValue(12))))));
    assertThat(problems(good.toBuilder().setGraph(misdeclared).build(), outputs))
        .containsExactly("graph output 'conv1' is declared [-1, 64, 12, 11] but the graph"
            + " computes [-1, 64, 11, 11]");

    assertThatThrownBy(() -> OnnxExport.checkStructure(new byte[] {1, 2, 3}, outputs))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an ONNX model");
  }

  @Test
  void rawInitializersAreLittleEndian() throws Exception {
    ModelProto model = ModelProto.parseFrom(encoderBytes);
    TensorProto bias = model.getGraph().getInitializer(1);
    ByteString raw = bias.getRawData();
    float first = encoder.layer(0).bias()[0];
    int bits = Float.floatToIntBits(first);
    assertThat(raw.byteAt(0)).isEqualTo((byte) bits);
    assertThat(raw.byteAt(3)).isEqualTo((byte) (bits >>> 24));
  }

  private static List<String> problems(ModelProto model, List<String> outputs) {
    return OnnxExport.checkStructure(model.toByteArray(), outputs);
  }

  private static int argmax(float[] values, int row, int classes) {
    int best = 0;
    for (int c = 1; c < classes; c++) {
      if (values[row * classes + c] > values[row * classes + best]) {
        best = c;
      }
    }
    return best;
  }

  static List<float[]> djlForward(FoldedEncoder encoder, float[] images, int count) {
    EncoderArchitecture arch = encoder.architecture();
    List<float[]> out = new ArrayList<>();
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        FoldedEncoder.Network network = encoder.load(manager)) {
      NDArray x = manager.create(FloatBuffer.wrap(images, 0, count * arch.inputSize()),
          new Shape(count, 3, arch.inputSide(), arch.inputSide()));
      NDList maps = network.forward(x, arch.layerCount());
      for (NDArray map : maps) {
        out.add(map.toFloatArray());
      }
    }
    return out;
  }
}
