package ancc.compiler.onnx;

import ancc.compiler.onnx.proto.OnnxMl.GraphProto;
import ancc.compiler.onnx.proto.OnnxMl.NodeProto;
import ancc.compiler.onnx.proto.OnnxMl.TensorProto;
import ancc.compiler.onnx.proto.OnnxMl.ValueInfoProto;
import ancc.ir.InvalidInputException;
import ancc.ir.UnsupportedOpException;
import ancc.ir.graph.DType;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.ShapeInference;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.ir.graph.shape.ShapeValues;
import ancc.ir.graph.shape.SymInt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a graph IR {@link Module} from an ONNX graph: initializers and Constant nodes become
 * module constants, the other graph inputs module inputs, and every other node one IR node in
 * topological order, typed by {@link ShapeInference} with {@link ShapeValues} following
 * exporter shape computations.
 */
final class GraphBuilder {
  private final String file;
  private final Path baseDir;
  private final int opset;
  private final Map<String, Value> values = new HashMap<>();
  private final Map<Value, Tensor> consts = new LinkedHashMap<>();
  private final Map<Value, List<SymInt>> shapeValues = new HashMap<>();
  private final Set<String> names = new HashSet<>();
  private final Module.Builder module;

  GraphBuilder(String file, Path baseDir, int opset, String moduleName) {
    this.file = file;
    this.baseDir = baseDir;
    this.opset = opset;
    this.module = Module.builder(moduleName);
  }

