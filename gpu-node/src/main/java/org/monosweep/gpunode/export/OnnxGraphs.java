package org.monosweep.gpunode.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.monosweep.gpunode.model.ConvLayer;
import org.monosweep.gpunode.model.EncoderArchitecture;
import org.monosweep.gpunode.model.FoldedConv;
import org.monosweep.gpunode.model.FoldedEncoder;
import org.monosweep.gpunode.probe.LayerProbe;

/**
 * Builds the ONNX protobufs of a folded encoder and of a probe classifier: IR 8, opset 13, one
 * float input {@code image} of shape {@code [N, 3, S, S]} with a symbolic batch dimension, every
 * weight a raw little-endian float initializer.
 */
final class OnnxGraphs {
  static final long IR_VERSION = 8;
  static final long OPSET = 13;
  static final String PRODUCER = "monosweep";
  static final String INPUT = "image";
  static final String BATCH_DIM = "N";
  static final String LOGITS = "logits";
  static final String PROBABILITIES = "probabilities";

  private OnnxGraphs() {}

  /** The encoder with one output per conv layer, {@code conv1} ... {@code convK}, post-ReLU. */
  static ModelProto encoder(FoldedEncoder encoder, Map<String, String> metadata) {
    EncoderArchitecture arch = encoder.architecture();
    GraphProto.Builder graph = GraphProto.newBuilder()
        .setName(arch.name() + "_encoder")
        .setDocString("BatchNorm-folded " + arch.name() + " encoder; outputs are the post-ReLU"
            + " maps of every conv layer")
        .addInput(imageInput(arch));
    String last = addConvs(graph, encoder, arch.layerCount());
    for (int k = 0; k < arch.layerCount(); k++) {
      ConvLayer layer = arch.layer(k);
      int[] shape = arch.featureShape(k);
      graph.addOutput(tensorInfo(layer.name(), shape[0], shape[1], shape[2]));
    }
    assert last.equals(arch.layer(arch.layerCount() - 1).name());
    return model(graph.build(), metadata, "frozen encoder");
  }

  /**
   * Conv layers 1..k of the encoder, {@code Flatten}, the probe's linear head as {@code Gemm}
   * (outputs {@code logits}) and {@code Softmax} (outputs {@code probabilities}).
   */
  static ModelProto classifier(FoldedEncoder encoder, LayerProbe probe,
      Map<String, String> metadata) {
    EncoderArchitecture arch = encoder.architecture();
    int depth = layerIndex(arch, probe.layer()) + 1;
    if (arch.featureDim(depth - 1) != probe.featureDim()) {
      throw new IllegalArgumentException("probe of " + probe.layer() + " takes "
          + probe.featureDim() + " features but the layer has " + arch.featureDim(depth - 1));
    }
    GraphProto.Builder graph = GraphProto.newBuilder()
        .setName(arch.name() + "_" + probe.layer() + "_classifier")
        .setDocString("BatchNorm-folded " + arch.name() + " up to " + probe.layer()
            + ", flattened CHW, and its linear probe (standardisation folded in)")
        .addInput(imageInput(arch));
    String features = addConvs(graph, encoder, depth);
    String flat = probe.layer() + ".flat";
    graph.addNode(NodeProto.newBuilder().setName(probe.layer() + "/Flatten").setOpType("Flatten")
        .addInput(features).addOutput(flat).addAttribute(intAttribute("axis", 1)));
    String weight = "probe.weight";
    String bias = "probe.bias";
    graph.addInitializer(floats(weight, probe.weight(), probe.classes(), probe.featureDim()));
    graph.addInitializer(floats(bias, probe.bias(), probe.classes()));
    graph.addNode(NodeProto.newBuilder().setName("probe/Gemm").setOpType("Gemm")
        .addInput(flat).addInput(weight).addInput(bias).addOutput(LOGITS)
        .addAttribute(floatAttribute("alpha", 1f)).addAttribute(floatAttribute("beta", 1f))
        .addAttribute(intAttribute("transA", 0)).addAttribute(intAttribute("transB", 1)));
    graph.addNode(NodeProto.newBuilder().setName("probe/Softmax").setOpType("Softmax")
        .addInput(LOGITS).addOutput(PROBABILITIES).addAttribute(intAttribute("axis", 1)));
    graph.addOutput(tensorInfo(LOGITS, probe.classes()));
    graph.addOutput(tensorInfo(PROBABILITIES, probe.classes()));
    return model(graph.build(), metadata, "linear-probe classifier on " + probe.layer());
  }

