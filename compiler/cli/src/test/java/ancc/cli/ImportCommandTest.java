package ancc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.graph.Module;
import ancc.ir.graph.text.IrFiles;
import ancc.ir.graph.text.IrPrinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ancc import}: display form on stdout, parseable .air + .air.bin with -o, pass options. */
class ImportCommandTest {

  @TempDir
  Path dir;

  private final Path lenet = Cli.testdata("models/lenet.onnx");

  @Test
  void printsTheCanonicalizedIrWithLargeConstantsElided() {
    Cli.Result r = Cli.run("import", lenet.toString());
    assertEquals(0, r.code(), r::toString);
    assertEquals("", r.err());
    assertTrue(r.out().startsWith("module @lenet {"), r::toString);
    assertTrue(r.out().contains("dense_elided<48000>"), r::toString);
    assertTrue(r.out().contains("= linear(") && !r.out().contains("= gemm("), r::toString);
  }

  @Test
  void writesAirAndSidecarThatParseBack() throws IOException {
    Path air = dir.resolve("lenet.air");
    Cli.Result r = Cli.run("import", lenet.toString(), "-o", air.toString());
    assertEquals(0, r.code(), r::toString);
    assertEquals("", r.out());
    assertTrue(Files.size(IrFiles.sidecarPath(air)) > 48000 * 4, "weights in the sidecar");
    assertTrue(r.err().startsWith("ancc: wrote " + air + " and " + IrFiles.sidecarPath(air)), r::toString);
    Module m = IrFiles.read(air);
    assertFalse(Files.readString(air).contains("dense_elided"));
    String display = IrPrinter.print(m, IrPrinter.Options.DEFAULT.withElide(true), null);
    assertEquals(Cli.run("import", lenet.toString()).out(), display, "the written IR is what import prints");
  }

  @Test
  void noCanonicalizeKeepsTheImportedOps() {
    Cli.Result r = Cli.run("import", Cli.testdata("models/mlp.onnx").toString(), "--no-canonicalize");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("= gemm("), r::toString);
  }

  @Test
  void printIrAfterAllAndTimingGoToStderr() {
    Cli.Result r = Cli.run("import", lenet.toString(), "--print-after-all", "--timings");
    assertEquals(0, r.code(), r::toString);
    for (String pass : new String[] {"import", "remove-identity", "fold-constants", "fuse-linear", "fold-batch-norm",
        "eliminate-dead-code"}) {
      assertTrue(r.err().contains("// -----// IR after " + pass + " //----- //"), pass);
    }
    assertTrue(r.err().contains("time (ms)") && r.err().lines().anyMatch(l -> l.startsWith("total")), r::toString);
    assertTrue(r.out().startsWith("module @lenet {"));
  }
}
