package org.monosweep.onnx.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A structural check of the models monosweep writes, in Java (the ONNX checker proper is
 * Python): IR version and opset, initializer sizes against their dims, graph inputs typed and
 * shaped, every node input produced earlier (by a graph input, an initializer or an earlier node:
 * topological order), no value written twice, only the operators monosweep writes with the
 * attributes opset 13 defines for them, shapes inferred through the graph and compared with the
 * declared outputs, no unused initializer, and the graph outputs named as expected.
 *
 * <p>Unknown dimensions (the symbolic batch {@code N}) are carried as -1.
 */
final class GraphCheck {
  private static final long MAX_IR_VERSION = 9;
  private static final long MIN_OPSET = 13;
  private static final Set<String> OPS = Set.of("Conv", "Relu", "MaxPool", "MatMul", "Max",
      "Flatten", "Gemm", "Softmax");

  private final List<String> problems = new ArrayList<>();
  private final Map<String, long[]> shapes = new HashMap<>();

  private GraphCheck() {}

  /**
   * Checks {@code model}.
   *
   * @param expectedOutputs the graph outputs it must have, in order
   * @return one sentence per problem; empty when the model is sound
   */
  static List<String> check(ModelProto model, List<String> expectedOutputs) {
    GraphCheck check = new GraphCheck();
    check.run(model, expectedOutputs);
    return List.copyOf(check.problems);
  }

  private void run(ModelProto model, List<String> expectedOutputs) {
    if (model.getIrVersion() < 3 || model.getIrVersion() > MAX_IR_VERSION) {
      problems.add("IR version " + model.getIrVersion() + " is outside 3.." + MAX_IR_VERSION);
    }
    long opset = -1;
    for (OperatorSetIdProto id : model.getOpsetImportList()) {
      if (id.getDomain().isEmpty() || id.getDomain().equals("ai.onnx")) {
        opset = id.getVersion();
      } else {
        problems.add("opset import of unexpected domain '" + id.getDomain() + "'");
      }
    }
    if (opset < 0) {
      problems.add("no opset import for the default ONNX domain");
    } else if (opset < MIN_OPSET) {
      problems.add("opset " + opset + " is older than " + MIN_OPSET);
    }
    if (!model.hasGraph()) {
      problems.add("the model has no graph");
      return;
    }
    GraphProto graph = model.getGraph();
    if (graph.getName().isEmpty()) {
      problems.add("the graph has no name");
    }
    Set<String> initializers = checkInitializers(graph);
    checkInputs(graph, initializers);
    Set<String> used = new HashSet<>();
    for (int i = 0; i < graph.getNodeCount(); i++) {
      checkNode(graph.getNode(i), i, used);
    }
    for (String name : initializers) {
      if (!used.contains(name)) {
        problems.add("initializer '" + name + "' is never used");
      }
    }
    checkOutputs(graph, expectedOutputs);
  }

  private Set<String> checkInitializers(GraphProto graph) {
    Set<String> names = new HashSet<>();
    for (TensorProto tensor : graph.getInitializerList()) {
      String name = tensor.getName();
      if (name.isEmpty()) {
        problems.add("an initializer has no name");
        continue;
      }
      if (!names.add(name)) {
        problems.add("initializer '" + name + "' is defined twice");
        continue;
      }
      if (tensor.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
        problems.add("initializer '" + name + "' has data type " + tensor.getDataType()
            + ", expected FLOAT (1)");
      }
      long count = 1;
      for (long d : tensor.getDimsList()) {
        if (d < 0) {
          problems.add("initializer '" + name + "' has a negative dimension " + d);
        }
        count *= d;
      }
      long stored = tensor.getRawData().isEmpty() ? tensor.getFloatDataCount()
          : tensor.getRawData().size();
      long expected = tensor.getRawData().isEmpty() ? count : count * Float.BYTES;
      if (stored != expected) {
        problems.add("initializer '" + name + "' of dims " + tensor.getDimsList() + " holds "
            + stored + (tensor.getRawData().isEmpty() ? " floats" : " raw bytes")
            + ", expected " + expected);
      }
      shapes.put(name, tensor.getDimsList().stream().mapToLong(Long::longValue).toArray());
    }
    return names;
  }

