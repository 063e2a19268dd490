package ancc.compiler.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.backends.DoesNotFitException;
import ancc.compiler.driver.Compilation;
import ancc.compiler.driver.CompiledModel;
import ancc.compiler.driver.TestCompile;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.Module;
import ancc.ir.graph.Tensor;
import ancc.ir.program.Buffer;
import ancc.ir.program.Program;
import ancc.runtime.sim.SimOptions;
import ancc.runtime.sim.Simulator;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A model that overflows its tiles' buffers compiles on a chip with a global buffer and DRAM: the
 * overflow is spilled, the ledger books the spilled accesses, the report states them, and the
 * simulated outputs are those of the same program with every buffer in its tile.
 */
class SpillReportTest {
  /** {@code default} with 1 KiB tile buffers, with or without its global buffer and DRAM. */
  private static Chip smallBuffers(boolean spill) {
    String text = Chips.preset("default").canonicalYaml().replace("name: \"default\"", "name: \"small-buffers\"")
        .replace("size: 64KiB", "size: 1KiB").replace("size: 256KiB", "size: 1KiB");
    return Chips.parse(spill ? text : text.substring(0, text.indexOf("global_buffer:")), "small-buffers.yaml");
  }

  private static Path lenet() {
    return Paths.get(System.getProperty("ancc.repo.root"), "testdata/models/lenet.onnx");
  }

  @Test
  void anOverflowingModelCompilesWithSpillAndItsLedgerShowsIt() throws IOException {
    Module m = TestCompile.load(lenet());
    Chip none = smallBuffers(false);
    DoesNotFitException e = assertThrows(DoesNotFitException.class,
        () -> TestCompile.compile(m, none, "all-memristor"));
    assertTrue(e.getMessage().contains("bytes of buffer, has 1024"), e.getMessage());

    Chip chip = smallBuffers(true);
    Compilation c = TestCompile.compile(m, chip, "all-memristor");
    Program p = c.program();
    assertTrue(p.buffers().stream().anyMatch(Buffer::spilled), "nothing spilled");
    Report r = CostReport.of(CompiledModel.of(lenet(), c), 1).report("compile", null, null);
    SpillInfo s = r.totals().spill();
    assertTrue(s != null && s.buffers() > 0 && s.globalBytes() > 0, String.valueOf(s));
    assertEquals(p.buffers().stream().filter(Buffer::spilled).count(), s.buffers());
    Map<String, Double> pj = r.totals().energyPj();
    assertTrue(pj.get("global_buffer.read") > 0 && pj.get("global_buffer.write") > 0, pj.toString());
    double spillPj = pj.get("global_buffer.read") + pj.get("global_buffer.write")
        + pj.getOrDefault("dram.read", 0.0) + pj.getOrDefault("dram.write", 0.0);
    assertEquals(spillPj, s.energyPj(), 1e-9 * spillPj);

    // spilling moves bytes, not values: the same program with every buffer local computes the same
    Program local = new Program(p.name(), p.chipName(), p.chipHash(), p.inputs(), p.outputs(), p.constants(),
        p.arrays(), p.buffers().stream().map(b -> b.in(Buffer.Space.LOCAL)).toList(), p.tiles());
    SplittableRandom rng = new SplittableRandom(3);
    float[] x = new float[2 * 28 * 28];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextDouble();
    }
    Map<String, Tensor> in = Map.of(p.inputs().get(0).name(), Tensor.ofFloats(new long[] {2, 1, 28, 28}, x));
    for (SimOptions o : new SimOptions[] {SimOptions.ideal(), SimOptions.analog(7)}) {
      String out = p.outputs().get(0).name();
      assertArrayEquals(new Simulator().run(local, chip, in, o).get(out).floats(),
          new Simulator().run(p, chip, in, o).get(out).floats());
    }
  }

  @Test
  void aModelThatFitsHasNoSpillSection() throws IOException {
    Compilation c = TestCompile.compile(lenet(), Chips.preset("default"), "all-memristor");
    Report r = CostReport.of(CompiledModel.of(lenet(), c), 1).report("compile", null, null);
    assertNull(r.totals().spill());
    assertTrue(r.totals().energyPj().keySet().stream().noneMatch(k -> k.startsWith("global_buffer")
        || k.startsWith("dram")));
  }
}
