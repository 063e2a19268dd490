package ancc.ir.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.chip.NoiseModel.PcmNandakumar2019;
import ancc.ir.chip.NoiseModel.RramWan2022;
import ancc.ir.program.Instr.InputMode;
import ancc.ir.program.TileKind;
import ancc.ir.program.WeightEncoding;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped presets: they load, round-trip through their canonical text, and have the documented shapes. */
class ChipPresetsTest {

  static List<String> presets() {
    return Chips.presetNames();
  }

  @Test
  void presetNamesAreTheFourDocumentedOnes() {
    assertEquals(List.of("default", "hermes-pcm", "neurram", "isaac"), Chips.presetNames());
  }

  @ParameterizedTest
  @MethodSource("presets")
  void loadsWithItsOwnNameAndRoundTrips(String name) {
    Chip chip = Chips.preset(name);
    assertEquals(name, chip.name());
    String text = chip.canonicalYaml();
    Chip again = Chips.parse(text, name + ".canonical.yaml");
    assertEquals(chip, again);
    assertEquals(text, again.canonicalYaml());
    assertEquals(chip.sha256(), again.sha256());
    assertTrue(chip.sha256().matches("[0-9a-f]{64}"));
    assertTrue(chip.tileCount() <= chip.mesh().positions());
    assertTrue(chip.has(TileKind.MEMRISTOR) && chip.has(TileKind.DIGITAL), name);
  }

  @Test
  void presetsHaveDistinctHashes() {
    Set<String> hashes = new HashSet<>();
    for (String name : Chips.presetNames()) {
      hashes.add(Chips.preset(name).sha256());
    }
    assertEquals(Chips.presetNames().size(), hashes.size());
  }

  @Test
  void resolveTakesNamesAndFiles() {
    assertEquals(Chips.preset("isaac"), Chips.resolve("isaac"));
  }

  @Test
  void defaultChipCapacities() {
    Chip c = Chips.preset("default");
    assertEquals(16, c.tileCount(TileKind.MEMRISTOR));
    assertEquals(128, c.arrays(TileKind.MEMRISTOR));
    MemristorTile m = c.memristor().orElseThrow();
    assertEquals(256, m.crossbar().rows());
    assertEquals(WeightEncoding.DIFFERENTIAL, m.weight().encoding());
    assertEquals(2, m.weight().slices());  // 7 magnitude bits in 4-bit slices
    assertEquals(4, m.weight().columnsPerWeight());
    assertEquals(64, m.outputsPerArray());
    assertEquals(16384, m.weightsPerArray());
    assertEquals(8, m.inputSlices());
    assertEquals(32, m.adcsPerArray());
    assertEquals(InputMode.BIT_SERIAL, m.input().encoding());
    assertInstanceOf(RramWan2022.class, m.noise().model());

    assertEquals(16, c.tileCount(TileKind.SRAM));
    assertEquals(512, c.arrays(TileKind.SRAM));
    SramTile s = c.sram().orElseThrow();
    assertTrue(s.digitalReadout());
    assertEquals(8, s.outputsPerMacro());
    assertEquals(512, s.weightsPerMacro());

    assertEquals(4, c.tileCount(TileKind.DIGITAL));
    assertEquals(0, c.arrays(TileKind.DIGITAL));
    assertEquals(36, c.tileCount());
  }

  @Test
  void defaultChipHoldsTheLargestTestLayerOnEveryKind() {
    Chip c = Chips.preset("default");
    // 784x128 Linear (mlp): crossbars = ceil(784/256) * ceil(128/64), macros = ceil(784/64) * ceil(128/8)
    MemristorTile m = c.memristor().orElseThrow();
    long xbars = ceil(784, m.crossbar().rows()) * ceil(128, m.outputsPerArray());
    assertEquals(8, xbars);
    SramTile s = c.sram().orElseThrow();
    long macros = ceil(784, s.macro().rows()) * ceil(128, s.outputsPerMacro());
    assertEquals(208, macros);
    assertTrue(macros <= c.arrays(TileKind.SRAM));
    // all-digital: 109,386 mlp parameters in fp16 fit the digital buffers
    long bytes = 109_386L * c.digital().orElseThrow().precision().bytes();
    assertTrue(bytes < c.tileCount(TileKind.DIGITAL) * c.digital().orElseThrow().buffer().size().bytes());
  }

  @Test
  void hermesIsSixtyFourPcmCoresWithOneAdcPerPair() {
    Chip c = Chips.preset("hermes-pcm");
    assertEquals(64, c.arrays(TileKind.MEMRISTOR));
    MemristorTile m = c.memristor().orElseThrow();
    assertEquals(MemristorTile.CellType.PCM, m.cell().type());
    assertEquals(256, m.adcsPerArray());
    assertEquals(256, m.outputsPerArray());
    assertEquals(1, m.inputSlices());
    assertEquals(128, m.adc().conversions(256));
    PcmNandakumar2019 pcm = assertInstanceOf(PcmNandakumar2019.class, m.noise().model());
    assertEquals(300, pcm.t0().seconds());
    assertEquals(List.of(0.1660, 4.7181, -8.4810, 4.6896),
        pcm.programmingPoly().stream().map(g -> Math.round(g.us() * 1e4) / 1e4).toList());
  }

  @Test
  void neurramAndIsaacShapes() {
    Chip n = Chips.preset("neurram");
    assertEquals(48, n.arrays(TileKind.MEMRISTOR));
    assertEquals(0.3, n.memristor().orElseThrow().adc().cost().energy().pj(), 1e-12);
    Chip i = Chips.preset("isaac");
    MemristorTile m = i.memristor().orElseThrow();
    assertEquals(96, m.arraysPerTile());
    assertEquals(8, m.weight().slices());
    assertEquals(16, m.outputsPerArray());
    assertEquals(1, m.adcsPerArray());
    assertEquals(1.67, m.adc().cost().energy().pj(), 1e-12);
    assertFalse(i.has(TileKind.SRAM));
    assertNotEquals(n, i);
  }

  private static long ceil(long a, long b) {
    return (a + b - 1) / b;
  }

  @Test
  void activationBitsAreReadWrittenAndOptional() {
    Chip isaac = Chips.preset("isaac");
    assertEquals(16, isaac.memristor().orElseThrow().buffer().activationBits());
    assertEquals(0, isaac.digital().orElseThrow().buffer().activationBits(), "absent: the digital precision");
    org.junit.jupiter.api.Assertions.assertTrue(isaac.canonicalYaml().contains("activation_bits: 16"));
    Chip again = Chips.parse(isaac.canonicalYaml(), "isaac.canonical.yaml");
    assertEquals(16, again.memristor().orElseThrow().buffer().activationBits());
    org.junit.jupiter.api.Assertions.assertFalse(Chips.preset("default").canonicalYaml().contains("activation_bits"));
  }
}
