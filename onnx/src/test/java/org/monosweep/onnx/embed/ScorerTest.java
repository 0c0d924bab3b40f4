package org.monosweep.onnx.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScorerTest {

  @Test
  void opensAnExportedEncoderAndDescribesIt(@TempDir Path dir) throws Exception {
    Path file = EmbedFixtures.tinyEncoderFile(dir, false);
    try (Scorer scorer = Scorer.open(file)) {
      assertThat(scorer.inputName()).isEqualTo("image");
      assertThat(scorer.inputChannels()).isEqualTo(3);
      assertThat(scorer.inputSide()).isEqualTo(8);
      assertThat(scorer.outputs()).containsExactly("conv1", "conv2");
      assertThat(scorer.outputShape("conv2")).containsExactly(8, 4, 4);
      assertThat(scorer.provider()).isEqualTo(ExecutionProvider.CPU);
      float[] batch = new float[2 * scorer.inputSize()];
      Arrays.fill(batch, 0.5f);
      assertThat(scorer.run("conv2", batch, 2)).hasSize(2 * 8 * 4 * 4);
    }
  }

  @Test
  void namesTheOutputsWhenTheLayerIsUnknown(@TempDir Path dir) throws Exception {
    try (Scorer scorer = Scorer.open(EmbedFixtures.tinyEncoderFile(dir, false))) {
      assertThatThrownBy(() -> scorer.run("conv5", new float[192], 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageEndingWith("has no output 'conv5'; it has conv1, conv2");
    }
  }

  @Test
  void saysWhichImageShapeTheModelTakesWhenTheBatchIsWrong(@TempDir Path dir) throws Exception {
    try (Scorer scorer = Scorer.open(EmbedFixtures.tinyEncoderFile(dir, false))) {
      assertThatThrownBy(() -> scorer.run("conv1", new float[2 * 3 * 4 * 4], 2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("a batch of 2 images needs 384 values, got 96")
          .hasMessageEndingWith("takes images of 3 x 8 x 8");
    }
  }

  @Test
  void rejectsMissingCorruptAndForeignModels(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> Scorer.open(dir.resolve("nothing.onnx")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("no model file at");

    Path good = EmbedFixtures.tinyEncoderFile(dir, false);
    byte[] bytes = Files.readAllBytes(good);
    Path truncated = Files.write(dir.resolve("truncated.onnx"),
        Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> Scorer.open(truncated))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("truncated.onnx is not an ONNX model that ONNX Runtime can load");
    Path text = Files.writeString(dir.resolve("notes.onnx"), "not a model at all");
    assertThatThrownBy(() -> Scorer.open(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("notes.onnx is not an ONNX model that ONNX Runtime can load");

    Path foreign = Files.write(dir.resolve("mnist.onnx"), grayscaleModel().toByteArray());
    assertThatThrownBy(() -> Scorer.open(foreign))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mnist.onnx is not a monosweep image model: its input is"
            + " x: FLOAT[-1, 1, 28, 28]")
        .hasMessageContaining("expected one float input of N x 3 x S x S images");
  }

  @Test
  void cudaIsRefusedClearlyWhereTheBuildHasNone(@TempDir Path dir) throws Exception {
    Path file = EmbedFixtures.tinyEncoderFile(dir, false);
    if (ai.onnxruntime.OrtEnvironment.getAvailableProviders()
        .contains(ai.onnxruntime.OrtProvider.CUDA)) {
      return;
    }
    assertThatThrownBy(() -> Scorer.open(file, ExecutionProvider.CUDA))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-Pcuda");
  }

  /** A valid ONNX model that takes 1 x 28 x 28 images: not something embed can feed. */
  private static ModelProto grayscaleModel() {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1))
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(28))
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(28));
    TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
        .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)).build();
    GraphProto graph = GraphProto.newBuilder().setName("g")
        .addInput(ValueInfoProto.newBuilder().setName("x").setType(type))
        .addOutput(ValueInfoProto.newBuilder().setName("y").setType(type))
        .addNode(NodeProto.newBuilder().setOpType("Relu").addInput("x").addOutput("y"))
        .build();
    return ModelProto.newBuilder().setIrVersion(8)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13)).setGraph(graph).build();
  }
}
