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

/** Several and integer graph inputs: synthetic inputs by type and range, .npz data files and their errors. */
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
    assertError(one, m, "ids.npy: one array for a model of 2 inputs (ids, attention_mask); give an .npz");
  }

  private static void assertError(Path f, Module m, String part) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Dataset.unlabelled(f, null, 0, m, -1));
    assertTrue(e.getMessage().contains(part), e.getMessage());
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
  }
}
