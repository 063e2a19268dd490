package ancc.ir.chip.file;

import static ancc.ir.chip.file.KeyProblem.check;

import ancc.ir.chip.AdcSpec;
import ancc.ir.chip.MemristorTile;
import ancc.ir.chip.MemristorTile.CellType;
import ancc.ir.chip.Programming;
import ancc.ir.chip.Quantities.Area;
import ancc.ir.chip.Quantities.Conductance;
import ancc.ir.chip.Quantities.Energy;
import ancc.ir.chip.Quantities.Power;
import ancc.ir.chip.Quantities.Time;
import ancc.ir.chip.Quantities.Voltage;
import ancc.ir.chip.TileGroup;
import ancc.ir.program.Instr.InputMode;
import ancc.ir.program.WeightEncoding;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Optional;

/** A memristor tile group ({@code kind: memristor}): {@link MemristorTile}. */
record MemristorFile(
    @Required @Range(min = 1, max = TileFile.MAX_COUNT) int count,
    @Required @Range(min = 1, max = TileFile.MAX_COUNT) int arraysPerTile,
    @Required ArrayFile crossbar,
    @Required Cell cell,
    @Required Weight weight,
    @Required Input input,
    @Required Dac dac,
    @Required Adc adc,
    @Required CostFile shiftAdd,
    @Required Read read,
    @Required Buffer buffer,
    @Required Power leakage,
    @Required NoiseFile noise,
    ProgrammingFile programming) implements TileFile {

  MemristorFile {
    int sliceBits = weight.sliceBits();
    check((1L << sliceBits) <= cell.levels(), "weight.slice_bits", () -> "a " + sliceBits + "-bit slice needs "
        + (1L << sliceBits) + " levels per cell, cell.levels is " + cell.levels());
    int columns = weight.toWeight().columnsPerWeight();
    check(columns <= crossbar.cols(), "weight.bits", () -> "one weight needs " + columns
        + " columns, crossbar.cols is " + crossbar.cols());
    if (input.encoding() == InputMode.BIT_SERIAL) {
      check(dac.bits() == 1, "dac.bits", () -> "bit-serial input (input.encoding bit_serial) drives 1-bit DACs, got "
          + dac.bits());
    } else {
      check(dac.bits() >= 2 && dac.bits() <= input.bits(), "dac.bits", () -> "multi-bit input needs DACs of 2 to"
          + " input.bits (" + input.bits() + ") bits, got " + dac.bits());
    }
    Values.checkRange("adc.columns_per_adc", adc.columnsPerAdc(), 1, crossbar.cols());
    if (adc.sensing() == AdcSpec.Sensing.PAIR) {
      check(weight.encoding() == Weight.Encoding.DIFFERENTIAL, "adc.sensing",
          () -> "pair sensing needs weight.encoding differential");
      check(adc.columnsPerAdc() % 2 == 0, "adc.columns_per_adc",
          () -> "pair sensing needs an even number of columns per ADC, got " + adc.columnsPerAdc());
    }
    if (programming != null) {
      long cells = (long) crossbar.rows() * crossbar.cols();
      Values.checkRange("programming.parallel_cells", programming.parallelCells(), 1, cells);
    }
  }

  /** The memory cell: {@link MemristorTile.Cell}; {@code devices_per_cell} is optional (1). */
  record Cell(
      @Required CellType type,
      @Required @Range(min = 2, max = TileFile.MAX_DIM) int levels,
      @Required Conductance gMin,
      @Required @Positive Conductance gMax,
      @Range(min = 1, max = 64) Integer devicesPerCell) {

    Cell {
      check(gMax.siemens() > gMin.siemens(), "g_max", () -> "must be above g_min (" + gMin + "), got " + gMax);
    }
  }

  /** Signed weights in slices: {@link MemristorTile.Weight}. */
  record Weight(
      @Required @Range(min = 2, max = TileFile.MAX_BITS) int bits,
      @Required Encoding encoding,
      @Required @JsonPropertyDescription("1 to bits") int sliceBits) {

    /** The encodings a memristor array can hold ({@link WeightEncoding} less the SRAM's). */
    enum Encoding { DIFFERENTIAL, OFFSET }

    Weight {
      Values.checkRange("slice_bits", sliceBits, 1, bits);
    }

    MemristorTile.Weight toWeight() {
      return new MemristorTile.Weight(bits,
          encoding == Encoding.DIFFERENTIAL ? WeightEncoding.DIFFERENTIAL : WeightEncoding.OFFSET, sliceBits);
    }
  }

  /** Input activations: {@link MemristorTile.Input}. */
  record Input(@Required InputMode encoding, @Required @Range(min = 1, max = TileFile.MAX_BITS) int bits) {}

  /** The row drivers: {@link MemristorTile.Dac}. */
  record Dac(
      @Required @Range(min = 1, max = TileFile.MAX_BITS) int bits,
      @Required Energy energy,
      @Required Time latency,
      @Required Area area) implements Component {}

  /** The ADCs: {@link AdcSpec}; {@code sensing} is optional ({@code column}). */
  record Adc(
      @Required @Range(min = 1, max = TileFile.MAX_BITS) int bits,
      @Required @JsonPropertyDescription("1 to crossbar.cols") int columnsPerAdc,
      AdcSpec.Sensing sensing,
      @Required Energy energy,
      @Required Time latency,
      @Required Area area) implements Component {

    Adc {
      sensing = sensing == null ? AdcSpec.Sensing.COLUMN : sensing;
    }
  }

  /** One array read: {@link MemristorTile.Read}. */
  record Read(@Required @Positive Voltage voltage, @Required @Positive Time pulse) {}

  /** The optional cost of writing the weights: {@link Programming}. */
  record ProgrammingFile(
      @Required Step pulse,
      @Required Step verify,
      @Required @Range(min = 1, max = TileFile.MAX_COUNT) int openLoopPulses,
      @Required @Range(min = 1, max = TileFile.MAX_COUNT) int verifyIterations,
      @Required @JsonPropertyDescription("1 to crossbar.rows x crossbar.cols") int parallelCells) {

    /** One pulse or one verify read of one cell. */
    record Step(@Required Energy energy, @Required Time latency) {}

    Programming toProgramming() {
      return new Programming(pulse.energy(), pulse.latency(), verify.energy(), verify.latency(), openLoopPulses,
          verifyIterations, parallelCells);
    }
  }

  @Override
  public TileGroup toGroup() {
    MemristorTile tile = new MemristorTile(
        new MemristorTile.Crossbar(crossbar.rows(), crossbar.cols(), crossbar.cost()), arraysPerTile,
        new MemristorTile.Cell(cell.type(), cell.levels(), cell.gMin(), cell.gMax(),
            cell.devicesPerCell() == null ? 1 : cell.devicesPerCell()),
        weight.toWeight(), new MemristorTile.Input(input.encoding(), input.bits()),
        new MemristorTile.Dac(dac.bits(), dac.cost()),
        new AdcSpec(adc.bits(), adc.columnsPerAdc(), adc.sensing(), adc.cost()), shiftAdd.cost(),
        new MemristorTile.Read(read.voltage(), read.pulse()), buffer.toSpec(), leakage, noise.toSpec(),
        Optional.ofNullable(programming).map(ProgrammingFile::toProgramming));
    return new TileGroup(count, tile);
  }
}
