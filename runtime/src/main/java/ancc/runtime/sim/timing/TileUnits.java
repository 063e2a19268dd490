package ancc.runtime.sim.timing;

import ancc.ir.chip.AdcSpec;
import ancc.ir.chip.BufferSpec;
import ancc.ir.chip.Chip;
import ancc.ir.chip.DigitalTile;
import ancc.ir.chip.MemristorTile;
import ancc.ir.chip.Quantities.Time;
import ancc.ir.chip.SramTile;
import ancc.ir.chip.TileSpec;
import ancc.ir.program.TileKind;
import java.util.Optional;

/**
 * The cycle costs of one tile's units, derived from its chip specification: every action takes
 * {@code ceil(latency / clock period)} cycles ({@link #cycles}).
 */
public record TileUnits(int tile, TileSpec spec, double periodSeconds) {

  /** The units of tile {@code tile} of {@code chip}. */
  public static TileUnits of(Chip chip, int tile) {
    return new TileUnits(tile, chip.groupOf(tile).spec(), chip.clock().period().seconds());
  }

  /** ceil(t / period), with a relative tolerance of 1e-9 so that 10ns at 1GHz is 10 cycles, not 11. */
  public static long cycles(double seconds, double periodSeconds) {
    if (seconds <= 0) {
      return 0;
    }
    return (long) Math.ceil(seconds / periodSeconds - 1e-9);
  }

  public long cycles(Time t) {
    return cycles(t.seconds(), periodSeconds);
  }

  public TileKind kind() {
    return spec.kind();
  }

  public BufferSpec buffer() {
    return spec.buffer();
  }

  /** Cycles of the buffer accesses that move {@code bytes} bytes. */
  public long bufferCycles(long bytes) {
    return buffer().accesses(bytes) * cycles(buffer().latency());
  }

  /** The unit doing element operations: the vector unit (digital) or the shift-and-add unit (CIM). */
  public Resource elementUnit() {
    return new Resource(tile, kind() == TileKind.DIGITAL ? Resource.VECTOR : Resource.SHIFT_ADD);
  }

  /** Lanes of the element unit: vector width (digital), crossbar or macro columns (CIM). */
  public long elementLanes() {
    if (spec instanceof DigitalTile d) {
      return d.vectorWidth();
    } else if (spec instanceof MemristorTile m) {
      return m.crossbar().cols();
    }
    return ((SramTile) spec).macro().cols();
  }

  /** Cycles of one element-unit operation over up to {@link #elementLanes()} elements. */
  public long elementOpCycles() {
    if (spec instanceof DigitalTile d) {
      return cycles(d.vector().latency());
    } else if (spec instanceof MemristorTile m) {
      return cycles(m.shiftAdd().latency());
    }
    return cycles(((SramTile) spec).shiftAdd().latency());
  }

  /** Cycles of {@code ops} element operations on the element unit. */
  public long elementCycles(long ops) {
    return ceilDiv(ops, elementLanes()) * elementOpCycles();
  }

  /** Cycles of {@code macs} multiply-accumulates on the MAC array (0 on CIM tiles). */
  public long macCycles(long macs) {
    if (spec instanceof DigitalTile d) {
      return ceilDiv(macs, d.macUnits()) * cycles(d.mac().latency());
    }
    return 0;
  }

  /** Cycles of one array read with one input plane: DAC + crossbar latency, or one macro cycle. */
  public long readCycles() {
    if (spec instanceof MemristorTile m) {
      return cycles(m.dac().cost().latency().seconds() + m.crossbar().cost().latency().seconds(), periodSeconds);
    } else if (spec instanceof SramTile s) {
      return cycles(s.macro().cost().latency());
    }
    return 0;
  }

  /** The tile's ADCs, if any (SRAM tiles with digital readout have none). */
  public Optional<AdcSpec> adc() {
    if (spec instanceof MemristorTile m) {
      return Optional.of(m.adc());
    } else if (spec instanceof SramTile s) {
      return s.readoutAdc();
    }
    return Optional.empty();
  }

  /** DAC bits (memristor), 1 otherwise (SRAM inputs are bit-serial). */
  public int dacBits() {
    return spec instanceof MemristorTile m ? m.dac().bits() : 1;
  }

  static long ceilDiv(long a, long b) {
    return b <= 0 ? a : (a + b - 1) / b;
  }
}
