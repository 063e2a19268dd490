package ancc.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.compiler.driver.TestCompile;
import ancc.compiler.onnx.OnnxImporter;
import ancc.compiler.onnx.proto.OnnxMl;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import ancc.runtime.interp.Interpreter;
import ancc.runtime.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real networks of {@code testdata/real} (a CIFAR ResNet-20, a ViT, a BERT-like encoder with
 * token ids and an attention mask, LSTM and GRU classifiers; written from their papers and trained
 * by {@code testdata/real/generate.py}) import, and the FP32 reference interpreter reproduces
 * torch's logits on the committed inputs, both on the graph as imported and on the canonical graph
 * the compiler works on.
 *
 * <p>Tolerance: both sides compute in float32 but in different orders (the interpreter accumulates
 * in double), so every logit must satisfy {@code |ancc - torch| <= ATOL + RTOL * |torch|} with
 * {@value #ATOL} and {@value #RTOL} (numpy's allclose rule, as in testdata/README.md), and the
 * top-1 class of every input must be torch's. The batch axis is symbolic: the first input alone
 * (batch 1) gives the first row of the batch-16 result to the same tolerance.
 */
class RealModelsTest {
  static final double ATOL = 1e-4;
  static final double RTOL = 1e-4;

  /** A committed model: its graph inputs in order, the files that feed them and the logits' width. */
  private record Case(String model, List<String> inputs, List<String> files, String inputTypes, int classes) {}

  private static final Map<String, Case> CASES = Map.of(
      "resnet20", new Case("resnet20", List.of("input"), List.of("fashion_mnist/images32_16.npy"),
          "f32[N,1,32,32]", 10),
      "vit_tiny", new Case("vit_tiny", List.of("input"), List.of("fashion_mnist/images_16.npy"),
          "f32[N,1,28,28]", 10),
      "bert_tiny", new Case("bert_tiny", List.of("input_ids", "attention_mask"),
          List.of("real/bert_tiny.ids_16.npy", "real/bert_tiny.mask_16.npy"), "i64[N,S] i64[N,S]", 2),
      "lstm", new Case("lstm", List.of("input"), List.of("fashion_mnist/images_16.npy"), "f32[N,1,28,28]", 10),
      "gru", new Case("gru", List.of("input"), List.of("fashion_mnist/images_16.npy"), "f32[N,1,28,28]", 10));

  static Path testdata(String rel) {
    Path p = Path.of(System.getProperty("ancc.repo.root", "../..")).resolve("testdata").resolve(rel);
    assertTrue(Files.isRegularFile(p), "missing test data " + p);
    return p;
  }

  private static Tensor npy(String rel) {
    try {
      return Npy.read(testdata(rel));
    } catch (IOException e) {
      throw new AssertionError("cannot read " + rel, e);
    }
  }

  private static Map<String, Tensor> inputs(Case c, int rows) {
    Map<String, Tensor> in = new LinkedHashMap<>();
    for (int i = 0; i < c.inputs().size(); i++) {
      in.put(c.inputs().get(i), firstRows(npy(c.files().get(i)), rows));
    }
    return in;
  }

  @ParameterizedTest
  @ValueSource(strings = {"resnet20", "vit_tiny", "bert_tiny", "lstm", "gru"})
  void importedGraphReproducesTorchLogits(String name) {
    Case c = CASES.get(name);
    Module m = OnnxImporter.importModel(testdata("real/" + name + ".onnx"));
    assertEquals(c.inputs(), m.inputs().stream().map(Value::name).collect(Collectors.toList()));
    assertEquals(c.inputTypes(), m.inputs().stream().map(v -> v.type().toString()).collect(Collectors.joining(" ")));
    check(name + " (imported)", m, c);
  }

  @ParameterizedTest
  @ValueSource(strings = {"resnet20", "vit_tiny", "bert_tiny", "lstm", "gru"})
  void canonicalGraphReproducesTorchLogits(String name) {
    Case c = CASES.get(name);
    Module m = TestCompile.load(testdata("real/" + name + ".onnx"));
    assertEquals("f32[N," + c.classes() + "]", m.outputs().get(0).type().toString());
    check(name + " (canonical)", m, c);
  }

  /**
   * Canonicalization types every value of these models, symbolic batch included (the imported
   * resnet20 is not: its option-A shortcut's Pad takes pads that torch computes by a chain of
   * constant ops through a [4,2] tensor, which only fold-constants resolves). vit_tiny's class token
   * is expanded to a target [N, -1, -1] that goes through Equal and Where; bert_tiny's position ids
   * are sliced up to the symbolic S (docs/ir.md, "Shape values").
   */
  @ParameterizedTest
  @ValueSource(strings = {"resnet20", "vit_tiny", "bert_tiny", "lstm", "gru"})
  void canonicalGraphIsFullyTyped(String name) {
    Module m = TestCompile.load(testdata("real/" + name + ".onnx"));
    for (Node n : m.nodes()) {
      for (Value v : n.outputs()) {
        assertFalse(v.type().dims().contains(Dim.UNKNOWN), name + ": " + n.describe() + " output " + v);
      }
    }
  }

  /** The sequence axis keeps its symbol: the class token is one row, bert's positions are S rows. */
  @org.junit.jupiter.api.Test
  void sequenceDimsAreTheInputsSymbols() {
    Module vit = TestCompile.load(testdata("real/vit_tiny.onnx"));
    assertEquals("f32[N,1,64]", typeOf(vit, "/Expand").toString());
    assertEquals("f32[N,50,64]", typeOf(vit, "/Concat_2").toString());
    Module bert = TestCompile.load(testdata("real/bert_tiny.onnx"));
    assertEquals("i64[1,S]", typeOf(bert, "/Slice").toString());
    assertEquals("f32[1,S,64]", typeOf(bert, "/pos/Gather").toString());
    assertEquals("f32[N,S,64]", typeOf(bert, "/Add").toString());
    assertEquals("f32[N,4,S,S]", typeOf(bert, "/layers.0/attn/Softmax").toString());
  }

  /**
   * The same models exported with fixed input shapes (the ONNX inputs' dims set to numbers) have
   * every dim fixed after canonicalization, and compute what the symbolic model computes on inputs of
   * those shapes (bert_tiny on the first 12 tokens, a shorter sequence than it was exported with).
   */
  @ParameterizedTest
  @ValueSource(strings = {"vit_tiny", "bert_tiny"})
  void staticInputsGiveFixedDims(String name, @org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
    Case c = CASES.get(name);
    int seq = 12;
    OnnxMl.ModelProto.Builder mb = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(testdata("real/" + name + ".onnx")))
        .toBuilder();
    for (OnnxMl.ValueInfoProto.Builder in : mb.getGraphBuilder().getInputBuilderList()) {
      OnnxMl.TensorShapeProto.Builder shape = in.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
      for (int i = 0; i < shape.getDimCount(); i++) {
        OnnxMl.TensorShapeProto.Dimension.Builder d = shape.getDimBuilder(i);
        if (d.hasDimParam()) {
          long size = d.getDimParam().equals("N") ? 2 : seq;
          d.clearDimParam().setDimValue(size);
        }
      }
    }
    Path fixed = tmp.resolve(name + ".static.onnx");
    Files.write(fixed, mb.build().toByteArray());
    Module m = TestCompile.load(fixed);
    for (Node n : m.nodes()) {
      for (Value v : n.outputs()) {
        assertTrue(v.type().isStatic(), name + " static: " + n.describe() + " output " + v);
      }
    }
    Map<String, Tensor> in = new LinkedHashMap<>();
    inputs(c, 2).forEach((k, t) -> in.put(k, t.rank() == 2 ? firstColumns(t, seq) : t));
    Module dynamic = TestCompile.load(testdata("real/" + name + ".onnx"));
    Interpreter interp = new Interpreter();
    Tensor want = interp.run(dynamic, in).values().iterator().next();
    Tensor got = interp.run(m, in).values().iterator().next();
    assertArrayEquals(want.floats(), got.floats(), name + ": static and symbolic models differ");
  }

  private static ancc.ir.graph.TensorType typeOf(Module m, String loc) {
    return m.nodes().stream().filter(n -> n.loc().equals(loc)).findFirst()
        .orElseThrow(() -> new AssertionError("no node " + loc)).output().type();
  }

  /** The first {@code k} columns of an integer [rows, cols] tensor. */
  private static Tensor firstColumns(Tensor t, int k) {
    int rows = (int) t.dim(0);
    int cols = (int) t.dim(1);
    long[] out = new long[rows * k];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(t.longs(), r * cols, out, r * k, k);
    }
    return Tensor.ofLongs(t.dtype(), new long[] {rows, k}, out);
  }

  /**
   * The attention mask reaches the attention: among the first 16 held-out sequences, those whose
   * padding (mask 0) holds the target id 1 but whose sentence does not are labelled 0 and
   * classified 0; with the mask set to all ones the model sees the target and says 1.
   */
  @org.junit.jupiter.api.Test
  void bertMaskHidesThePadding() {
    Case c = CASES.get("bert_tiny");
    Module m = TestCompile.load(testdata("real/bert_tiny.onnx"));
    Map<String, Tensor> in = inputs(c, 16);
    long[] ids = in.get("input_ids").longs();
    long[] mask = in.get("attention_mask").longs();
    int seq = (int) in.get("input_ids").dim(1);
    long[] ones = new long[mask.length];
    Arrays.fill(ones, 1);
    Map<String, Tensor> unmasked = new LinkedHashMap<>(in);
    unmasked.put("attention_mask", Tensor.ofLongs(in.get("attention_mask").dtype(), in.get("attention_mask").shape(), ones));
    Interpreter interp = new Interpreter();
    int[] masked = top1(interp.run(m, in).values().iterator().next());
    int[] open = top1(interp.run(m, unmasked).values().iterator().next());
    int hidden = 0;
    for (int r = 0; r < 16; r++) {
      boolean inPadding = false;
      boolean inSentence = false;
      for (int t = 0; t < seq; t++) {
        if (ids[r * seq + t] == 1) {
          inPadding |= mask[r * seq + t] == 0;
          inSentence |= mask[r * seq + t] == 1;
        }
      }
      if (inPadding && !inSentence) {
        hidden++;
        assertEquals(0, masked[r], "sequence " + r + " with the mask");
        assertEquals(1, open[r], "sequence " + r + " without the mask");
      }
    }
    assertTrue(hidden >= 3, "only " + hidden + " sequences hide the target in their padding");
  }

  private static void check(String what, Module m, Case c) {
    Tensor golden = npy("real/" + c.model() + ".logits_16.npy");
    assertArrayEquals(new long[] {16, c.classes()}, golden.shape(), what + " golden");
    Interpreter interp = new Interpreter();
    Tensor got = interp.run(m, inputs(c, 16)).values().iterator().next();
    assertNull(mismatch(got, golden), what);
    double maxErr = 0;
    for (int i = 0; i < golden.size(); i++) {
      maxErr = Math.max(maxErr, Math.abs(got.getDouble(i) - golden.getDouble(i)));
    }
    System.out.printf("real: %s: max |ancc - torch| = %.3g over 16 inputs%n", what, maxErr);
    assertArrayEquals(top1(golden), top1(got), what + " top-1");
    Tensor one = interp.run(m, inputs(c, 1)).values().iterator().next();
    assertNull(mismatch(one, firstRows(golden, 1)), what + " at batch 1");
  }

  /** The first mismatch under the stated tolerance, or null. */
  private static String mismatch(Tensor got, Tensor want) {
    if (!Arrays.equals(got.shape(), want.shape())) {
      return "shape " + Arrays.toString(got.shape()) + " vs torch " + Arrays.toString(want.shape());
    }
    for (int i = 0; i < want.size(); i++) {
      double g = got.getDouble(i);
      double w = want.getDouble(i);
      if (!(Math.abs(g - w) <= ATOL + RTOL * Math.abs(w))) {
        return "logit " + i + ": " + g + " vs torch " + w;
      }
    }
    return null;
  }

  private static int[] top1(Tensor logits) {
    int rows = (int) logits.dim(0);
    int cols = (int) (logits.size() / rows);
    int[] r = new int[rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 1; j < cols; j++) {
        if (logits.getDouble(i * cols + j) > logits.getDouble(i * cols + r[i])) {
          r[i] = j;
        }
      }
    }
    return r;
  }

  /** The first {@code n} rows (dim 0) of {@code t}, any element type. */
  private static Tensor firstRows(Tensor t, int n) {
    long[] shape = t.shape().clone();
    if (n >= shape[0]) {
      return t;
    }
    int per = (int) (t.size() / shape[0]);
    shape[0] = n;
    return t.isFloating()
        ? Tensor.ofFloats(t.dtype(), shape, Arrays.copyOf(t.floats(), n * per))
        : Tensor.ofLongs(t.dtype(), shape, Arrays.copyOf(t.longs(), n * per));
  }
}
