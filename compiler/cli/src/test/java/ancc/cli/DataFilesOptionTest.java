package ancc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.graph.Tensor;
import ancc.runtime.io.Npy;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --calib} and {@code --images} with one {@code NAME=FILE} .npy per graph input, on
 * testdata/real/bert_tiny (token ids and an attention mask): {@code eval} and {@code compile} take
 * them, and a missing input, integer data given as floats or files of different sample counts are
 * one-line errors naming the file (exit 3).
 */
class DataFilesOptionTest {
  @TempDir Path dir;

  private final Path model = Cli.testdata("real/bert_tiny.onnx");

  private static String ids(int n) {
    return "input_ids=" + Cli.testdata("real/bert_tiny.ids_" + n + ".npy");
  }

  private static String mask(int n) {
    return "attention_mask=" + Cli.testdata("real/bert_tiny.mask_" + n + ".npy");
  }

  @Test
  void evalAndCompileTakeOneFilePerInput() {
    Cli.Result r = Cli.run("eval", model.toString(), "--images", mask(16), "--images", ids(16), "--labels",
        Cli.testdata("real/bert_tiny.labels_16.npy").toString(), "--mode", "ideal", "--placement", "all-digital",
        "--chips", "1");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().lines().findFirst().orElse("").contains("16 samples"), r::toString);
    assertTrue(r.out().contains("reference top-1:"), r::toString);

    Cli.Result c = Cli.run("compile", model.toString(), "--placement", "all-sram", "--calib", ids(16), "--calib",
        mask(16), "--calib-samples", "8", "--chips", "1", "-o", dir.resolve("out").toString(),
        "--cache-dir", dir.resolve("cache").toString());
    assertEquals(0, c.code(), c::toString);
    assertTrue(c.out().contains("calibration images"), c::toString);
    assertTrue(c.out().contains(" 8 calibration images"), c::toString);
  }

  @Test
  void dataErrorsAreOneLineNamingTheFile() throws IOException {
    Path floats = dir.resolve("mask_f32.npy");
    Npy.write(floats, Tensor.ofFloats(new long[] {16, 16}, new float[256]));
    String[][] cases = {
        {ids(16), null, "no file for graph input 'attention_mask' (give attention_mask=FILE"},
        {ids(16), mask(256), Cli.testdata("real/bert_tiny.mask_256.npy") + " (input 'attention_mask'): 256 samples, "
            + Cli.testdata("real/bert_tiny.ids_16.npy") + " (input 'input_ids') has 16"},
        {ids(16), "attention_mask=" + floats, floats + " (input 'attention_mask'): graph input 'attention_mask' takes"
            + " i64 (integers), the data is f32"},
        {ids(16), "mask=" + floats, "'mask' is not a graph input of the model (inputs: input_ids, attention_mask)"},
    };
    for (String[] k : cases) {
      Cli.Result r = k[1] == null
          ? Cli.run("compile", model.toString(), "--placement", "all-sram", "--calib", k[0], "-o",
              dir.resolve("o").toString())
          : Cli.run("compile", model.toString(), "--placement", "all-sram", "--calib", k[0], "--calib", k[1], "-o",
              dir.resolve("o").toString());
      assertEquals(3, r.code(), r::toString);
      assertTrue(r.err().contains(k[2]), r::toString);
      assertEquals(1, r.err().strip().lines().filter(l -> l.startsWith("ancc: error")).count(), r::toString);
    }
  }
}
