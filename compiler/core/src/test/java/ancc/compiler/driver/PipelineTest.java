package ancc.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.compiler.pass.PassManager;
import ancc.compiler.pass.PassTiming;
import ancc.ir.InvalidInputException;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.text.IrFiles;
import ancc.ir.program.TileKind;
import ancc.ir.program.text.ProgramPrinter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one pipeline: each stage alone, all of them chained, .air in place of .onnx, timings and dumps. */
class PipelineTest {
  private static final Path LENET = testdata("models/lenet.onnx");

  static Path testdata(String relative) {
    Path p = Paths.get("").toAbsolutePath();
    while (p != null && !p.resolve("testdata").toFile().isDirectory()) {
      p = p.getParent();
    }
    assertNotNull(p, "testdata/ not found above " + Paths.get("").toAbsolutePath());
    return p.resolve("testdata").resolve(relative);
  }

  private static Options sram() {
    return Options.builder().placement(Strategy.ALL_SRAM).build();
  }

  @Test
  void theStagesChainedAreTheWholeCompile() {
    Pipeline whole = new Pipeline(sram());
    CompiledModel all = whole.compile(LENET);

    Pipeline staged = new Pipeline(sram());
    Module imported = staged.importOnnx(LENET);
    Module canonical = staged.canonicalize(imported, LENET);
    Module placed = staged.place(canonical, false);
    assertTrue(Lower.placed(placed), "every node placed");
    assertTrue(placed.nodes().stream().anyMatch(n -> n.placement().single() == TileKind.SRAM));
    Compilation c = staged.lower(placed);

    assertEquals(ProgramPrinter.print(all.program()), ProgramPrinter.print(c.program()));
    assertEquals("all-sram", c.placement());
    List<String> steps = new ArrayList<>();
    for (PassTiming t : whole.context().timings()) {
      steps.add(t.pass());
    }
    assertEquals(List.of("import", "remove-identity", "fold-constants", "fuse-linear", "fold-batch-norm",
        "eliminate-dead-code", "partition", "calibrate", "lower", "model-info"), steps);
  }

  @Test
  void aPlacedAirCompilesAsPlacedToTheSameProgram(@TempDir Path dir) {
    Pipeline p = new Pipeline(sram());
    Compilation fromOnnx = p.compile(p.load(LENET), false);
    Path air = dir.resolve("lenet.air");
    IrFiles.write(fromOnnx.module(), air);

    Pipeline q = new Pipeline(Options.defaults());
    Module read = q.load(air);
    assertEquals(null, q.strategyFor(read), "no strategy given: the placements stand");
    assertSame(read, q.place(read, false));
    Compilation fromAir = q.lower(read);
    assertEquals(ProgramPrinter.print(fromOnnx.program()), ProgramPrinter.print(fromAir.program()));
    assertEquals("as-placed", fromAir.placement());

    // a strategy given explicitly places the module again
    Pipeline r = new Pipeline(Options.builder().placement(Strategy.ALL_DIGITAL).build());
    Module digital = r.place(r.load(air), false);
    for (Node n : digital.nodes()) {
      assertEquals(TileKind.DIGITAL, n.placement().single(), n.describe());
    }
  }

  @Test
  void printAfterDumpsTheNamedStepsOnly() {
    StringBuilder dumps = new StringBuilder();
    Options o = Options.builder().placement(Strategy.ALL_MEMRISTOR).printAfter(Set.of("fuse-linear", "lower")).build();
    new Pipeline(o, Progress.NONE, dumps::append).compile(LENET);
    String text = dumps.toString();
    assertTrue(text.contains(PassManager.header("fuse-linear") + "\nmodule @lenet {"), "graph IR after fuse-linear");
    assertTrue(text.contains(PassManager.header("lower") + "\n// ancc crossbar mapping program"), "program after lower");
    assertTrue(!text.contains(PassManager.header("partition")), "nothing after steps not named");

    StringBuilder all = new StringBuilder();
    Options every = Options.builder().placement(Strategy.ALL_MEMRISTOR).printAfter(Set.of(Options.ALL_STEPS)).build();
    new Pipeline(every, Progress.NONE, all::append).compile(LENET);
    for (String step : List.of("import", "eliminate-dead-code", "partition", "calibrate", "lower")) {
      assertTrue(all.toString().contains(PassManager.header(step)), step);
    }
  }

  @Test
  void graphPassesRunByNameAndAnUnknownNameIsAnError() {
    Pipeline p = new Pipeline(Options.builder().placement(Strategy.FIRST_LAST_DIGITAL).build());
    Module imported = p.importOnnx(LENET);
    Module out = p.runPasses(imported, List.of("canonicalize", "partition"));
    assertTrue(Lower.placed(out));
    assertTrue(out.nodes().stream().anyMatch(n -> n.placement().single() == TileKind.MEMRISTOR));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> p.runPasses(imported, List.of("fold-everything")));
    assertTrue(e.getMessage().contains("unknown pass 'fold-everything'"), e.getMessage());
    assertTrue(e.getMessage().contains("fuse-linear"), "lists the passes: " + e.getMessage());
  }

  @Test
  void lowerNamesTheNodeWithoutAPlacement() {
    Pipeline p = new Pipeline(Options.defaults());
    Module canonical = p.load(LENET);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> p.lower(canonical));
    assertTrue(e.getMessage().contains("has no placement; place the module first"), e.getMessage());
  }

  @Test
  void optionsCarryTheirDefaultsAndCheckTheirValues() {
    Options d = Options.defaults();
    assertEquals(null, d.placement());
    assertEquals(0.5, d.budgetPercent());
    assertEquals(3, d.chips());
    assertEquals(256, d.calibSamples());
    assertEquals(Granularity.LAYER, d.granularity());
    assertThrows(InvalidInputException.class, () -> Options.builder().chips(0).build());
    assertThrows(InvalidInputException.class, () -> Options.builder().budgetPercent(101).build());
    assertThrows(InvalidInputException.class, () -> Options.builder().images(LENET).build());
    assertEquals(Strategy.AUTO_GREEDY, Strategy.parse("Auto-Greedy"));
    assertEquals(Strategy.ALL_SRAM, Strategy.parse("all-sram"));
    assertThrows(InvalidInputException.class, () -> Strategy.parse("everywhere"));
  }
}
