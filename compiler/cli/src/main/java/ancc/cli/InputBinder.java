package ancc.cli;

import ancc.compiler.onnx.OnnxTensors;
import ancc.ir.InvalidInputException;
import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.runtime.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Binds {@code --input [NAME=]FILE} arguments to a module's graph inputs and loads them.
 *
 * <p>Rules: an argument whose text before the first {@code =} is a graph input's name binds that
 * input; any other argument is a file name (so file names may contain {@code =}). Unnamed files
 * bind, in order, to the graph inputs that no named argument took, in graph order. Every graph
 * input must be bound exactly once. Files are {@code .npy} or ONNX {@code TensorProto}
 * {@code .pb}, by extension. A float file feeds any floating input; a narrower integer file
 * feeds an i64 input; shapes must match the input's fixed dims, and a symbolic dim (the batch
 * {@code N}) must have the same size in every file.
 */
final class InputBinder {

  /** The loaded inputs in graph order, and the size bound to each symbolic dim. */
  record Bound(Map<String, Tensor> inputs, Map<String, Long> symbols) {}

  private record Arg(String text, String name, Path file) {}

  private final Module module;
  private final String model;

  InputBinder(Module module, Path model) {
    this.module = module;
    this.model = model.toString();
  }

  Bound bind(List<String> args) throws IOException {
    Map<String, Value> byName = new LinkedHashMap<>();
    for (Value v : module.inputs()) {
      byName.put(v.name(), v);
    }
    Map<Value, Arg> bound = new LinkedHashMap<>();
    List<Arg> unnamed = new ArrayList<>();
    for (String text : args) {
      Arg a = parse(text, byName);
      if (a.name() == null) {
        unnamed.add(a);
        continue;
      }
      Arg previous = bound.put(byName.get(a.name()), a);
      if (previous != null) {
        throw new InvalidInputException(model + ": input '" + a.name() + "' is given twice (--input "
            + previous.text() + " and --input " + a.text() + ")");
      }
    }
    List<Value> free = module.inputs().stream().filter(v -> !bound.containsKey(v)).collect(Collectors.toList());
    if (unnamed.size() > free.size()) {
      throw new InvalidInputException(model + ": too many --input files: " + args.size() + " given, the model has "
          + module.inputs().size() + " input(s) (" + names(module.inputs()) + ")");
    }
    for (int i = 0; i < unnamed.size(); i++) {
      bound.put(free.get(i), unnamed.get(i));
    }
    List<Value> missing = module.inputs().stream().filter(v -> !bound.containsKey(v)).collect(Collectors.toList());
    if (!missing.isEmpty()) {
      throw new InvalidInputException(model + ": missing --input for graph input(s) " + describe(missing)
          + "; " + args.size() + " given, the model has " + module.inputs().size() + " ("
          + names(module.inputs()) + ")");
    }
    Map<String, Tensor> inputs = new LinkedHashMap<>();
    Map<String, Long> symbols = new LinkedHashMap<>();
    Map<String, Path> symbolSource = new HashMap<>();
    for (Value v : module.inputs()) {
      Path file = bound.get(v).file();
      Tensor t = coerce(load(file), v.type().dtype());
      check(v, t, file, symbols, symbolSource);
      inputs.put(v.name(), t);
    }
    return new Bound(inputs, symbols);
  }

  private Arg parse(String text, Map<String, Value> byName) {
    int eq = text.indexOf('=');
    if (eq >= 0 && byName.containsKey(text.substring(0, eq))) {
      String file = text.substring(eq + 1);
      if (file.isEmpty()) {
        throw new InvalidInputException("--input " + text + ": no file after '='");
      }
      return new Arg(text, text.substring(0, eq), Path.of(file));
    }
    if (eq >= 0 && !Files.exists(Path.of(text))) {
      throw new InvalidInputException("--input " + text + ": '" + text.substring(0, eq) + "' is not an input of "
          + model + " (inputs: " + names(module.inputs()) + ")");
    }
    if (text.isEmpty()) {
      throw new InvalidInputException("--input: empty file name");
    }
    return new Arg(text, null, Path.of(text));
  }

  /** Reads a .npy or TensorProto .pb file. */
  static Tensor load(Path file) throws IOException {
    ancc.compiler.driver.Pipeline.requireFile(file);
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".npy")) {
      return Npy.read(file);
    }
    if (name.endsWith(".pb")) {
      return OnnxTensors.readPb(file).tensor();
    }
    throw new InvalidInputException(file + ": unknown input file type (expected .npy or .pb)");
  }

  /** Relabels tensors whose storage already holds the wanted type exactly. */
  static Tensor coerce(Tensor t, DType want) {
    if (t.dtype() == want) {
      return t;
    }
    if (t.isFloating() && want.isFloating()) {
      return t.withDtype(want);
    }
    boolean narrowInt = !t.isFloating() && t.dtype() != DType.BOOL && t.dtype() != DType.U64;
    if (narrowInt && want == DType.I64) {
      return t.withDtype(want);
    }
    return t;
  }

  private void check(Value v, Tensor t, Path file, Map<String, Long> symbols, Map<String, Path> symbolSource) {
    TensorType want = v.type();
    String against = " does not match input '" + v.name() + "' " + want + " of " + model;
    if (t.dtype() != want.dtype()) {
      String numpyType = want.dtype().isFloating() ? "float32" : want.dtype() == DType.BOOL ? "bool_" : "int64";
      throw new InvalidInputException(file + ": element type " + t.dtype().text() + against
          + " (convert with arr.astype(np." + numpyType + "))");
    }
    long[] shape = t.shape();
    String shapeText = shapeText(shape);
    if (shape.length != want.rank()) {
      throw new InvalidInputException(file + ": shape " + shapeText + " has rank " + shape.length + " but input '"
          + v.name() + "' " + want + " of " + model + " has rank " + want.rank());
    }
    for (int i = 0; i < shape.length; i++) {
      Dim d = want.dim(i);
      if (d instanceof Dim.Fixed f && f.size() != shape[i]) {
        throw new InvalidInputException(file + ": shape " + shapeText + against + ": dim " + i + " is "
            + shape[i] + ", expected " + f.size());
      }
      if (d instanceof Dim.Sym s) {
        Long known = symbols.putIfAbsent(s.name(), shape[i]);
        if (known == null) {
          symbolSource.put(s.name(), file);
        } else if (known != shape[i]) {
          throw new InvalidInputException(file + ": shape " + shapeText + against + ": dim " + i + " ("
              + s.name() + ") is " + shape[i] + " but " + symbolSource.get(s.name()) + " set " + s.name()
              + " = " + known);
        }
      }
    }
  }

  private static String names(List<Value> values) {
    return values.isEmpty() ? "none" : values.stream().map(Value::name).collect(Collectors.joining(", "));
  }

  private static String describe(List<Value> values) {
    return values.stream().map(v -> "'" + v.name() + "' " + v.type()).collect(Collectors.joining(", "));
  }

  static String shapeText(long[] shape) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < shape.length; i++) {
      sb.append(i == 0 ? "" : ",").append(shape[i]);
    }
    return sb.append(']').toString();
  }
}
