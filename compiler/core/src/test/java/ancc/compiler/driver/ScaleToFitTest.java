package ancc.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.backends.DoesNotFitException;
import ancc.compiler.report.ChipInfo;
import ancc.compiler.report.CostReport;
import ancc.ir.chip.Chip;
import ancc.ir.chip.ChipScaling;
import ancc.ir.chip.Chips;
import ancc.ir.graph.Module;
import ancc.ir.graph.Tensor;
import ancc.ir.program.ProgramVerifier;
import ancc.ir.program.TileKind;
import ancc.runtime.sim.SimOptions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scale-to-fit} on the pipeline: lenet (138 SRAM macros all-SRAM, 9 crossbars all-memristor)
 * on {@code scale/small.yaml}, the default preset cut to one tile of each kind (32 macros, 8
 * crossbars) on a 1x3 mesh.
 */
class ScaleToFitTest {
  private static final Path LENET = PipelineTest.testdata("models/lenet.onnx");

  static Path resource(String name) {
    try {
      return Path.of(ScaleToFitTest.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final Path SMALL = resource("scale/small.yaml");

  private static Options options(Strategy s, boolean scale) {
    return Options.builder().chip(SMALL.toString()).placement(s).scaleToFit(scale).calibSamples(16).chips(1)
        .build();
  }

  @Test
  void withoutTheFlagTheModelDoesNotFitAndTheMessageSaysWhatItNeeds() {
    Pipeline p = new Pipeline(options(Strategy.ALL_SRAM, false));
    Module m = p.load(LENET);
    DoesNotFitException e = assertThrows(DoesNotFitException.class, () -> p.compile(m, false));
    assertEquals("lenet does not fit chip small-default: needs 138 SRAM macros of 64x64 (5 sram tiles of 32), chip"
        + " has 32 (1 tiles); --scale-to-fit grows the chip's tile counts to the model, --reprogram reprograms its"
        + " arrays between layer groups within an inference", e.getMessage());
    assertTrue(p.calibration().isEmpty(), "the shortfall is found before calibrating");
  }

  @Test
  void allSramGrowsTheSramTilesAndTheReportStatesTheScaledChip() throws IOException {
    Pipeline p = new Pipeline(options(Strategy.ALL_SRAM, true));
    Compilation c = p.compile(p.load(LENET), false);
    Chip base = Chips.load(SMALL);
    Chip chip = c.chip();
    assertSame(chip, p.chip());
    assertEquals(base, p.baseChip());
    assertEquals(List.of(), ProgramVerifier.check(c.program()));
    // ceil(138 / 32) = 5 SRAM tiles, 7 tiles in all: a 3 x 3 mesh whose 2 spare positions take SRAM tiles too
    assertEquals(7, chip.tileCount(TileKind.SRAM));
    assertEquals(1, chip.tileCount(TileKind.MEMRISTOR));
    assertEquals(1, chip.tileCount(TileKind.DIGITAL));
    assertEquals(3, chip.mesh().rows());
    assertEquals(3, chip.mesh().cols());
    assertEquals(138, c.arrays(TileKind.SRAM));
    assertEquals("small-default-scaled", chip.name());
    assertEquals(chip.name(), c.program().chipName());
    assertEquals(chip.sha256(), c.program().chipHash());
    assertNotEquals(base.sha256(), chip.sha256());
    assertTrue(p.notes().stream().anyMatch(n -> n.contains("grew to small-default-scaled: 1 memristor, 7 sram,"
        + " 1 digital tiles on a 3x3 mesh")), p.notes().toString());

    ChipInfo info = CostReport.of(CompiledModel.of(LENET, c), 1).report("compile", null, null).chip();
    assertEquals("small-default", info.scaledFrom());
    assertEquals(Map.of("memristor", 1, "sram", 7, "digital", 1), info.tilesByKind());
    assertEquals(new ChipInfo.Mesh(3, 3), info.mesh());
    assertEquals(ChipScaling.areaMm2(chip), info.areaMm2(), 1e-12);
    assertEquals(9, info.tiles());
  }

  @Test
  void aModelThatFitsKeepsTheChip() throws IOException {
    Pipeline p = new Pipeline(Options.builder().placement(Strategy.ALL_SRAM).scaleToFit(true).build());
    Compilation c = p.compile(p.load(LENET), false);
    assertEquals(Chips.preset("default"), c.chip());
    assertTrue(p.notes().stream().noneMatch(n -> n.contains("scale-to-fit")));
    assertNull(CostReport.of(CompiledModel.of(LENET, c), 1).report("compile", null, null).chip().scaledFrom());
  }

  @Test
  void theCompiledFolderRecordsTheScaledChipAndRunsOnIt(@TempDir Path dir) throws IOException {
    Pipeline p = new Pipeline(options(Strategy.ALL_MEMRISTOR, true));
    Compilation c = p.compile(p.load(LENET), false);
    assertEquals(2, c.chip().tileCount(TileKind.MEMRISTOR)); // 9 crossbars: 2 tiles of 8; 4 tiles on a 2 x 2 mesh
    Artifacts files = Artifacts.render(c, "lenet");
    ancc.runtime.io.StagedFiles.writeAllStreamed(files.files(dir), dir);
    Path chipFile = dir.resolve("lenet.chip.yaml");
    assertTrue(Files.isRegularFile(chipFile));
    assertFalse(files.staleSidecars(dir).contains(chipFile));

    Pipeline q = new Pipeline(Options.builder().mode(SimOptions.Mode.IDEAL).build());
    CompiledModel read = q.compile(dir);
    assertEquals(c.chip(), read.chip());
    assertEquals(c.chip(), q.chip());
    float[] x = new float[28 * 28];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i % 17) / 17f;
    }
    Map<String, Tensor> in = Map.of(read.module().inputs().get(0).name(),
        Tensor.ofFloats(new long[] {1, 1, 28, 28}, x));
    Tensor out = q.simulate(read, in, 0).values().iterator().next();
    assertEquals(10, out.size());

    // a compile for an unscaled chip leaves no chip file, and clears a stale one
    Pipeline r = new Pipeline(Options.builder().placement(Strategy.ALL_MEMRISTOR).build());
    Artifacts plain = Artifacts.render(r.compile(r.load(LENET), false), "lenet");
    assertFalse(plain.files(dir).containsKey(chipFile));
    assertTrue(plain.staleSidecars(dir).contains(chipFile));

    // a chip file that is not the one compiled for is an error naming it
    Files.writeString(chipFile, Chips.load(SMALL).canonicalYaml());
    ancc.ir.InvalidInputException e = assertThrows(ancc.ir.InvalidInputException.class,
        () -> CompiledModel.readFolder(dir, null));
    assertTrue(e.getMessage().contains("lenet.chip.yaml beside it has sha256"), e.getMessage());
  }

  @Test
  void autoPartitionsOnTheChipSizedForTheHungriestCandidateThenTrimsToItsChoice() {
    Pipeline p = new Pipeline(options(Strategy.AUTO, true));
    Module m = p.load(LENET);
    Module placed = p.place(m, false);
    Chip during = p.chip();
    assertTrue(during.arrays(TileKind.SRAM) >= 138 && during.arrays(TileKind.MEMRISTOR) >= 9,
        "the partitioner's chip holds all-SRAM and all-memristor: " + during.tileSummary());
    Compilation c = p.lower(placed);
    assertEquals(List.of(), ProgramVerifier.check(c.program()));
    for (TileKind k : List.of(TileKind.MEMRISTOR, TileKind.SRAM)) {
      assertTrue(c.arrays(k) <= c.chip().arrays(k), k.text());
      assertTrue(c.chip().tileCount(k) <= during.tileCount(k), k.text());
    }
    Chip expected = ChipScaling.fit(Chips.load(SMALL), ChipFit.needs(placed, Lower.assignment(placed), p.baseChip()));
    assertEquals(expected, c.chip());
  }

  @Test
  void aBufferOverflowAddsTilesOfItsKindWhileThatHelps() throws IOException {
    // one image of 1024 floats and its relu on one digital tile of 4 KiB: more digital tiles do not help
    Path air = resource("lower/negative-buffer-overflow.air");
    Path tiny = resource("lower/tiny.yaml");
    Pipeline p = new Pipeline(Options.builder().chip(tiny.toString()).scaleToFit(true).build());
    Module m = p.load(air);
    DoesNotFitException e = assertThrows(DoesNotFitException.class, () -> p.compile(m, false));
    assertTrue(e.getMessage().startsWith("buffer_overflow does not fit chip tiny-scaled: tile "), e.getMessage());
    // grown once (8192 bytes on the digital tile); the need did not fall, so it stops there
    assertTrue(e.getMessage().contains("(scale-to-fit grew the chip 1 time(s) for buffers, to "), e.getMessage());
    assertTrue(e.getMessage().contains(", and stopped: more tiles did not lower the largest need"), e.getMessage());
    assertEquals(8192, ChipFit.overflowBytes(e));
    assertTrue(p.chip().tileCount(TileKind.DIGITAL) > 1, p.chip().tileSummary());

    // the growth step itself, on the overflow BufferPlan reports on the unscaled chip
    Pipeline q = new Pipeline(Options.builder().chip(tiny.toString()).build());
    DoesNotFitException first = assertThrows(DoesNotFitException.class, () -> q.compile(q.load(air), false));
    Chip base = Chips.load(tiny);
    Chip grown = ChipFit.grow(base, base, first);
    assertEquals(2, grown.tileCount(TileKind.DIGITAL)); // 1 + max(1, 1 / 2)
    assertEquals(base.tileCount(TileKind.MEMRISTOR), grown.tileCount(TileKind.MEMRISTOR));
    assertNull(ChipFit.grow(base, base, new DoesNotFitException("needs 3 crossbars, chip has 2")));
  }
}
