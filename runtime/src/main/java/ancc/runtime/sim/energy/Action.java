package ancc.runtime.sim.energy;

import ancc.ir.chip.AdcSpec;
import ancc.ir.chip.Chip;
import ancc.ir.chip.DigitalTile;
import ancc.ir.chip.MemristorTile;
import ancc.ir.chip.SramTile;
import ancc.ir.chip.TileSpec;

/**
 * The actions the ledger counts (docs/isa.md, "Energy actions") and the chip file energy each
 * costs. The spill actions are the chip's (global buffer, DRAM), whatever tile's buffer was spilled.
 * {@link #LEAKAGE} is not an action: it is the component under which leakage energy is
 * reported.
 */
public enum Action {
  BUFFER_READ("buffer.read"),
  BUFFER_WRITE("buffer.write"),
  DAC_DRIVE("dac.drive"),
  CROSSBAR_READ("crossbar.read"),
  MACRO_CYCLE("macro.cycle"),
  ADC_CONVERSION("adc.conversion"),
  SHIFT_ADD_OP("shift_add.op"),
  MAC_OP("mac.op"),
  VECTOR_OP("vector.op"),
  MESH_FLIT_HOP("mesh.flit_hop"),
  /** One access of a buffer spilled to the global buffer ({@code global_buffer.access_bytes}). */
  GLOBAL_READ("global_buffer.read"),
  GLOBAL_WRITE("global_buffer.write"),
  /** One access (burst) of a buffer spilled to DRAM ({@code dram.access_bytes}). */
  DRAM_READ("dram.read"),
  DRAM_WRITE("dram.write"),
  LEAKAGE("leakage");

  private final String text;

  Action(String text) {
    this.text = text;
  }

  /** Name as printed in reports. */
  public String text() {
    return text;
  }

  /** Energy of one action on a tile of specification {@code spec}, in pJ (0 when the tile has no such unit). */
  public double pj(Chip chip, TileSpec spec) {
    switch (this) {
      case BUFFER_READ:
        return spec.buffer().readEnergy().pj();
      case BUFFER_WRITE:
        return spec.buffer().writeEnergy().pj();
      case MESH_FLIT_HOP:
        return chip.mesh().hopEnergy().pj();
      case GLOBAL_READ:
        return chip.globalBuffer().map(g -> g.readEnergy().pj()).orElse(0.0);
      case GLOBAL_WRITE:
        return chip.globalBuffer().map(g -> g.writeEnergy().pj()).orElse(0.0);
      case DRAM_READ:
        return chip.dram().map(d -> d.readEnergy().pj()).orElse(0.0);
      case DRAM_WRITE:
        return chip.dram().map(d -> d.writeEnergy().pj()).orElse(0.0);
      default:
        break;
    }
    if (spec instanceof MemristorTile m) {
      switch (this) {
        case DAC_DRIVE:
          return m.dac().cost().energy().pj();
        case CROSSBAR_READ:
          return m.crossbar().cost().energy().pj();
        case ADC_CONVERSION:
          return m.adc().cost().energy().pj();
        case SHIFT_ADD_OP:
          return m.shiftAdd().energy().pj();
        default:
          return 0;
      }
    } else if (spec instanceof SramTile s) {
      switch (this) {
        case MACRO_CYCLE:
          return s.macro().cost().energy().pj();
        case ADC_CONVERSION:
          return s.readoutAdc().map(AdcSpec::cost).map(c -> c.energy().pj()).orElse(0.0);
        case SHIFT_ADD_OP:
          return s.shiftAdd().energy().pj();
        default:
          return 0;
      }
    }
    DigitalTile d = (DigitalTile) spec;
    switch (this) {
      case MAC_OP:
        return d.mac().energy().pj();
      case VECTOR_OP:
        return d.vector().energy().pj();
      default:
        return 0;
    }
  }
}
