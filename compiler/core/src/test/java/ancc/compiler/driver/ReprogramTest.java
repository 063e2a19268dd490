package ancc.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.compiler.report.CostReport;
import ancc.compiler.report.Report;
import ancc.compiler.report.ReprogrammingInfo;
import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.program.TileKind;
import ancc.ir.program.text.ProgramEquality;
import ancc.runtime.sim.energy.ProgrammingCost;
import ancc.runtime.sim.energy.ReprogramCharge;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code --reprogram}: lenet all-memristor needs 9 crossbars of 256x256; {@code scale/small.yaml}
 * (the default preset cut to one tile of each kind) holds 8, so the model runs in layer groups
 * with the arrays rewritten between them; on {@code default} it fits in one group.
 */
class ReprogramTest {
  private static final Path LENET = PipelineTest.testdata("models/lenet.onnx");
  private static final Path SMALL = ScaleToFitTest.resource("scale/small.yaml");

  private static Options options(String chip, boolean reprogram) {
    return Options.builder().chip(chip).placement(Strategy.ALL_MEMRISTOR).reprogram(reprogram).calibSamples(16)
        .chips(1).build();
  }

  @Test
  void aChipTooSmallRunsInGroupsEachFittingTheChipAndEveryGroupIsChargedPerInference() throws IOException {
    Pipeline p = new Pipeline(options(SMALL.toString(), true));
    Compilation c = p.compile(p.load(LENET), false);
    CompiledModel m = CompiledModel.of(LENET, c);
    ReprogramCharge r = p.reprogramming(m).orElseThrow();
    Chip physical = Chips.load(SMALL);
    assertEquals(physical, r.physical());
    assertEquals(9, c.arrays(TileKind.MEMRISTOR));
    assertTrue(r.groups().size() >= 2, r::toString);
    assertTrue(r.charged());

    // every group fits the physical chip; the groups cover every array layer once, in graph order
    List<String> layers = new ArrayList<>();
    int arrays = 0;
    for (ReprogramCharge.Group g : r.groups()) {
      g.tiles().forEach((kind, n) -> assertTrue(n <= physical.tileCount(kind), g::toString));
      assertTrue(g.arrays() <= physical.arrays(TileKind.MEMRISTOR), g::toString);
      layers.addAll(g.layers());
      arrays += g.arrays();
    }
    List<String> expected = c.layers().stream().filter(l -> l.arrays() > 0).map(LayerRow::layer).toList();
    assertEquals(expected, layers);
    assertEquals(c.arrayCount(), arrays);
    assertEquals(c.arrayCount(), r.arraysPerInference());

    // the groups together write every cell the one-time programming writes: the same energy
    ProgrammingCost once = ProgrammingCost.of(c.program(), c.chip());
    assertTrue(once.cells() > 0);
    assertEquals(once.cells(), r.groups().stream().mapToLong(g -> g.programming().cells()).sum());
    assertEquals(once.energyPj(), r.programmingPj(), 1e-6 * once.energyPj());
    // groups are programmed one after another; each at least as fast as the slowest tile of the whole
    assertTrue(r.seconds() >= once.seconds(), r::toString);
    assertTrue(r.leakagePj() > 0);

    CostReport plain = CostReport.of(m, 1);
    CostReport costs = p.costs(m, 1);
    assertEquals(plain.energy().perInferencePj() + once.energyPj() + r.leakagePj(), costs.energyPerInferencePj(),
        1e-9 * costs.energyPerInferencePj());
    assertEquals(plain.timing().latencySeconds() + r.seconds(), costs.latencySeconds(), 1e-15);
    assertTrue(costs.latencySeconds() > plain.latencySeconds());

    Report report = costs.report("compile", null, null);
    assertEquals(physical.name(), report.chip().name());
    assertEquals(physical.tileCount(), report.chip().tiles());
    ReprogrammingInfo info = report.reprogramming();
    assertEquals(r.groups().size(), info.groups().size());
    assertEquals(r.perInferencePj() * 1e-6, info.energyPerInferenceUj(), 1e-12);
    assertEquals(r.seconds() * 1e6, info.timePerInferenceUs(), 1e-9);
    double components = report.totals().energyPj().values().stream().mapToDouble(Double::doubleValue).sum();
    assertEquals(report.totals().energyPerInferenceUj(), components * 1e-6, 1e-9 * components * 1e-6);
    assertEquals(r.perInferencePj(), report.totals().energyPj().get(ReprogrammingInfo.COMPONENT), 1e-6);
    assertEquals(costs.latencyUs(), report.totals().latencyUs(), 1e-9);

    // a batch pays the charge once per inference
    CostReport batch = p.costs(m, 4);
    assertEquals(batch.timing().seconds() + 4 * r.seconds(), batch.batchSeconds(), 1e-15);
    assertTrue(p.notes().stream().anyMatch(n -> n.startsWith("--reprogram: " + r.groups().size()
        + " layer groups on chip small-default")), p.notes()::toString);
  }

  @Test
  void aModelThatFitsIsOneGroupWithNoChargeAndTheSameProgram() throws IOException {
    Pipeline plain = new Pipeline(options("default", false));
    Compilation a = plain.compile(plain.load(LENET), false);
    Pipeline p = new Pipeline(options("default", true));
    Compilation b = p.compile(p.load(LENET), false);
    assertEquals(Optional.empty(), ProgramEquality.firstDifference(a.program(), b.program()));
    assertEquals(a.chip(), b.chip());
    CompiledModel m = CompiledModel.of(LENET, b);
    ReprogramCharge r = p.reprogramming(m).orElseThrow();
    assertEquals(1, r.groups().size());
    assertFalse(r.charged());
    assertEquals(0, r.perInferencePj());
    assertEquals(0, r.seconds());
    CompiledModel ma = CompiledModel.of(LENET, a);
    assertEquals(CostReport.of(ma, 1).energyPerInferencePj(), p.costs(m, 1).energyPerInferencePj());
    assertEquals(CostReport.of(ma, 1).latencySeconds(), p.costs(m, 1).latencySeconds());
    assertFalse(p.costs(m, 1).report("compile", null, null).totals().energyPj()
        .containsKey(ReprogrammingInfo.COMPONENT));
  }

  @Test
  void aLayerLargerThanTheChipIsStillDoesNotFit() {
    // every crossbar of 256x256 holds at most one conv's slice; a chip of one crossbar cannot hold lenet's fc1 alone
    Pipeline p = new Pipeline(Options.builder().chip(ScaleToFitTest.resource("scale/one-crossbar.yaml").toString())
        .placement(Strategy.ALL_MEMRISTOR).reprogram(true).calibSamples(16).chips(1).build());
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> p.compile(p.load(LENET), false));
    assertTrue(e.getMessage().matches("layer .* alone needs \\d+ memristor tiles, chip one-crossbar has 1 \\(--reprogram"
        + " reprograms the arrays between layers, not within one\\); --scale-to-fit grows the chip instead"),
        e::getMessage);
  }

  @Test
  void scaleToFitAndReprogramExcludeEachOther() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Options.builder().scaleToFit(true).reprogram(true).build());
    assertTrue(e.getMessage().startsWith("--scale-to-fit and --reprogram exclude each other"), e::getMessage);
  }
}
