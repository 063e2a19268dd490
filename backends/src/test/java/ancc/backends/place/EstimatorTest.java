package ancc.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ancc.backends.Cost.Action;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.chip.MemristorTile;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.program.TileKind;
import org.junit.jupiter.api.Test;

/**
 * Cost estimates against hand-derived counts on the default chip (buffer accesses of 32 B at
 * 20.45 pJ, fp16 activations), by the simulator ledger's rules (docs/energy-model.md).
 */
class CostTest {
  private static final Chip CHIP = Chips.preset("default");
  private static final Module NET = TestNets.convNet(2);

  @Test
  void memristorLinear() {
    // fc: 10 outputs x 64 inputs (after a ReLU: unsigned 8-bit codes, 1 byte), one vector per
    // inference; 1 crossbar, 64 rows, 10 x 4 = 40 columns; bit-serial 8-bit inputs: 8 reads.
    //  quantize: read 64 x 2 B = 4, 64 ops, write 64 B = 2.
    //  mvm: read codes 64 B = 2; 8 reads x 12 pJ x (64/256 rows) x (40/256 columns); 512 DAC
    //    drives; 40 x 8 = 320 conversions; 320 shift-adds (the partial sums stay in registers).
    //  shift_add: 40 ops, write 10 x 4 B = 2.
    //  dequantize: read acc 40 B = 2, scales 20 B = 1, bias 20 B = 1; 20 ops; write 20 B = 1.
    Node fc = NET.nodes().get(4);
    Cost c = Backends.of(TileKind.MEMRISTOR).estimate(fc, NET, CHIP);
    assertEquals(1, c.arrays());
    assertEquals(8, c.count(Action.CROSSBAR_READ));
    assertEquals(64 * 8, c.count(Action.DAC_DRIVE));
    assertEquals(40 * 8, c.count(Action.ADC_CONVERSION));
    assertEquals(64 + 320 + 40 + 20, c.count(Action.SHIFT_ADD));
    assertEquals(10, c.count(Action.BUFFER_READ));
    assertEquals(5, c.count(Action.BUFFER_WRITE));
    MemristorTile t = CHIP.memristor().orElseThrow();
    double access = t.buffer().readEnergy().pj();
    assertEquals(32, t.buffer().accessBytes());
    double pj = 8 * t.crossbar().cost().energy().pj() * (64.0 / 256) * (40.0 / 256) + 512 * t.dac().cost().energy().pj()
        + 320 * t.adc().cost().energy().pj() + 444 * t.shiftAdd().energy().pj() + 15 * access;
    assertEquals(pj, c.energyPj(), 1e-6);
    assertEquals(c.energyPj(), c.componentsPj().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
  }

  @Test
  void sramConv() {
    // conv: 4 outputs x 9 inputs on a 64x64 macro (8 bit columns per output: 32 columns); 64
    // output positions, 8 bit planes, exact digital readout (no ADC). Its input is the model's,
    // so the codes are signed: 9 bits, 2 bytes.
    //  quantize: read 64 x 2 B = 4, 64 ops, write 128 B = 4.
    //  mvm: read codes 64 x 9 x 2 B = 36; 512 macro cycles at (9/64 rows) x (32/64 columns);
    //    64 x 32 x 8 = 16384 shift-adds.
    //  shift_add: 2048 ops, write 64 x 4 x 4 B = 32.
    //  dequantize: read 32 + 1 + 1, 512 ops, write 16; conv output transpose: read 16, write 16.
    Node conv = NET.nodes().get(0);
    Cost c = Backends.of(TileKind.SRAM).estimate(conv, NET, CHIP);
    assertEquals(1, c.arrays());
    assertEquals(64 * 8, c.count(Action.MACRO_CYCLE));
    assertEquals(0, c.count(Action.ADC_CONVERSION));
    assertEquals(0, c.count(Action.DAC_DRIVE));
    assertEquals(64 + 16384 + 2048 + 512, c.count(Action.SHIFT_ADD));
    assertEquals(90, c.count(Action.BUFFER_READ));
    assertEquals(68, c.count(Action.BUFFER_WRITE));
    double macro = CHIP.sram().orElseThrow().macro().cost().energy().pj();
    assertEquals(512 * macro * (9.0 / 64) * (32.0 / 64), c.componentPj(Action.MACRO_CYCLE), 1e-9);
  }

  @Test
  void digitalOps() {
    Node conv = NET.nodes().get(0);
    Cost c = Backends.of(TileKind.DIGITAL).estimate(conv, NET, CHIP);
    // 4 x 8 x 8 outputs x 9 taps; reads x 128 B = 4, w 72 B = 3, b 8 B = 1; writes 512 B = 16.
    assertEquals(2304, c.count(Action.MAC));
    assertEquals(0, c.arrays());
    assertEquals(8, c.count(Action.BUFFER_READ));
    assertEquals(16, c.count(Action.BUFFER_WRITE));
    Node pool = NET.nodes().get(2);
    Cost p = Backends.of(TileKind.DIGITAL).estimate(pool, NET, CHIP);
    // one element op per input element; fp16: 2 bytes per value, 256 in (16 reads) + 64 out (4 writes).
    assertEquals(4 * 8 * 8, p.count(Action.VECTOR_OP));
    assertEquals(16, p.count(Action.BUFFER_READ));
    assertEquals(4, p.count(Action.BUFFER_WRITE));
    Node flatten = NET.nodes().get(3);
    assertEquals(0.0, Backends.of(TileKind.DIGITAL).estimate(flatten, NET, CHIP).energyPj());
  }
}