  /** The 0-based index of the layer named {@code name}. */
  static int layerIndex(EncoderArchitecture arch, String name) {
    for (int k = 0; k < arch.layerCount(); k++) {
      if (arch.layer(k).name().equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("the encoder has no layer " + name);
  }

  /** Adds Conv+Relu for layers 1..depth; returns the name of the last output. */
  private static String addConvs(GraphProto.Builder graph, FoldedEncoder encoder, int depth) {
    String x = INPUT;
    for (int k = 0; k < depth; k++) {
      FoldedConv conv = encoder.layer(k);
      ConvLayer layer = conv.layer();
      String name = layer.name();
      String weight = name + ".weight";
      String bias = name + ".bias";
      graph.addInitializer(floats(weight, conv.weight(), conv.weightShape()));
      graph.addInitializer(floats(bias, conv.bias(), layer.outChannels()));
      String pre = name + ".conv";
      graph.addNode(NodeProto.newBuilder().setName(name + "/Conv").setOpType("Conv")
          .addInput(x).addInput(weight).addInput(bias).addOutput(pre)
          .addAttribute(intsAttribute("kernel_shape", layer.kernel(), layer.kernel()))
          .addAttribute(intsAttribute("strides", layer.stride(), layer.stride()))
          .addAttribute(intsAttribute("pads", layer.padding(), layer.padding(), layer.padding(),
              layer.padding()))
          .addAttribute(intsAttribute("dilations", 1, 1))
          .addAttribute(intAttribute("group", 1)));
      graph.addNode(NodeProto.newBuilder().setName(name + "/Relu").setOpType("Relu")
          .addInput(pre).addOutput(name));
      x = name;
    }
    return x;
  }

  private static ModelProto model(GraphProto graph, Map<String, String> metadata, String what) {
    ModelProto.Builder model = ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .setProducerName(PRODUCER)
        .setProducerVersion(MonosweepVersion.current())
        .setDomain("org.monosweep")
        .setModelVersion(1)
        .setDocString("monosweep " + what + "; input 'image' is N x 3 x S x S float RGB in"
            + " (-1, 1) (pixel / 127.5 - 1)")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setGraph(graph);
    metadata.forEach((key, value) -> model.addMetadataProps(
        StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
    return model.build();
  }

  private static ValueInfoProto imageInput(EncoderArchitecture arch) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH_DIM))
        .addDim(dim(arch.inputChannels()))
        .addDim(dim(arch.inputSide()))
        .addDim(dim(arch.inputSide()));
    return ValueInfoProto.newBuilder().setName(INPUT).setType(floatTensor(shape)).build();
  }

  /** A float tensor value of shape {@code [N, dims...]}. */
  private static ValueInfoProto tensorInfo(String name, int... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH_DIM));
    for (int d : dims) {
      shape.addDim(dim(d));
    }
    return ValueInfoProto.newBuilder().setName(name).setType(floatTensor(shape)).build();
  }

  private static TypeProto floatTensor(TensorShapeProto.Builder shape) {
    return TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
        .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)).build();
  }

  private static TensorShapeProto.Dimension dim(long value) {
    return TensorShapeProto.Dimension.newBuilder().setDimValue(value).build();
  }

  private static TensorProto floats(String name, float[] values, long... dims) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES)
        .order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    TensorProto.Builder tensor = TensorProto.newBuilder().setName(name)
        .setDataType(TensorProto.DataType.FLOAT_VALUE)
        .setRawData(ByteString.copyFrom(bytes.array()));
    for (long d : dims) {
      tensor.addDims(d);
    }
    return tensor.build();
  }

  private static TensorProto floats(String name, float[] values, int... dims) {
    long[] longs = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      longs[i] = dims[i];
    }
    return floats(name, values, longs);
  }

  private static AttributeProto intAttribute(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT)
        .setI(value).build();
  }

  private static AttributeProto floatAttribute(String name, float value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT)
        .setF(value).build();
  }

  private static AttributeProto intsAttribute(String name, long... values) {
    AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name)
        .setType(AttributeProto.AttributeType.INTS);
    for (long v : values) {
      attribute.addInts(v);
    }
    return attribute.build();
  }

  /** The metadata entries of a model as a map (later entries win). */
  static Map<String, String> metadata(ModelProto model) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (StringStringEntryProto entry : model.getMetadataPropsList()) {
      out.put(entry.getKey(), entry.getValue());
    }
    return out;
  }

  /** The names of a graph's outputs, in order. */
  static List<String> outputNames(ModelProto model) {
    return model.getGraph().getOutputList().stream().map(ValueInfoProto::getName).toList();
  }
}
