package ancc.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.backends.Assignment;
import ancc.backends.Lowering;
import ancc.backends.SequentialPlacer;
import ancc.backends.mapping.Calibration;
import ancc.backends.place.MeshLowering;
import ancc.backends.place.Traffic;
import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Placement;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.text.IrFiles;
import ancc.ir.graph.text.IrPrinter;
import ancc.ir.program.Program;
import ancc.ir.program.ProgramVerifier;
import ancc.ir.program.TileKind;
import ancc.ir.program.text.ProgramEquality;
import ancc.ir.program.text.ProgramFiles;
import ancc.runtime.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compile driver on every testdata model and every placement on the {@code default} chip:
 * the program verifies and round-trips through its files, the graph IR keeps its placements,
 * and the mesh placer causes no more hop-weighted traffic than the sequential allocator.
 */
class CompilerTest {
  private static final Chip CHIP = Chips.preset("default");

  static Path repoRoot() {
    String root = System.getProperty("ancc.repo.root");
    assertTrue(root != null && !root.isEmpty(), "system property ancc.repo.root is not set (surefire sets it)");
    return Paths.get(root);
  }

  static Path model(String name) {
    return repoRoot().resolve("testdata/models/" + name + ".onnx");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "lenet", "cnn_bn", "resnet_small"})
  void everyPlacementCompilesVerifiesAndRoundTrips(String name, @TempDir Path dir) throws IOException {
    Module canonical = TestCompile.load(model(name));
    for (String placement : TestCompile.UNIFORM) {
      String what = name + " " + placement;
      Compilation c = TestCompile.compile(canonical, CHIP, placement);
      assertEquals(List.of(), ProgramVerifier.check(c.program()), what);
      TileKind kind = TileKind.fromText(placement.substring("all-".length()));
      for (Node n : c.module().nodes()) {
        assertNotNull(n.placement(), what + ": " + n.describe() + " has no placement");
      }
      assertEquals(c.module().nodes().size(), c.layers().size());
      long onKind = c.layers().stream().filter(r -> r.kind() == kind).count();
      assertTrue(onKind > 0, what + ": no layer on " + kind.text());
      assertEquals(c.arrayCount(), c.layers().stream().mapToInt(LayerRow::arrays).sum(), what);
      for (LayerRow r : c.layers()) {
        assertTrue(!r.tiles().isEmpty(), what + ": " + r.layer() + " has no tile");
        assertTrue(r.utilization() >= 0 && r.utilization() <= 1, what + ": " + r.layer());
        assertEquals(r.arrays() > 0, r.utilization() > 0, what + ": " + r.layer());
      }

      c.buffers().peakBytes().forEach((tile, bytes) -> assertTrue(
          bytes <= CHIP.groupOf(tile).spec().buffer().size().bytes(), what + ": tile " + tile + " buffers"));
      assertEquals(c.tilesUsed(), c.buffers().peakBytes().size(), what);
      Artifacts files = Artifacts.render(c, name);
      Path sub = Files.createDirectories(dir.resolve(placement));
      ancc.runtime.io.StagedFiles.writeAllStreamed(files.files(sub), sub);
      Program back = ProgramFiles.read(sub.resolve(name + ".xbp"));
      Optional<String> diff = ProgramEquality.firstDifference(c.program(), back);
      assertEquals(Optional.empty(), diff, what + " program round trip");
      Module air = IrFiles.read(sub.resolve(name + ".air"));
      assertEquals(IrPrinter.print(c.module()), IrPrinter.print(air), what + " graph IR round trip");
      for (int i = 0; i < air.nodes().size(); i++) {
        assertEquals(c.module().nodes().get(i).placement(), air.nodes().get(i).placement());
      }
      assertEquals(Files.size(sub.resolve(name + ".xbp")) + Files.size(sub.resolve(name + ".xbp.bin")),
          files.programBytes(), what);
      System.out.println("compile: " + name + " " + placement + ": " + c.arrayCount() + " arrays, " + c.tilesUsed()
          + " tiles, " + c.instructionCount() + " instructions, " + files.programBytes() + " bytes, traffic "
          + c.trafficHopBytes() + " byte-hops");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "lenet", "cnn_bn", "resnet_small"})
  void meshPlacementCausesNoMoreTrafficThanSequential(String name) {
    Module m = TestCompile.load(model(name));
    Calibration cal = TestCompile.synthetic(m);
    for (String placement : TestCompile.UNIFORM) {
      Assignment a = TestCompile.assign(m, placement);
      long sequential = Traffic.hopBytes(Lowering.lower(m, CHIP, a, cal, new SequentialPlacer(CHIP)), CHIP);
      long mesh = Traffic.hopBytes(MeshLowering.lower(m, CHIP, a, cal).program(), CHIP);
      System.out.println("traffic: " + name + " " + placement + ": mesh " + mesh + ", sequential " + sequential
          + " byte-hops");
      assertTrue(mesh <= sequential, name + " " + placement + ": mesh " + mesh + " > sequential " + sequential);
    }
  }

  @Test
  void aTileWhoseBuffersOverflowIsRelievedByMovingALayer() {
    // the greedy stacks resnet_small's residual blocks on the memristor tile nearest the digital
    // tiles; with streamed convolutions they need about 9 KB there, so on a copy of the chip whose
    // memristor buffers hold 8 KiB the repair loop moves a layer off it
    String yaml = CHIP.canonicalYaml();
    int memristorBuffer = yaml.indexOf("size: 64KiB");
    assertTrue(memristorBuffer > 0 && yaml.indexOf("kind: memristor") < memristorBuffer
        && memristorBuffer < yaml.indexOf("kind: sram"), "the first buffer is the memristor tiles'");
    Chip small = Chips.parse(yaml.substring(0, memristorBuffer) + "size: 8KiB"
        + yaml.substring(memristorBuffer + "size: 64KiB".length()), "small-buffers.yaml");
    Module m = TestCompile.load(model("resnet_small"));
    Calibration cal = TestCompile.synthetic(m);
    Assignment a = TestCompile.assign(m, "all-memristor");
    MeshLowering.Result r = MeshLowering.lower(m, small, a, cal);
    assertTrue(r.rounds() > 1, "rounds " + r.rounds());
    assertEquals(List.of(), r.buffers().overflows());
    assertTrue(!ancc.backends.place.BufferPlan.plan(
        Lowering.lower(m, small, a, cal, new ancc.backends.place.MeshPlacer(small, m)), small).overflows().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"neurram", "hermes-pcm", "isaac"})
  void compilesOnTheOtherPresets(String chip) {
    Chip target = Chips.preset(chip);
    for (String name : List.of("lenet", "resnet_small")) {
      Compilation c = TestCompile.compile(TestCompile.load(model(name)), target, "all-memristor");
      assertEquals(List.of(), ProgramVerifier.check(c.program()), name + " on " + chip);
      assertTrue(c.arrayCount() > 0);
    }
  }

  @Test
  void placementsAreSetFromTheAssignment() {
    Module m = TestCompile.load(model("lenet"));
    Module placed = Compiler.withPlacements(m, TestCompile.assign(m, "all-sram"));
    for (Node n : placed.nodes()) {
      TileKind expected = TestCompile.assign(m, "all-sram").kindOf(n);
      assertEquals(Placement.on(expected), n.placement(), n.describe());
    }
    assertTrue(placed.nodes().stream().anyMatch(n -> n.placement().single() == TileKind.SRAM));
  }

  @Test
  void calibratesFromANpyFile() {
    Path images = repoRoot().resolve("testdata/fashion_mnist/images_16.npy");
    Pipeline p = new Pipeline(Options.builder().placement(Strategy.ALL_MEMRISTOR).calib(images).build());
    Compilation c = p.compile(p.load(model("lenet")), false);
    assertEquals(List.of(), ProgramVerifier.check(c.program()));
    assertEquals(9, c.arrayCount());
    assertEquals(images + " (16 samples)", p.calibration().orElseThrow().source());
  }

  @Test
  void calibrationFileOfTheWrongShapeIsAnErrorNamingTheFile(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.npy");
    Npy.write(bad, Tensor.ofFloats(ancc.ir.graph.DType.F32, new long[] {2, 1, 28, 27}, new float[2 * 28 * 27]));
    Pipeline p = new Pipeline(Options.builder().placement(Strategy.ALL_MEMRISTOR).calib(bad).build());
    Module m = p.load(model("lenet"));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> p.compile(m, false));
    assertTrue(e.getMessage().startsWith(bad.toString()) && e.getMessage().contains("elements per sample"), e.getMessage());
  }

  @Test
  void unknownPlacementIsAnError() {
    Module m = TestCompile.load(model("mlp"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> TestCompile.compile(m, CHIP, "all-gpu"));
    assertTrue(e.getMessage().contains("all-gpu"), e.getMessage());
  }
}
