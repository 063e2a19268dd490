package ancc.ir.chip;

import ancc.ir.chip.Quantities.Area;
import ancc.ir.chip.Quantities.Power;
import ancc.ir.program.TileKind;
import java.util.Locale;
import java.util.Objects;

/**
 * A digital tile: {@code macUnits} multiply-accumulate units and a vector ALU of
 * {@code vectorWidth} lanes, computing in {@code precision}. Costs: {@code mac} per MAC (energy),
 * per MAC-array cycle (latency), per MAC unit (area); {@code vector} per element operation
 * (energy), per vector operation (latency), for the whole vector unit (area).
 */
public record DigitalTile(int macUnits, int vectorWidth, Precision precision, Cost mac, Cost vector,
    BufferSpec buffer, Power leakage) implements TileSpec {

  /** Arithmetic precision of a digital tile. */
  public enum Precision {
    INT8(1), FP16(2), FP32(4);

    private final int bytes;

    Precision(int bytes) {
      this.bytes = bytes;
    }

    /** Bytes per value. */
    public int bytes() {
      return bytes;
    }

    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public DigitalTile {
    Objects.requireNonNull(precision, "precision");
    Objects.requireNonNull(mac, "mac");
    Objects.requireNonNull(vector, "vector");
    Objects.requireNonNull(buffer, "buffer");
    Objects.requireNonNull(leakage, "leakage");
  }

  @Override
  public TileKind kind() {
    return TileKind.DIGITAL;
  }

  @Override
  public int arraysPerTile() {
    return 0;
  }

  @Override
  public Area area() {
    return new Area(macUnits * mac.area().m2() + vector.area().m2() + buffer.area().m2());
  }
}
