package ancc.ir.chip;

import ancc.ir.chip.Quantities.Area;
import ancc.ir.chip.Quantities.Power;
import ancc.ir.program.TileKind;
import java.util.Objects;
import java.util.Optional;

/**
 * An SRAM compute-in-memory tile: {@code macrosPerTile} macros of rows x cols bit cells holding
 * {@code weightBits}-bit two's complement weights in adjacent bit columns; inputs of
 * {@code inputBits} bits are applied bit-serially, one bit plane per macro cycle; columns are read
 * out exactly (digital adder tree) or through ADCs; bit planes are shift-added.
 */
public record SramTile(Macro macro, int macrosPerTile, int weightBits, int inputBits, Optional<AdcSpec> readoutAdc,
    Cost shiftAdd, BufferSpec buffer, Power leakage) implements TileSpec {

  /** One macro; cost = one cycle (one input bit plane over every row and column) and area per macro. */
  public record Macro(int rows, int cols, Cost cost) {
    public Macro {
      Objects.requireNonNull(cost, "cost");
    }
  }

  public SramTile {
    Objects.requireNonNull(macro, "macro");
    Objects.requireNonNull(readoutAdc, "readoutAdc");
    Objects.requireNonNull(shiftAdd, "shiftAdd");
    Objects.requireNonNull(buffer, "buffer");
    Objects.requireNonNull(leakage, "leakage");
  }

  @Override
  public TileKind kind() {
    return TileKind.SRAM;
  }

  @Override
  public int arraysPerTile() {
    return macrosPerTile;
  }

  /** True when columns are read out exactly by a digital adder tree (no ADC). */
  public boolean digitalReadout() {
    return readoutAdc.isEmpty();
  }

  /** Output channels one macro holds: cols / weight bits. */
  public int outputsPerMacro() {
    return macro.cols() / weightBits;
  }

  /** Weights one macro holds: rows x outputs per macro. */
  public long weightsPerMacro() {
    return (long) macro.rows() * outputsPerMacro();
  }

  @Override
  public Area area() {
    double adcs = readoutAdc.map(a -> a.adcsPerArray(macro.cols()) * a.cost().area().m2()).orElse(0.0);
    return new Area(macrosPerTile * (macro.cost().area().m2() + adcs) + shiftAdd.area().m2() + buffer.area().m2());
  }
}
