package ancc.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.backends.mapping.Calibration;
import ancc.backends.mapping.CellCodec;
import ancc.backends.mapping.QuantizedWeights;
import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.ProgramVerifier;
import ancc.ir.program.TileKind;
import ancc.ir.program.TileProgram;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoweringTest {
  private static final Chip CHIP = Chips.preset("default");

  private static Program lower(Module m, TileKind kind) {
    return Lowering.lower(m, CHIP, Assignment.uniform(m, kind), Calibration.synthetic(m, 4, 1));
  }

  private static long count(Program p, Class<? extends Instr> type) {
    return p.tiles().stream().flatMap(t -> t.instrs().stream()).filter(type::isInstance).count();
  }

  @Test
  void everyPlacementGivesAVerifiedProgram() {
    Module m = TestNets.convNet(3);
    for (TileKind kind : TileKind.values()) {
      Program p = lower(m, kind);
      assertEquals(List.of(), ProgramVerifier.check(p), kind.text());
      assertEquals(1, count(p, Instr.Load.class));
      assertEquals(1, count(p, Instr.Store.class));
      assertEquals(count(p, Instr.Send.class), count(p, Instr.Recv.class));
    }
  }

  @Test
  void memristorPlacementMapsConvAndLinear() {
    Program p = lower(TestNets.convNet(3), TileKind.MEMRISTOR);
    // conv 4 x 9 and linear 10 x 64: one 256x256 crossbar each.
    assertEquals(2, p.arrays().size());
    assertEquals(1, count(p, Instr.Im2col.class));
    assertEquals(2, count(p, Instr.Quantize.class));
    assertEquals(2, count(p, Instr.Mvm.class));
    assertEquals(2, count(p, Instr.ShiftAdd.class));
    assertEquals(2, count(p, Instr.Dequantize.class));
    for (ArrayImage a : p.arrays()) {
      assertEquals(TileKind.MEMRISTOR, a.kind());
      assertEquals(256, a.rows());
    }
    // relu, max_pool, flatten run on a digital tile; the conv's reshape + transpose on its own tile.
    TileProgram digital = p.tiles().stream().filter(t -> t.kind() == TileKind.DIGITAL).findFirst().orElseThrow();
    List<String> ops = digital.instrs().stream().filter(i -> i instanceof Instr.Digital)
        .map(i -> ((Instr.Digital) i).op().name()).toList();
    assertEquals(List.of("relu", "max_pool", "flatten"), ops);
    Instr.Mvm mvm = (Instr.Mvm) p.tiles().get(0).instrs().stream().filter(i -> i instanceof Instr.Mvm).findFirst()
        .orElseThrow();
    assertEquals(8, mvm.adcBits());
    assertTrue(mvm.adcFullScale() >= 1 && mvm.adcFullScale() <= 9 * 15, "full scale " + mvm.adcFullScale());
  }

  @Test
  void arrayImagesDecodeToTheLayerWeights() {
    Module m = TestNets.wideLinear(600, 100, 5);
    Program p = lower(m, TileKind.MEMRISTOR);
    float[] w = m.constants().values().iterator().next().floats();
    QuantizedWeights q = QuantizedWeights.quantize(w, 100, 600, 1, 8);
    // 600 inputs -> 3 row blocks; 100 outputs at 64 per array -> 2 column blocks.
    assertEquals(6, p.arrays().size());
    long[][] seen = new long[100][600];
    for (ArrayImage a : p.arrays()) {
      long[][] d = CellCodec.decode(a.layout(), a.cells());
      for (int o = 0; o < a.layout().outCount(); o++) {
        for (int r = 0; r < a.layout().inCount(); r++) {
          seen[a.layout().outStart() + o][a.layout().inStart() + r] = d[o][r] + 1000;
        }
      }
    }
    for (int o = 0; o < 100; o++) {
      for (int i = 0; i < 600; i++) {
        assertEquals(q.at(o, i) + 1000, seen[o][i], "weight " + o + "," + i);
      }
    }
    Tensor scales = p.constants().get("y.w_scale");
    for (int o = 0; o < 100; o++) {
      assertEquals(q.scales()[o], scales.floats()[o]);
    }
    long accumulating = p.tiles().stream().flatMap(t -> t.instrs().stream())
        .filter(i -> i instanceof Instr.ShiftAdd s && s.accumulate()).count();
    assertEquals(4, accumulating, "2 of the 3 row blocks of each column block accumulate");
  }

  @Test
  void layersSpanningTilesCombinePartialSums() {
    // 2048 x 512: 8 row blocks x 8 column blocks = 64 crossbars on 8 tiles of 8.
    Module m = TestNets.wideLinear(2048, 512, 9);
    Program p = lower(m, TileKind.MEMRISTOR);
    assertEquals(List.of(), ProgramVerifier.check(p));
    assertEquals(64, p.arrays().size());
    assertEquals(8, p.arrays().stream().map(ArrayImage::tile).distinct().count());
    assertTrue(count(p, Instr.Send.class) >= 14, "codes out to 7 tiles and partial sums back");
    long concat = p.tiles().stream().flatMap(t -> t.instrs().stream())
        .filter(i -> i instanceof Instr.Digital d && d.op() instanceof Op.Concat).count();
    assertEquals(1, concat);
  }

  @Test
  void sramPlacementUsesTwosComplementMacros() {
    Program p = lower(TestNets.convNet(3), TileKind.SRAM);
    // conv: 4 outputs x 9 inputs -> 1 macro; linear: 64 inputs, 10 outputs at 8 per macro -> 2 macros.
    assertEquals(3, p.arrays().size());
    for (ArrayImage a : p.arrays()) {
      assertEquals(64, a.cols());
      assertEquals(ancc.ir.program.WeightEncoding.TWOS_COMPLEMENT, a.layout().encoding());
    }
    Instr.Mvm mvm = (Instr.Mvm) p.tiles().stream().flatMap(t -> t.instrs().stream())
        .filter(i -> i instanceof Instr.Mvm).findFirst().orElseThrow();
    assertEquals(0, mvm.adcBits(), "default chip reads SRAM macros out digitally");
  }

  @Test
  void digitalPlacementHasNoArrays() {
    Program p = lower(TestNets.convNet(3), TileKind.DIGITAL);
    assertTrue(p.arrays().isEmpty());
    assertEquals(5, count(p, Instr.Digital.class));
    assertTrue(p.constants().containsKey("conv.w"));
  }

  @Test
  void tooManyArraysIsDoesNotFit() {
    String yaml = CHIP.canonicalYaml();
    Chip small = Chips.parse(yaml.replaceFirst("count: 16", "count: 1"), "small.yaml");
    Module m = TestNets.wideLinear(2048, 512, 9);
    DoesNotFitException e = assertThrows(DoesNotFitException.class,
        () -> Lowering.lower(m, small, Assignment.uniform(m, TileKind.MEMRISTOR), Calibration.synthetic(m, 2, 1)));
    assertTrue(e.getMessage().contains("needs 64 crossbars of 256x256, chip has 8"), e.getMessage());
  }

  @Test
  void missingTileKindIsDoesNotFit() {
    Chip noSram = Chips.preset("hermes-pcm");
    Module m = TestNets.convNet(1);
    assertFalse(noSram.has(TileKind.SRAM), "hermes-pcm is expected to have no SRAM tiles");
    DoesNotFitException e = assertThrows(DoesNotFitException.class,
        () -> Lowering.lower(m, noSram, Assignment.uniform(m, TileKind.SRAM), Calibration.synthetic(m, 2, 1)));
    assertTrue(e.getMessage().contains("needs sram tiles for 2 layer(s), chip has 0"), e.getMessage());
  }

  @Test
  void unsupportedAssignmentsAreListedWithLocations() {
    Module m = TestNets.convNet(1);
    Map<String, TileKind> kinds = new LinkedHashMap<>(Assignment.uniform(m, TileKind.MEMRISTOR).kinds());
    kinds.put("r", TileKind.MEMRISTOR);
    kinds.put("p", TileKind.SRAM);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Lowering.lower(m, CHIP, new Assignment(kinds), Calibration.synthetic(m, 2, 1)));
    assertFalse(e instanceof DoesNotFitException);
    assertTrue(e.getMessage().contains("2 node(s)"), e.getMessage());
    assertTrue(e.getMessage().contains("relu \"relu1\" on memristor"), e.getMessage());
    assertTrue(e.getMessage().contains("max_pool \"pool1\" on sram"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void supportsPerKind() {
    Module m = TestNets.convNet(1);
    Node conv = m.nodes().get(0);
    Node relu = m.nodes().get(1);
    Node fc = m.nodes().get(4);
    for (TileKind k : List.of(TileKind.MEMRISTOR, TileKind.SRAM)) {
      assertTrue(Backends.of(k).supports(conv, m, CHIP).supported());
      assertTrue(Backends.of(k).supports(fc, m, CHIP).supported());
      Support s = Backends.of(k).supports(relu, m, CHIP);
      assertFalse(s.supported());
      assertTrue(s.reason().contains("relu"), s.reason());
    }
    for (Node n : m.nodes()) {
      assertTrue(Backends.of(TileKind.DIGITAL).supports(n, m, CHIP).supported());
    }
  }
}
