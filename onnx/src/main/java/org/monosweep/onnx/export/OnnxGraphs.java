package org.monosweep.onnx.export;

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
import org.monosweep.trainer.model.ConvLayer;
import org.monosweep.trainer.model.EncoderArchitecture;
import org.monosweep.trainer.model.FoldedConv;
import org.monosweep.trainer.model.FoldedEncoder;
import org.monosweep.trainer.model.LayerPooling;
import org.monosweep.trainer.probe.LayerProbe;

/**
 * Builds the ONNX protobufs of a folded encoder and of a probe classifier: IR 8, opset 13, one
 * float input {@code image} of shape {@code [N, 3, S, S]} with a symbolic batch dimension, every
 * weight a raw little-endian float initializer. Max-pools between layers (AlexNet) and a probe's
 * adaptive max-pool are part of the graphs, so a classifier computes exactly what its probe read.
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
    if (arch.probeDim(depth - 1) != probe.featureDim()) {
      throw new IllegalArgumentException("probe of " + probe.layer() + " takes "
          + probe.featureDim() + " features but the layer gives " + arch.probeDim(depth - 1));
    }
    GraphProto.Builder graph = GraphProto.newBuilder()
        .setName(arch.name() + "_" + probe.layer() + "_classifier")
        .setDocString("BatchNorm-folded " + arch.name() + " up to " + probe.layer()
            + ", adaptive-max-pooled as the probe reads it, flattened CHW, and its linear probe"
            + " (standardisation folded in)")
        .addInput(imageInput(arch));
    String features = addProbePooling(graph, arch, depth - 1, addConvs(graph, encoder, depth));
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

  /**
   * Adds Conv+Relu for layers 1..depth, with a MaxPool between layers where the architecture
   * has one; returns the name of the last output (the post-ReLU map of layer {@code depth}).
   */
  private static String addConvs(GraphProto.Builder graph, FoldedEncoder encoder, int depth) {
    String x = INPUT;
    for (int k = 0; k < depth; k++) {
      if (k > 0 && encoder.architecture().pooling(k - 1).hasMaxPool()) {
        LayerPooling pooling = encoder.architecture().pooling(k - 1);
        String pooled = x + ".pool";
        graph.addNode(NodeProto.newBuilder().setName(x + "/MaxPool").setOpType("MaxPool")
            .addInput(x).addOutput(pooled)
            .addAttribute(intsAttribute("kernel_shape", pooling.maxPoolKernel(),
                pooling.maxPoolKernel()))
            .addAttribute(intsAttribute("strides", pooling.maxPoolStride(),
                pooling.maxPoolStride())));
        x = pooled;
      }
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

  /**
   * Adds the probe's adaptive max-pool of layer {@code index}'s map {@code x} (see
   * {@link org.monosweep.trainer.model.ProbePooling}); returns the pooled value's name, or
   * {@code x} when the probe reads the whole map. ONNX has no adaptive max-pool, and the map's
   * side is fixed by the input's, so each axis becomes: a MaxPool of the smallest window k along
   * it with stride 1, then, for every output cell [a, b), the maximum of the windows starting at
   * a and at b - k (they cover the cell, as adaptive windows differ by at most one in size),
   * each picked out by a MatMul with a 0/1 selection matrix (exact: every sum adds zeros to one
   * value). When the side divides evenly it is one ordinary MaxPool.
   */
  private static String addProbePooling(GraphProto.Builder graph, EncoderArchitecture arch,
      int index, String x) {
    int side = arch.featureShape(index)[1];
    int grid = arch.probeShape(index)[1];
    if (grid == side) {
      return x;
    }
    if (side % grid == 0) {
      String pooled = x + ".probe";
      int window = side / grid;
      graph.addNode(NodeProto.newBuilder().setName(x + "/ProbeMaxPool").setOpType("MaxPool")
          .addInput(x).addOutput(pooled)
          .addAttribute(intsAttribute("kernel_shape", window, window))
          .addAttribute(intsAttribute("strides", window, window)));
      return pooled;
    }
    String rows = adaptiveAxis(graph, x, side, grid, true);
    return adaptiveAxis(graph, rows, side, grid, false);
  }

  /** One axis of {@link #addProbePooling}: rows (axis 2) or columns (axis 3). */
  private static String adaptiveAxis(GraphProto.Builder graph, String x, int side, int grid,
      boolean rows) {
    int[] from = new int[grid];
    int[] to = new int[grid];
    int window = side;
    for (int i = 0; i < grid; i++) {
      from[i] = Math.floorDiv(i * side, grid);
      to[i] = -Math.floorDiv(-(i + 1) * side, grid);
      window = Math.min(window, to[i] - from[i]);
    }
    String axis = rows ? "rows" : "cols";
    String windows = x + "." + axis + "_max";
    graph.addNode(NodeProto.newBuilder().setName(x + "/" + axis + "/MaxPool").setOpType("MaxPool")
        .addInput(x).addOutput(windows)
        .addAttribute(intsAttribute("kernel_shape", rows ? window : 1, rows ? 1 : window))
        .addAttribute(intsAttribute("strides", 1, 1)));
    int positions = side - window + 1;
    int[] last = new int[grid];
    for (int i = 0; i < grid; i++) {
      last[i] = to[i] - window;
    }
    String first = select(graph, windows, x + "." + axis + "_first", from, positions, rows);
    if (java.util.Arrays.equals(from, last)) {
      return first;
    }
    String second = select(graph, windows, x + "." + axis + "_last", last, positions, rows);
    String out = x + "." + axis;
    graph.addNode(NodeProto.newBuilder().setName(x + "/" + axis + "/Max").setOpType("Max")
        .addInput(first).addInput(second).addOutput(out));
    return out;
  }

  /**
   * Picks positions {@code starts} of the rows (or columns) of {@code x}, which has
   * {@code positions} of them, with a 0/1 MatMul: {@code S (g x P) . x} for rows, {@code x .
   * S^T (P x g)} for columns.
   */
  private static String select(GraphProto.Builder graph, String x, String name, int[] starts,
      int positions, boolean rows) {
    int grid = starts.length;
    float[] matrix = new float[grid * positions];
    for (int i = 0; i < grid; i++) {
      matrix[rows ? i * positions + starts[i] : starts[i] * grid + i] = 1f;
    }
    String weight = name + ".select";
    graph.addInitializer(rows ? floats(weight, matrix, grid, positions)
        : floats(weight, matrix, positions, grid));
    NodeProto.Builder node = NodeProto.newBuilder().setName(name + "/MatMul").setOpType("MatMul");
    if (rows) {
      node.addInput(weight).addInput(x);
    } else {
      node.addInput(x).addInput(weight);
    }
    graph.addNode(node.addOutput(name));
    return name;
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
