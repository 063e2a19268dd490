package ancc.ir.chip;

import ancc.ir.chip.Quantities.Area;
import ancc.ir.chip.Quantities.Conductance;
import ancc.ir.chip.Quantities.Power;
import ancc.ir.chip.Quantities.Time;
import ancc.ir.chip.Quantities.Voltage;
import ancc.ir.program.Instr.InputMode;
import ancc.ir.program.TileKind;
import ancc.ir.program.WeightEncoding;
import java.util.Objects;
import java.util.Optional;

/**
 * A memristor compute-in-memory tile: {@code arraysPerTile} crossbars with their DACs (one per
 * row), shared ADCs, a shift-and-add unit, a local buffer, the device non-ideality model, and
 * optionally the cost of programming the cells ({@link Programming}).
 * See docs/chips.md for the meaning of every field and the action each cost refers to.
 */
public record MemristorTile(Crossbar crossbar, int arraysPerTile, Cell cell, Weight weight, Input input, Dac dac,
    AdcSpec adc, Cost shiftAdd, Read read, BufferSpec buffer, Power leakage, NoiseSpec noise,
    Optional<Programming> programming) implements TileSpec {

  /** Physical crossbar size; cost = one read of the whole array with one input slice applied. */
  public record Crossbar(int rows, int cols, Cost cost) {
    public Crossbar {
      Objects.requireNonNull(cost, "cost");
    }
  }

  public enum CellType { RRAM, PCM }

  /**
   * The memory cell: {@code levels} programmable conductance levels evenly spaced from gMin to
   * gMax; {@code devicesPerCell} devices in parallel programmed to the same target form one cell.
   */
  public record Cell(CellType type, int levels, Conductance gMin, Conductance gMax, int devicesPerCell) {
    public Cell {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(gMin, "gMin");
      Objects.requireNonNull(gMax, "gMax");
    }

    /** Bits a cell stores exactly: floor(log2(levels)). */
    public int bits() {
      return 31 - Integer.numberOfLeadingZeros(levels);
    }
  }

  /**
   * Signed integer weights of {@code bits} bits, split into slices of {@code sliceBits} bits (least
   * significant first), one cell (OFFSET) or one G+/G- cell pair (DIFFERENTIAL) per slice.
   */
  public record Weight(int bits, WeightEncoding encoding, int sliceBits) {
    public Weight {
      Objects.requireNonNull(encoding, "encoding");
    }

    /**
     * Slices per weight: DIFFERENTIAL stores the magnitude (bits - 1 bits, symmetric quantization
     * |q| <= 2^(bits-1) - 1); OFFSET stores q + 2^(bits-1) (bits bits).
     */
    public int slices() {
      int magnitudeBits = encoding == WeightEncoding.DIFFERENTIAL ? bits - 1 : bits;
      return Math.max(1, (magnitudeBits + sliceBits - 1) / sliceBits);
    }

    /** Physical columns one output channel occupies (as in ancc.ir.program.ArrayLayout). */
    public int columnsPerWeight() {
      return encoding == WeightEncoding.DIFFERENTIAL ? 2 * slices() : slices();
    }
  }

  /** Input activations: {@code bits}-bit unsigned codes, applied bit-serially or through multi-bit DACs. */
  public record Input(InputMode encoding, int bits) {
    public Input {
      Objects.requireNonNull(encoding, "encoding");
    }
  }

  /** Row drivers, one per crossbar row; cost = one drive of one row with one input slice; area per DAC. */
  public record Dac(int bits, Cost cost) {
    public Dac {
      Objects.requireNonNull(cost, "cost");
    }
  }

  /** Read voltage and pulse width of one array read. */
  public record Read(Voltage voltage, Time pulse) {
    public Read {
      Objects.requireNonNull(voltage, "voltage");
      Objects.requireNonNull(pulse, "pulse");
    }
  }

  public MemristorTile {
    Objects.requireNonNull(crossbar, "crossbar");
    Objects.requireNonNull(cell, "cell");
    Objects.requireNonNull(weight, "weight");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(dac, "dac");
    Objects.requireNonNull(adc, "adc");
    Objects.requireNonNull(shiftAdd, "shiftAdd");
    Objects.requireNonNull(read, "read");
    Objects.requireNonNull(buffer, "buffer");
    Objects.requireNonNull(leakage, "leakage");
    Objects.requireNonNull(noise, "noise");
    Objects.requireNonNull(programming, "programming");
  }

  /** A tile without a {@code programming} block (programming cost not described). */
  public MemristorTile(Crossbar crossbar, int arraysPerTile, Cell cell, Weight weight, Input input, Dac dac,
      AdcSpec adc, Cost shiftAdd, Read read, BufferSpec buffer, Power leakage, NoiseSpec noise) {
    this(crossbar, arraysPerTile, cell, weight, input, dac, adc, shiftAdd, read, buffer, leakage, noise,
        Optional.empty());
  }

  @Override
  public TileKind kind() {
    return TileKind.MEMRISTOR;
  }

  /** Output channels one crossbar holds (its columns divided by the columns per weight). */
  public int outputsPerArray() {
    return crossbar.cols() / weight.columnsPerWeight();
  }

  /** Weights one crossbar holds: rows x outputs per array. */
  public long weightsPerArray() {
    return (long) crossbar.rows() * outputsPerArray();
  }

  /** Input slices (array reads) per input vector: ceil(input bits / DAC bits). */
  public int inputSlices() {
    return (input.bits() + dac.bits() - 1) / dac.bits();
  }

  public int adcsPerArray() {
    return adc.adcsPerArray(crossbar.cols());
  }

  /** Conductance of level {@code level}: Gmin + level (Gmax - Gmin) / (levels - 1). */
  public Conductance conductance(int level) {
    if (level < 0 || level >= cell.levels()) {
      throw new IllegalArgumentException("level " + level + " outside 0.." + (cell.levels() - 1));
    }
    double g = cell.gMin().siemens() + level * (cell.gMax().siemens() - cell.gMin().siemens()) / (cell.levels() - 1);
    return new Conductance(g);
  }

  @Override
  public Area area() {
    double perArray = crossbar.cost().area().m2() + crossbar.rows() * dac.cost().area().m2()
        + adcsPerArray() * adc.cost().area().m2();
    return new Area(arraysPerTile * perArray + shiftAdd.area().m2() + buffer.area().m2());
  }
}
