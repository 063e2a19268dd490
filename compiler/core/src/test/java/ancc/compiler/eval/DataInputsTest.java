package ancc.compiler.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.compiler.driver.Options;
import ancc.compiler.driver.Pipeline;
import ancc.ir.InvalidInputException;
import ancc.ir.graph.DType;
import ancc.ir.graph.Module;
import ancc.ir.graph.Tensor;
import ancc.runtime.io.Npy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several and integer graph inputs: synthetic inputs by type and range, .npz data files, one
 * NAME=FILE .npy per input (testdata/real/bert_tiny: token ids and mask), and their errors.
 */
class DataInputsTest {
  @TempDir Path dir;

  private static Module encoder() {
    Path f = Paths.get(System.getProperty("ancc.repo.root")).resolve("testdata/encoder/encoder_ids_mask.onnx");
    return new Pipeline(Options.defaults()).load(f);
  }

  @Test
  void syntheticInputsRespectTypesAndRanges() {
    Module m = encoder();
    assertEquals(SyntheticInputs.Kind.IDS, SyntheticInputs.kind(m, m.inputs().get(0)));
    assertEquals(100, SyntheticInputs.vocab(m, m.inputs().get(0)));
    assertEquals(SyntheticInputs.Kind.MASK, SyntheticInputs.kind(m, m.inputs().get(1)));
    Dataset d = Dataset.synthetic(m, 32, 5);
    assertEquals(List.of("ids", "attention_mask"), d.names());
    Tensor ids = d.inputs().get(0);
    assertEquals(DType.I64, ids.dtype());
    assertArrayEquals(new long[] {32, SyntheticInputs.DEFAULT_SYMBOLIC_DIM}, ids.shape());
    long max = 0;
    for (long v : ids.longs()) {
      assertTrue(v >= 0 && v < 100, "id " + v);
      max = Math.max(max, v);
    }
    assertTrue(max > 50, "ids spread over the vocabulary, max " + max);
    for (long v : d.inputs().get(1).longs()) {
      assertEquals(1, v);
    }
    assertTrue(SyntheticInputs.describe(m).contains("token ids in [0, 100)"), SyntheticInputs.describe(m));
  }

