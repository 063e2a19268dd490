package ancc.compiler.conformance;

import ancc.compiler.onnx.OnnxTensors;
import ancc.ir.InvalidInputException;
import ancc.ir.UnsupportedOpException;
import ancc.ir.graph.DType;
import ancc.ir.graph.Module;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import ancc.runtime.interp.Interpreter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One case of the ONNX backend suite, run as {@code ancc run --mode reference} would: import and
 * canonicalize {@code model.onnx}, run every {@code test_data_set_*} through the reference
 * interpreter and compare with its expected outputs. The outcome is a pass, a failure with its
 * reason, or "unsupported" with the op type when the importer rejects the model with
 * {@link UnsupportedOpException}.
 */
final class ConformanceCase {
  private ConformanceCase() {}

  enum Kind { PASS, FAIL, UNSUPPORTED }

  record Outcome(Kind kind, String detail) {}

  static Outcome run(Path dir) {
    Module m;
    try {
      m = Canonical.compile(dir.resolve("model.onnx"));
    } catch (UnsupportedOpException e) {
      return new Outcome(Kind.UNSUPPORTED, e.opType());
    } catch (InvalidInputException e) {
      return new Outcome(Kind.FAIL, "import: " + e.getMessage());
    } catch (RuntimeException e) {
      return new Outcome(Kind.FAIL, "import crashed: " + e);
    }
    try (Stream<Path> sets = Files.list(dir)) {
      List<Path> dataSets = sets.filter(p -> p.getFileName().toString().startsWith("test_data_set_")).sorted().toList();
      if (dataSets.isEmpty()) {
        return new Outcome(Kind.FAIL, "no test_data_set_* folder");
      }
      for (Path ds : dataSets) {
        String problem = runDataSet(m, ds);
        if (problem != null) {
          return new Outcome(Kind.FAIL, ds.getFileName() + ": " + problem);
        }
      }
      return new Outcome(Kind.PASS, "");
    } catch (IOException e) {
      return new Outcome(Kind.FAIL, e.toString());
    } catch (RuntimeException e) {
      return new Outcome(Kind.FAIL, "run crashed: " + e);
    }
  }

  static String runDataSet(Module m, Path ds) throws IOException {
    List<Tensor> ins = readIndexed(ds, "input_");
    List<Tensor> expected = readIndexed(ds, "output_");
    if (ins.size() != m.inputs().size()) {
      return "data set has " + ins.size() + " inputs, model " + m.inputs().size();
    }
    Map<String, Tensor> feed = new LinkedHashMap<>();
    for (int i = 0; i < ins.size(); i++) {
      Value v = m.inputs().get(i);
      feed.put(v.name(), asDeclared(ins.get(i), v));
    }
    Map<String, Tensor> got = new Interpreter().run(m, feed);
    List<Tensor> outs = new ArrayList<>(got.values());
    if (outs.size() != expected.size()) {
      return "produced " + outs.size() + " outputs, expected " + expected.size();
    }
    for (int i = 0; i < outs.size(); i++) {
      Value v = m.outputs().get(i);
      // bfloat16 has an 8-bit significand; the suite's bf16 expectations were made by truncation
      // while ancc rounds to nearest even, so they may differ by one bf16 ulp (2^-7 relative).
      double rtol = v.type().dtype() == DType.BF16 ? Compare.BF16_RTOL : Compare.RTOL;
      String p = Compare.problem(outs.get(i), asDeclared(expected.get(i), v), rtol, Compare.ATOL);
      if (p != null) {
        return "output " + i + " (" + m.outputs().get(i).name() + "): " + p;
      }
    }
    return null;
  }

  /**
   * The suite stores bfloat16 tensors as UINT16 bit patterns; reinterpret them when the model
   * declares the value as bf16.
   */
  static Tensor asDeclared(Tensor t, Value v) {
    if (v.type().dtype() == DType.BF16 && t.dtype() == DType.U16) {
      return OnnxTensors.uint16BitsAsBfloat16(t);
    }
    return t;
  }

  static List<Tensor> readIndexed(Path ds, String prefix) {
    List<Tensor> r = new ArrayList<>();
    for (int i = 0; ; i++) {
      Path p = ds.resolve(prefix + i + ".pb");
      if (!Files.exists(p)) {
        return r;
      }
      r.add(OnnxTensors.readPb(p).tensor());
    }
  }
}
