package ancc.ir.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ancc.ir.chip.NoiseModel.Gaussian;
import ancc.ir.program.Instr.InputMode;
import ancc.ir.program.TileKind;
import ancc.ir.program.WeightEncoding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The parsed model of test resources chips/small.yaml and the queries the backends use. */
class ChipModelTest {
  static String text;
  static Chip chip;

  @BeforeAll
  static void load() throws Exception {
    Path file = ChipErrorsTest.resources().resolve("small.yaml");
    text = Files.readString(file, StandardCharsets.UTF_8);
    chip = Chips.load(file);
  }

  @Test
  void topLevelAndMesh() {
    assertEquals("test chip: one group of each kind", chip.description());
    assertEquals(5e8, chip.clock().hertz());
    assertEquals(2e-9, chip.clock().period().seconds(), 1e-24);
    MeshSpec m = chip.mesh();
    assertEquals(6, m.positions());
    assertEquals(64, m.linkWidthBits());
    assertEquals(5, m.hopEnergy().pj(), 1e-12);
    assertEquals(3, m.hops(0, 5));  // (0,0) -> (1,2)
    assertEquals(1, m.hops(1, 4));
    assertEquals(2, m.flits(9));
  }

  @Test
  void tilesAreNumberedInGroupOrder() {
    assertEquals(5, chip.tileCount());
    assertEquals(List.of(0, 1), chip.tilesOf(TileKind.MEMRISTOR));
    assertEquals(List.of(2, 3), chip.tilesOf(TileKind.SRAM));
    assertEquals(List.of(4), chip.tilesOf(TileKind.DIGITAL));
    assertEquals(TileKind.SRAM, chip.groupOf(3).kind());
    assertThrows(IndexOutOfBoundsException.class, () -> chip.groupOf(5));
    assertEquals("2 memristor (8 crossbars 64x32), 2 sram (4 macros 16x32), 1 digital", chip.tileSummary());
  }

  @Test
  void memristorTile() {
    MemristorTile m = chip.memristor().orElseThrow();
    assertEquals(MemristorTile.CellType.PCM, m.cell().type());
    assertEquals(1, m.cell().devicesPerCell());  // default when absent
    assertEquals(2, m.cell().bits());
    assertEquals(WeightEncoding.OFFSET, m.weight().encoding());
    assertEquals(2, m.weight().slices());  // 4 bits of q + 8 in 2-bit slices
    assertEquals(2, m.weight().columnsPerWeight());
    assertEquals(16, m.outputsPerArray());
    assertEquals(1024, m.weightsPerArray());
    assertEquals(InputMode.MULTI_BIT, m.input().encoding());
    assertEquals(2, m.inputSlices());  // 4-bit inputs through 2-bit DACs
    assertEquals(8, m.adcsPerArray());
    assertEquals(AdcSpec.Sensing.COLUMN, m.adc().sensing());
    assertEquals(32, m.adc().conversions(32));
    assertEquals(0.3, m.read().voltage().volts(), 1e-15);
    assertEquals(16, m.buffer().accesses(250));
    assertEquals(0.01, m.leakage().mw(), 1e-12);
  }

  @Test
  void conductanceLevelsAreEvenlySpaced() {
    MemristorTile m = chip.memristor().orElseThrow();
    assertEquals(0.5, m.conductance(0).us(), 1e-9);
    assertEquals(0.5 + 24.5 / 3, m.conductance(1).us(), 1e-9);
    assertEquals(25, m.conductance(3).us(), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> m.conductance(4));
  }

  @Test
  void noiseDefaults() {
    NoiseSpec n = chip.memristor().orElseThrow().noise();
    Gaussian g = assertInstanceOf(Gaussian.class, n.model());
    assertEquals(0.02, g.programmingSigma());
    assertEquals(0.005, g.readSigma());
    assertEquals(0.001, n.stuckOnRate());
    assertEquals(0, n.stuckOffRate());
    assertEquals(0, n.irDrop());
    assertEquals(NoiseSpec.WriteVerify.OFF, n.writeVerify());
  }

  @Test
  void sramTileWithAdcReadoutAndDigitalTile() {
    SramTile s = chip.sram().orElseThrow();
    assertFalse(s.digitalReadout());
    AdcSpec adc = s.readoutAdc().orElseThrow();
    assertEquals(4, adc.bits());
    assertEquals(32, adc.adcsPerArray(s.macro().cols()));
    assertEquals(8, s.outputsPerMacro());
    assertEquals(128, s.weightsPerMacro());
    DigitalTile d = chip.digital().orElseThrow();
    assertEquals(DigitalTile.Precision.INT8, d.precision());
    assertEquals(8, d.macUnits());
    assertEquals(4, d.vectorWidth());
  }

  @Test
  void tileAreaSumsComponents() {
    // 4 x (20 + 64 x 1 + 8 x 800) um2 + 60 um2 + 0.01 mm2
    assertEquals(4 * (20 + 64 + 6400) + 60 + 10000, chip.memristor().orElseThrow().area().um2(), 1e-6);
    // 2 x (5000 + 32 x 400) + 60 + 5000
    assertEquals(2 * (5000 + 12800) + 60 + 5000, chip.sram().orElseThrow().area().um2(), 1e-6);
    assertEquals(8 * 300 + 150 + 20000, chip.digital().orElseThrow().area().um2(), 1e-6);
  }

  @Test
  void canonicalTextRoundTripsAndIgnoresFormatting() throws IOException {
    String canonical = chip.canonicalYaml();
    Chip again = Chips.parse(canonical, "canonical.yaml");
    assertEquals(chip, again);
    assertEquals(canonical, again.canonicalYaml());
    // comments, key order, flow style and equivalent units do not change the chip or its hash
    String restyled = "# another comment\n" + text.replace("  rows: 2\n  cols: 3\n", "  cols: 3\n  rows: 2\n")
        .replace("hop_energy: 5pJ", "hop_energy: 5000fJ")
        .replace("      read_sigma: 0.005\n", "      read_sigma: 5e-3\n");
    Chip same = Chips.parse(restyled, "restyled.yaml");
    assertEquals(chip, same);
    assertEquals(chip.sha256(), same.sha256());
    // any value change changes the hash
    Chip other = Chips.parse(text.replace("hop_energy: 5pJ", "hop_energy: 6pJ"), "other.yaml");
    assertNotEquals(chip.sha256(), other.sha256());
  }
}
