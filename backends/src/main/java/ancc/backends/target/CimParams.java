package ancc.backends.target;

import ancc.backends.mapping.WeightFormat;
import ancc.ir.InvalidInputException;
import ancc.ir.chip.AdcSpec;
import ancc.ir.chip.Chip;
import ancc.ir.chip.MemristorTile;
import ancc.ir.chip.SramTile;
import ancc.ir.program.Instr.InputMode;
import ancc.ir.program.TileKind;
import java.util.Optional;

/**
 * The mapping parameters of a chip's memristor or SRAM-CIM tiles, read from its first tile group
 * of that kind: array size, arrays per tile, weight format, input drive, and readout ADC
 * ({@code adc} empty for an exact digital readout).
 */
public record CimParams(TileKind kind, int rows, int cols, int arraysPerTile, WeightFormat format,
    InputMode inputMode, int inputBits, int dacBits, Optional<AdcSpec> adc) {

  /** The parameters of {@code kind} tiles, or empty when the chip has none (or kind is digital). */
  public static Optional<CimParams> of(Chip chip, TileKind kind) {
    try {
      if (kind == TileKind.MEMRISTOR) {
        return chip.memristor().map(CimParams::memristor);
      }
      if (kind == TileKind.SRAM) {
        return chip.sram().map(CimParams::sram);
      }
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("chip " + chip.name() + ": " + kind.text() + " tiles: " + e.getMessage());
    }
  }

  private static CimParams memristor(MemristorTile t) {
    MemristorTile.Weight w = t.weight();
    WeightFormat f = new WeightFormat(w.bits(), w.slices(), w.sliceBits(), w.encoding(), t.cell().levels());
    return new CimParams(TileKind.MEMRISTOR, t.crossbar().rows(), t.crossbar().cols(), t.arraysPerTile(), f,
        t.input().encoding(), t.input().bits(), t.dac().bits(), Optional.of(t.adc()));
  }

  private static CimParams sram(SramTile t) {
    return new CimParams(TileKind.SRAM, t.macro().rows(), t.macro().cols(), t.macrosPerTile(),
        WeightFormat.twosComplement(t.weightBits()), InputMode.BIT_SERIAL, t.inputBits(), 1, t.readoutAdc());
  }

  /** ADC resolution for the {@code mvm} instruction: 0 for exact digital readout. */
  public int adcBits() {
    return adc.map(AdcSpec::bits).orElse(0);
  }

  /** Output channels one array holds. */
  public int outputsPerArray() {
    return cols / format.columnsPerOutput();
  }

  /** "crossbars of 256x256" or "SRAM macros of 64x64", for messages. */
  public String arrayNoun() {
    return (kind == TileKind.MEMRISTOR ? "crossbars" : "SRAM macros") + " of " + rows + "x" + cols;
  }

  /**
   * Array reads per input vector of {@code magnitudeBits}-bit input magnitudes (the sign rides on
   * the drive polarity): one per bit bit-serially, ceil(magnitude bits / DAC bits) multi-bit.
   */
  public int readsPerVector(int magnitudeBits) {
    return inputMode == InputMode.BIT_SERIAL ? magnitudeBits : (magnitudeBits + dacBits - 1) / dacBits;
  }
}