  Module build(GraphProto g) {
    if (g.getSparseInitializerCount() > 0) {
      throw new UnsupportedOpException("SparseTensor", file + ": sparse initializer '"
          + g.getSparseInitializer(0).getValues().getName() + "' is not supported");
    }
    collectNames(g);
    for (TensorProto init : g.getInitializerList()) {
      if (init.getName().isEmpty()) {
        throw new InvalidInputException(file + ": an initializer has no name");
      }
      if (values.containsKey(init.getName())) {
        throw new InvalidInputException(file + ": initializer '" + init.getName() + "' is defined twice");
      }
      addConstant(init.getName(), OnnxTensors.fromProto(init, baseDir, file));
    }
    for (ValueInfoProto in : g.getInputList()) {
      if (values.containsKey(in.getName()) && consts.containsKey(values.get(in.getName()))) {
        continue; // IR version < 4: initializers are listed as inputs too
      }
      if (in.getName().isEmpty() || values.containsKey(in.getName())) {
        throw new InvalidInputException(file + ": graph input '" + in.getName() + "' is unnamed or defined twice");
      }
      Value v = new Value(in.getName(), OnnxTypes.of(in, file + ": input '" + in.getName() + "'"));
      values.put(v.name(), v);
      module.input(v);
    }
    checkDeclared(g.getValueInfoList(), "value_info");
    checkDeclared(g.getOutputList(), "output");
    if (g.getOutputCount() == 0) {
      throw new InvalidInputException(file + ": the graph has no outputs");
    }
    List<NodeProto> nodes = g.getNodeList();
    List<String> locs = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      String name = nodes.get(i).getName();
      locs.add(name.isEmpty() ? nodes.get(i).getOpType() + "_" + i : name);
    }
    Set<String> used = usedNames(g);
    for (int i : NodeOrder.sort(file, nodes, locs, values.keySet())) {
      convert(nodes.get(i), locs.get(i), used);
    }
    for (ValueInfoProto out : g.getOutputList()) {
      Value v = values.get(out.getName());
      if (v == null) {
        throw new InvalidInputException(file + ": graph output '" + out.getName() + "' is not produced by any node");
      }
      module.output(v);
    }
    return module.build();
  }

  private void collectNames(GraphProto g) {
    for (TensorProto t : g.getInitializerList()) {
      names.add(t.getName());
    }
    for (ValueInfoProto v : g.getInputList()) {
      names.add(v.getName());
    }
    for (NodeProto n : g.getNodeList()) {
      names.addAll(n.getOutputList());
    }
  }

  private static Set<String> usedNames(GraphProto g) {
    Set<String> used = new HashSet<>();
    for (NodeProto n : g.getNodeList()) {
      used.addAll(n.getInputList());
    }
    for (ValueInfoProto v : g.getOutputList()) {
      used.add(v.getName());
    }
    return used;
  }

  /** Rejects negative or absurd dims in declared types; types ancc cannot represent are ignored here. */
  private void checkDeclared(List<ValueInfoProto> infos, String what) {
    for (ValueInfoProto vi : infos) {
      if (!vi.hasType()) {
        continue;
      }
      try {
        OnnxTypes.of(vi, file + ": " + what + " '" + vi.getName() + "'");
      } catch (UnsupportedOpException e) {
        // the node producing it is typed by shape inference; unsupported types surface there
      }
    }
  }

  private Value addConstant(String name, Tensor t) {
    Value v = new Value(name, t.type());
    values.put(name, v);
    consts.put(v, t);
    module.constant(v, t);
    shapeValues.computeIfAbsent(v, k -> ShapeValues.ofConstant(t));
    return v;
  }

  /** A new constant with a name no ONNX value uses. */
  private Value freshConstant(String base, Tensor t) {
    return addConstant(freshName(base), t);
  }

  /** {@code base}, or {@code base_k} for the first k that no value uses yet; reserved from then on. */
  private String freshName(String base) {
    String name = base;
    for (int k = 1; names.contains(name); k++) {
      name = base + "_" + k;
    }
    names.add(name);
    return name;
  }

  private void convert(NodeProto np, String loc, Set<String> used) {
    String domain = np.getDomain();
    List<Value> inputs = new ArrayList<>();
    for (String in : np.getInputList()) {
      inputs.add(in.isEmpty() ? null : values.get(in));
    }
    if (!domain.isEmpty() && !domain.equals("ai.onnx")) {
      throw new UnsupportedOpException(np.getOpType(), file + ": node '" + loc + "' (" + np.getOpType()
          + "): domain '" + domain + "' is not supported (only the default ONNX domain)");
    }
    LegacyOpsets.check(file, opset, np.getOpType(), loc);
    NodeContext.Emitter emitter = new NodeContext.Emitter() {
      @Override
      public List<Value> emit(Op op, List<Value> ins, List<String> outNames) {
        return GraphBuilder.this.emit(op, ins, outNames, loc, np.getOpType());
      }

      @Override
      public String freshName(String base) {
        return GraphBuilder.this.freshName(base);
      }
    };
    NodeContext c = new NodeContext(file, np, loc, opset, inputs, consts::get, used, this::freshConstant, emitter);
    if (np.getOpType().equals("Constant")) {
      if (np.getOutputCount() != 1 || np.getOutput(0).isEmpty()) {
        throw c.fail("needs exactly one output");
      }
      addConstant(np.getOutput(0), OperandOps.constant(c, baseDir));
      return;
    }
    Lowered l = OnnxOps.convert(c);
    String named = "";
    for (String out : np.getOutputList()) {
      named = named.isEmpty() ? out : named;
    }
    if (named.isEmpty()) {
      throw c.fail("has no named output");
    }
    List<String> outNames = new ArrayList<>();
    for (int i = 0; i < l.outputs(); i++) {
      String out = c.outputName(i);
      // an optional output left out (e.g. an RNN's Y when only Y_h is used) gets a fresh name
      outNames.add(out.isEmpty() ? freshName(named + ".absent" + i) : out);
    }
    emit(l.op(), l.inputs(), outNames, loc, np.getOpType());
  }

  /** Adds one IR node with outputs named {@code outNames}, typed by shape inference; returns the outputs. */
  private List<Value> emit(Op op, List<Value> inputs, List<String> outNames, String loc, String onnxOp) {
    List<Value> placeholders = new ArrayList<>();
    for (String out : outNames) {
      names.add(out);
      placeholders.add(new Value(out, TensorType.of(DType.F32)));
    }
    Node draft = new Node(op, inputs, placeholders, loc);
    List<TensorType> types;
    try {
      types = ShapeInference.infer(draft, consts::get, shapeValues::get);
    } catch (UnsupportedOpException e) {
      throw new UnsupportedOpException(onnxOp, file + ": " + e.getMessage());
    } catch (InvalidInputException e) {
      throw e.in(file);
    }
    List<Value> outs = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      Value v = new Value(placeholders.get(i).name(), types.get(i));
      values.put(v.name(), v);
      outs.add(v);
    }
    Node node = new Node(op, inputs, outs, loc);
    module.node(node);
    List<SymInt> sv = ShapeValues.propagate(node, consts::get, shapeValues::get);
    if (sv != null) {
      shapeValues.put(node.output(), sv);
    }
    return outs;
  }
}