  private Path npz(String name, Map<String, Tensor> arrays) throws IOException {
    Path f = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(f); ZipOutputStream z = new ZipOutputStream(out)) {
      for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
        z.write(Npy.encode(e.getValue()));
        z.closeEntry();
      }
    }
    return f;
  }

  private static Tensor longs(long rows, long cols, long value) {
    long[] x = new long[(int) (rows * cols)];
    java.util.Arrays.fill(x, value);
    return Tensor.ofLongs(DType.I64, new long[] {rows, cols}, x);
  }

  @Test
  void npzFeedsEveryInputByNameWithItsOwnSequenceLength() throws IOException {
    Module m = encoder();
    Path f = npz("d.npz", new java.util.LinkedHashMap<>(Map.of("attention_mask", longs(6, 10, 1), "ids", longs(6, 10, 7))));
    Dataset d = Dataset.unlabelled(f, null, 4, m, -1);
    assertEquals(4, d.size());
    assertArrayEquals(new long[] {4, 10}, d.inputs().get(0).shape());
    assertEquals(7, d.batch(1, 2).get("ids").longs()[0]);
    assertEquals(List.of("ids", "attention_mask"), List.copyOf(d.batch(0, 1).keySet()));
    assertEquals(Map.of("S", 10L), d.symbols(m));
    assertEquals(Map.of("S", (long) SyntheticInputs.DEFAULT_SYMBOLIC_DIM), Dataset.synthetic(m, 2, 0).symbols(m));
    Dataset mixed = new Dataset(List.of("ids", "attention_mask"), List.of(longs(2, 10, 7), longs(2, 12, 1)),
        new long[2]);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> mixed.symbols(m));
    assertEquals("data for input 'attention_mask' has S = 12, the data for input 'ids' 10", e.getMessage());
  }

  @Test
  void dataErrorsNameTheFileAndTheArray() throws IOException {
    Module m = encoder();
    Path missing = npz("a.npz", Map.of("ids", longs(2, 4, 1)));
    assertError(missing, m, "a.npz: no array 'attention_mask' for graph input 'attention_mask' (arrays: ids)");
    Path extra = npz("b.npz", new java.util.LinkedHashMap<>(Map.of("ids", longs(2, 4, 1), "attention_mask",
        longs(2, 4, 1), "labels", longs(2, 1, 0))));
    assertError(extra, m, "b.npz: array 'labels' is no graph input of the model");
    Path floats = npz("c.npz", Map.of("ids", Tensor.ofFloats(new long[] {2, 4}, new float[8]),
        "attention_mask", longs(2, 4, 1)));
    assertError(floats, m, "c.npz[ids]: graph input 'ids' takes i64 (integers), the data is f32");
    Path counts = npz("d.npz", new java.util.LinkedHashMap<>(Map.of("ids", longs(2, 4, 1), "attention_mask",
        longs(3, 4, 1))));
    assertError(counts, m, "d.npz[");
    Path one = dir.resolve("ids.npy");
    Npy.write(one, longs(2, 4, 1));
    assertError(one, m, "ids.npy: one array for a model of 2 inputs (ids, attention_mask); give one NAME=FILE per input");
  }

  private static void assertError(Path f, Module m, String part) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Dataset.unlabelled(f, null, 0, m, -1));
    assertTrue(e.getMessage().contains(part), e.getMessage());
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
  }

  private static Path real(String f) {
    return Paths.get(System.getProperty("ancc.repo.root")).resolve("testdata/real/" + f);
  }

  private static Path bindings(String... items) {
    return DataFiles.join(List.of(items));
  }

  @Test
  void oneFilePerInputByName() throws IOException {
    Module m = new Pipeline(Options.defaults()).load(real("bert_tiny.onnx"));
    assertEquals(List.of("input_ids", "attention_mask"), m.inputs().stream().map(v -> v.name()).toList());
    Tensor ids = Npy.read(real("bert_tiny.ids_16.npy"));
    Tensor mask = Npy.read(real("bert_tiny.mask_16.npy"));
    long[] labels = Npy.read(real("bert_tiny.labels_16.npy")).longs();
    // given in either order; bound by name
    Path given = bindings("attention_mask=" + real("bert_tiny.mask_16.npy"), "input_ids=" + real("bert_tiny.ids_16.npy"));
    Dataset d = Dataset.load(given, real("bert_tiny.labels_16.npy"), null, 10, m);
    assertEquals("attention_mask=bert_tiny.mask_16.npy, input_ids=bert_tiny.ids_16.npy", DataFiles.describe(given));
    assertEquals("bert_tiny.ids_16.npy", DataFiles.describe(real("bert_tiny.ids_16.npy")));
    assertEquals(10, d.size());
    assertEquals(List.of("input_ids", "attention_mask"), d.names());
    assertArrayEquals(new long[] {10, ids.dim(1)}, d.inputs().get(0).shape());
    assertArrayEquals(java.util.Arrays.copyOf(ids.longs(), (int) (10 * ids.dim(1))), d.inputs().get(0).longs());
    assertArrayEquals(java.util.Arrays.copyOf(mask.longs(), (int) (10 * mask.dim(1))), d.inputs().get(1).longs());
    assertArrayEquals(java.util.Arrays.copyOf(labels, 10), d.labels());
    // one binding alone is a binding too, and a plain file that exists stays a file
    assertEquals(Map.of("input_ids", Path.of("x.npy")), DataFiles.split(Path.of("input_ids=x.npy"), List.of("input_ids")));
    assertEquals(null, DataFiles.split(real("bert_tiny.ids_16.npy"), List.of("input_ids")));
  }

  @Test
  void oneFilePerInputErrorsNameTheFile() throws IOException {
    Module m = new Pipeline(Options.defaults()).load(real("bert_tiny.onnx"));
    String ids16 = "input_ids=" + real("bert_tiny.ids_16.npy");
    // a graph input without a file
    assertBindingError(m, bindings(ids16, "input_ids=" + real("bert_tiny.ids_256.npy")), "given twice");
    InvalidInputException missing = assertThrows(InvalidInputException.class, () -> Dataset.unlabelled(
        Path.of(ids16), null, 0, m, -1));
    assertTrue(missing.getMessage().contains("no file for graph input 'attention_mask' (give attention_mask=FILE"),
        missing.getMessage());
    // a name that is no graph input
    assertBindingError(m, bindings(ids16, "mask=" + real("bert_tiny.mask_16.npy")),
        "'mask' is not a graph input of the model (inputs: input_ids, attention_mask)");
    // floats for an integer input
    Path floats = dir.resolve("mask_f.npy");
    Npy.write(floats, Tensor.ofFloats(new long[] {16, 16}, new float[256]));
    assertBindingError(m, bindings(ids16, "attention_mask=" + floats),
        floats + " (input 'attention_mask'): graph input 'attention_mask' takes i64 (integers), the data is f32");
    // sample counts that differ
    assertBindingError(m, bindings(ids16, "attention_mask=" + real("bert_tiny.mask_256.npy")),
        real("bert_tiny.mask_256.npy") + " (input 'attention_mask'): 256 samples, " + real("bert_tiny.ids_16.npy")
            + " (input 'input_ids') has 16");
    // several values, one without a name
    InvalidInputException unnamed = assertThrows(InvalidInputException.class,
        () -> DataFiles.join(List.of(ids16, real("bert_tiny.mask_16.npy").toString())));
    assertTrue(unnamed.getMessage().contains("each is NAME=FILE"), unnamed.getMessage());
  }

  private static void assertBindingError(Module m, Path data, String part) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Dataset.unlabelled(data, null, 0, m, -1));
    assertTrue(e.getMessage().contains(part), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
  }
}