  private void checkInputs(GraphProto graph, Set<String> initializers) {
    if (graph.getInputCount() == 0) {
      problems.add("the graph has no input");
    }
    for (ValueInfoProto input : graph.getInputList()) {
      long[] shape = declaredShape(input, "graph input");
      if (shapes.containsKey(input.getName()) && !initializers.contains(input.getName())) {
        problems.add("graph input '" + input.getName() + "' is declared twice");
      }
      if (initializers.contains(input.getName())) {
        problems.add("graph input '" + input.getName() + "' is also an initializer");
      }
      if (shape != null) {
        shapes.put(input.getName(), shape);
      }
    }
  }

  private void checkNode(NodeProto node, int index, Set<String> used) {
    String label = "node " + index + " '" + node.getName() + "' (" + node.getOpType() + ")";
    if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
      problems.add(label + " is in domain '" + node.getDomain() + "'");
    }
    List<long[]> in = new ArrayList<>();
    for (String input : node.getInputList()) {
      if (input.isEmpty()) {
        in.add(null);
        continue;
      }
      long[] shape = shapes.get(input);
      if (shape == null) {
        problems.add(label + " reads '" + input + "', which no graph input, initializer or"
            + " earlier node produces");
      }
      used.add(input);
      in.add(shape);
    }
    long[] out = null;
    if (!OPS.contains(node.getOpType())) {
      problems.add(label + " is not an operator monosweep writes (" + OPS + ")");
    } else if (in.stream().allMatch(s -> s != null)) {
      out = infer(node, label, in);
    }
    if (node.getOutputCount() != 1) {
      problems.add(label + " has " + node.getOutputCount() + " outputs, expected 1");
    }
    for (String output : node.getOutputList()) {
      if (shapes.containsKey(output)) {
        problems.add(label + " writes '" + output + "', which is already defined");
      }
      shapes.put(output, out == null ? new long[0] : out);
    }
  }

  private long[] infer(NodeProto node, String label, List<long[]> in) {
    Map<String, AttributeProto> attributes = new HashMap<>();
    for (AttributeProto a : node.getAttributeList()) {
      attributes.put(a.getName(), a);
    }
    switch (node.getOpType()) {
      case "Conv":
        return conv(label, in, attributes);
      case "Relu":
        return arity(label, in, 1, 1) ? in.get(0) : null;
      case "MaxPool":
        return maxPool(label, in, attributes);
      case "MatMul":
        return matMul(label, in);
      case "Max":
        if (!arity(label, in, 2, 2)) {
          return null;
        }
        if (!Arrays.equals(in.get(0), in.get(1))) {
          problems.add(label + " takes shapes " + Arrays.toString(in.get(0)) + " and "
              + Arrays.toString(in.get(1)) + "; monosweep writes equal shapes");
        }
        return in.get(0);
      case "Flatten":
        return flatten(label, in, attributes);
      case "Gemm":
        return gemm(label, in, attributes);
      case "Softmax":
        if (!arity(label, in, 1, 1)) {
          return null;
        }
        long axis = attributes.containsKey("axis") ? attributes.get("axis").getI() : -1;
        if (axis != 1 && axis != -1 || in.get(0).length != 2) {
          problems.add(label + " must normalise axis 1 of a 2-D input, got axis " + axis
              + " of " + Arrays.toString(in.get(0)));
        }
        return in.get(0);
      default:
        return null;
    }
  }

  private long[] conv(String label, List<long[]> in, Map<String, AttributeProto> attributes) {
    if (!arity(label, in, 2, 3)) {
      return null;
    }
    long[] x = in.get(0);
    long[] w = in.get(1);
    if (x.length != 4 || w.length != 4) {
      problems.add(label + " needs 4-D input and weight, got " + Arrays.toString(x) + " and "
          + Arrays.toString(w));
      return null;
    }
    if (x[1] != w[1]) {
      problems.add(label + " weight takes " + w[1] + " channels but the input has " + x[1]);
    }
    if (in.size() == 3 && !Arrays.equals(in.get(2), new long[] {w[0]})) {
      problems.add(label + " bias has dims " + Arrays.toString(in.get(2)) + ", expected ["
          + w[0] + "]");
    }
    long[] kernel = ints(attributes, "kernel_shape", new long[] {w[2], w[3]});
    long[] strides = ints(attributes, "strides", new long[] {1, 1});
    long[] pads = ints(attributes, "pads", new long[] {0, 0, 0, 0});
    long[] dilations = ints(attributes, "dilations", new long[] {1, 1});
    long group = attributes.containsKey("group") ? attributes.get("group").getI() : 1;
    if (kernel.length != 2 || kernel[0] != w[2] || kernel[1] != w[3]) {
      problems.add(label + " kernel_shape " + Arrays.toString(kernel) + " does not match weight "
          + Arrays.toString(w));
    }
    if (strides.length != 2 || pads.length != 4 || !Arrays.equals(dilations, new long[] {1, 1})
        || group != 1) {
      problems.add(label + " has strides " + Arrays.toString(strides) + ", pads "
          + Arrays.toString(pads) + ", dilations " + Arrays.toString(dilations) + ", group "
          + group + "; expected 2 strides, 4 pads, dilations [1, 1] and group 1");
      return null;
    }
    for (String known : attributes.keySet()) {
      if (!Set.of("kernel_shape", "strides", "pads", "dilations", "group").contains(known)) {
        problems.add(label + " has unknown attribute '" + known + "'");
      }
    }
    long h = (x[2] + pads[0] + pads[2] - w[2]) / strides[0] + 1;
    long wd = (x[3] + pads[1] + pads[3] - w[3]) / strides[1] + 1;
    if (x[2] >= 0 && (h < 1 || wd < 1)) {
      problems.add(label + " gives an empty output for input " + Arrays.toString(x));
    }
    return new long[] {x[0], w[0], x[2] < 0 ? -1 : h, x[3] < 0 ? -1 : wd};
  }

  private long[] maxPool(String label, List<long[]> in, Map<String, AttributeProto> attributes) {
    if (!arity(label, in, 1, 1)) {
      return null;
    }
    long[] x = in.get(0);
    long[] kernel = ints(attributes, "kernel_shape", new long[0]);
    long[] strides = ints(attributes, "strides", new long[] {1, 1});
    long[] pads = ints(attributes, "pads", new long[] {0, 0, 0, 0});
    if (x.length != 4 || kernel.length != 2 || strides.length != 2
        || !Arrays.equals(pads, new long[] {0, 0, 0, 0})) {
      problems.add(label + " needs a 4-D input, 2 kernel sides, 2 strides and no padding, got "
          + Arrays.toString(x) + ", kernel " + Arrays.toString(kernel) + ", strides "
          + Arrays.toString(strides) + ", pads " + Arrays.toString(pads));
      return null;
    }
    for (String known : attributes.keySet()) {
      if (!Set.of("kernel_shape", "strides", "pads").contains(known)) {
        problems.add(label + " has unknown attribute '" + known + "'");
      }
    }
    long[] out = {x[0], x[1], -1, -1};
    for (int axis = 0; axis < 2; axis++) {
      long side = x[2 + axis];
      if (kernel[axis] < 1 || strides[axis] < 1) {
        problems.add(label + " has kernel " + Arrays.toString(kernel) + " and strides "
            + Arrays.toString(strides) + "; both must be positive");
        return null;
      }
      if (side >= 0) {
        if (side < kernel[axis]) {
          problems.add(label + " pools a side of " + side + " with a kernel of " + kernel[axis]);
          return null;
        }
        out[2 + axis] = (side - kernel[axis]) / strides[axis] + 1;
      }
    }
    return out;
  }

  /**
   * MatMul as monosweep writes it: a 2-D matrix times a 4-D value along its rows
   * ({@code (g, H) x (N, C, H, W) -> (N, C, g, W)}), or a 4-D value times a 2-D matrix along its
   * columns ({@code (N, C, H, W) x (W, g) -> (N, C, H, g)}).
   */
  private long[] matMul(String label, List<long[]> in) {
    if (!arity(label, in, 2, 2)) {
      return null;
    }
    long[] a = in.get(0);
    long[] b = in.get(1);
    if (a.length == 2 && b.length == 4) {
      if (b[2] >= 0 && a[1] != b[2]) {
        problems.add(label + " multiplies " + Arrays.toString(a) + " by " + Arrays.toString(b)
            + ": inner sizes differ");
      }
      return new long[] {b[0], b[1], a[0], b[3]};
    }
    if (a.length == 4 && b.length == 2) {
      if (a[3] >= 0 && a[3] != b[0]) {
        problems.add(label + " multiplies " + Arrays.toString(a) + " by " + Arrays.toString(b)
            + ": inner sizes differ");
      }
      return new long[] {a[0], a[1], a[2], b[1]};
    }
    problems.add(label + " multiplies " + Arrays.toString(a) + " by " + Arrays.toString(b)
        + "; monosweep writes a 2-D matrix and a 4-D value");
    return null;
  }

  private long[] flatten(String label, List<long[]> in, Map<String, AttributeProto> attributes) {
    if (!arity(label, in, 1, 1)) {
      return null;
    }
    long axis = attributes.containsKey("axis") ? attributes.get("axis").getI() : 1;
    long[] x = in.get(0);
    if (axis != 1) {
      problems.add(label + " flattens from axis " + axis + ", expected 1");
      return null;
    }
    long rest = 1;
    for (int i = 1; i < x.length; i++) {
      rest = x[i] < 0 || rest < 0 ? -1 : rest * x[i];
    }
    return new long[] {x[0], rest};
  }

  private long[] gemm(String label, List<long[]> in, Map<String, AttributeProto> attributes) {
    if (!arity(label, in, 2, 3)) {
      return null;
    }
    long transA = attributes.containsKey("transA") ? attributes.get("transA").getI() : 0;
    long transB = attributes.containsKey("transB") ? attributes.get("transB").getI() : 0;
    long[] a = in.get(0);
    long[] b = in.get(1);
    if (a.length != 2 || b.length != 2 || transA != 0) {
      problems.add(label + " needs 2-D A (untransposed) and B, got " + Arrays.toString(a)
          + " and " + Arrays.toString(b));
      return null;
    }
    long inner = transB == 1 ? b[1] : b[0];
    long outer = transB == 1 ? b[0] : b[1];
    if (a[1] >= 0 && a[1] != inner) {
      problems.add(label + " multiplies " + Arrays.toString(a) + " by "
          + (transB == 1 ? "transposed " : "") + Arrays.toString(b) + ": inner sizes differ");
    }
    if (in.size() == 3) {
      long[] c = in.get(2);
      if (!Arrays.equals(c, new long[] {outer}) && !Arrays.equals(c, new long[] {1, outer})) {
        problems.add(label + " bias has dims " + Arrays.toString(c) + ", expected [" + outer
            + "]");
      }
    }
    return new long[] {a[0], outer};
  }

  private boolean arity(String label, List<long[]> in, int min, int max) {
    if (in.size() < min || in.size() > max) {
      problems.add(label + " has " + in.size() + " inputs, expected " + min
          + (max > min ? ".." + max : ""));
      return false;
    }
    return true;
  }

  private static long[] ints(Map<String, AttributeProto> attributes, String name,
      long[] fallback) {
    AttributeProto a = attributes.get(name);
    return a == null ? fallback : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
  }

  private void checkOutputs(GraphProto graph, List<String> expectedOutputs) {
    List<String> names = new ArrayList<>();
    for (ValueInfoProto output : graph.getOutputList()) {
      names.add(output.getName());
      long[] declared = declaredShape(output, "graph output");
      long[] inferred = shapes.get(output.getName());
      if (inferred == null) {
        problems.add("graph output '" + output.getName() + "' is produced by no node");
      } else if (declared != null && inferred.length > 0 && !Arrays.equals(declared, inferred)) {
        problems.add("graph output '" + output.getName() + "' is declared "
            + Arrays.toString(declared) + " but the graph computes " + Arrays.toString(inferred));
      }
    }
    if (new HashSet<>(names).size() != names.size()) {
      problems.add("graph outputs " + names + " repeat a name");
    }
    if (!names.equals(expectedOutputs)) {
      problems.add("graph outputs are " + names + ", expected " + expectedOutputs);
    }
  }

  /** The declared float tensor shape, -1 for symbolic dims; null (and a problem) otherwise. */
  private long[] declaredShape(ValueInfoProto value, String what) {
    String name = value.getName();
    if (name.isEmpty()) {
      problems.add("a " + what + " has no name");
      return null;
    }
    TypeProto type = value.getType();
    if (!type.hasTensorType()
        || type.getTensorType().getElemType() != TensorProto.DataType.FLOAT_VALUE) {
      problems.add(what + " '" + name + "' is not a float tensor");
      return null;
    }
    if (!type.getTensorType().hasShape()) {
      problems.add(what + " '" + name + "' has no shape");
      return null;
    }
    List<TensorShapeProto.Dimension> dims = type.getTensorType().getShape().getDimList();
    long[] shape = new long[dims.size()];
    for (int i = 0; i < shape.length; i++) {
      TensorShapeProto.Dimension d = dims.get(i);
      if (d.hasDimValue()) {
        shape[i] = d.getDimValue();
      } else if (d.hasDimParam() && !d.getDimParam().isEmpty()) {
        shape[i] = -1;
      } else {
        problems.add(what + " '" + name + "' dimension " + i + " has neither a value nor a name");
        shape[i] = -1;
      }
    }
    return shape;
  }
}
