package ancc.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ancc.backends.Cost.Action;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.chip.DigitalTile;
import ancc.ir.chip.MemristorTile;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.program.TileKind;
import org.junit.jupiter.api.Test;

/** Cost estimates against hand-derived counts on the default chip, energies from its per-action table. */
class CostTest {
  private static final Chip CHIP = Chips.preset("default");
  private static final Module NET = TestNets.convNet(2);

  @Test
  void memristorLinear() {
    // fc: 10 outputs x 64 inputs, one vector per inference; 1 crossbar, 64 rows, 10 x 4 = 40 columns;
    // bit-serial 8-bit inputs: 8 reads per vector.
    Node fc = NET.nodes().get(4);
    Cost c = Backends.of(TileKind.MEMRISTOR).estimate(fc, NET, CHIP);
    assertEquals(1, c.arrays());
    assertEquals(8, c.count(Action.ARRAY_READ));
    assertEquals(64 * 8, c.count(Action.DAC_DRIVE));
    assertEquals(40 * 8, c.count(Action.ADC_CONVERSION));
    assertEquals(40 * 8, c.count(Action.SHIFT_ADD));
    assertEquals(64 + 2 * 10, c.count(Action.VECTOR_OP));
    long bytes = 4 * 64 + 64 * 5 + 10 * 8;
    assertEquals(bytes, c.count(Action.BUFFER_BYTE));
    // Energy = counts x the chip's per-action energies; the buffer moves 656 bytes in 32-byte accesses.
    MemristorTile t = CHIP.memristor().orElseThrow();
    DigitalTile d = CHIP.digital().orElseThrow();
    assertEquals(32, t.buffer().accessBytes());
    assertEquals(8, t.adc().columnsPerAdc());
    assertEquals(16, d.vectorWidth());
    double pj = 8 * t.crossbar().cost().energy().pj() + 512 * t.dac().cost().energy().pj()
        + 320 * t.adc().cost().energy().pj() + 320 * t.shiftAdd().energy().pj() + 84 * d.vector().energy().pj()
        + 21 * (t.buffer().readEnergy().pj() + t.buffer().writeEnergy().pj()) / 2;
    assertEquals(pj, c.energyPj(), 1e-6);
    // 8 reads x (array read + 8 conversions on the busiest ADC (8 columns each) + shift-add)
    // + ceil(84 / 16) vector ops + 21 buffer accesses, in clock cycles.
    double s = 8 * (t.crossbar().cost().latency().seconds() + 8 * t.adc().cost().latency().seconds()
        + t.shiftAdd().latency().seconds()) + 6 * d.vector().latency().seconds() + 21 * t.buffer().latency().seconds();
    assertEquals((long) Math.ceil(s * CHIP.clock().hertz() - 1e-9), c.cycles());
  }

  @Test
  void sramConv() {
    // conv: 4 outputs x 9 inputs on a 64x64 macro (8 bit columns per output: 32 columns);
    // 64 output positions, 8 bit planes, exact digital readout (no ADC).
    Node conv = NET.nodes().get(0);
    Cost c = Backends.of(TileKind.SRAM).estimate(conv, NET, CHIP);
    assertEquals(1, c.arrays());
    assertEquals(64 * 8, c.count(Action.ARRAY_READ));
    assertEquals(0, c.count(Action.ADC_CONVERSION));
    assertEquals(0, c.count(Action.DAC_DRIVE));
    assertEquals(64 * 32 * 8, c.count(Action.SHIFT_ADD));
  }

  @Test
  void digitalOps() {
    Node conv = NET.nodes().get(0);
    Cost c = Backends.of(TileKind.DIGITAL).estimate(conv, NET, CHIP);
    // 4 x 8 x 8 outputs x 9 taps.
    assertEquals(2304, c.count(Action.MAC));
    assertEquals(0, c.arrays());
    Node pool = NET.nodes().get(2);
    Cost p = Backends.of(TileKind.DIGITAL).estimate(pool, NET, CHIP);
    assertEquals(4 * 4 * 4 * 4, p.count(Action.VECTOR_OP));
    // fp16: 2 bytes per value, 256 in + 64 out.
    assertEquals((256 + 64) * 2, p.count(Action.BUFFER_BYTE));
    Node flatten = NET.nodes().get(3);
    assertEquals(0, Backends.of(TileKind.DIGITAL).estimate(flatten, NET, CHIP).count(Action.VECTOR_OP));
  }
}
