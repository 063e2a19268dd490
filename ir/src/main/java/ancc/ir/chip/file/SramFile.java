package ancc.ir.chip.file;

import static ancc.ir.chip.file.KeyProblem.check;

import ancc.ir.chip.AdcSpec;
import ancc.ir.chip.Quantities.Area;
import ancc.ir.chip.Quantities.Energy;
import ancc.ir.chip.Quantities.Power;
import ancc.ir.chip.Quantities.Time;
import ancc.ir.chip.SramTile;
import ancc.ir.chip.TileGroup;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Optional;

/** An SRAM-CIM tile group ({@code kind: sram}): {@link SramTile}. */
record SramFile(
    @Required @Range(min = 1, max = TileFile.MAX_COUNT) int count,
    @Required @Range(min = 1, max = TileFile.MAX_COUNT) int macrosPerTile,
    @Required ArrayFile macro,
    @Required @Range(min = 1, max = TileFile.MAX_BITS) int weightBits,
    @Required @Range(min = 1, max = TileFile.MAX_BITS) int inputBits,
    @Required Readout readout,
    @Required CostFile shiftAdd,
    @Required Buffer buffer,
    @Required Power leakage) implements TileFile {

  SramFile {
    check(weightBits <= macro.cols(), "weight_bits", () -> "a weight of " + weightBits
        + " bit columns does not fit macro.cols " + macro.cols());
    if (readout instanceof Readout.Adc a) {
      Values.checkRange("readout.columns_per_adc", a.columnsPerAdc(), 1, macro.cols());
    }
  }

  /** How columns are read: {@code type: digital} (exact adder tree) or {@code type: adc} with the ADC's keys. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
      @JsonSubTypes.Type(value = Readout.Digital.class, name = "digital"),
      @JsonSubTypes.Type(value = Readout.Adc.class, name = "adc")})
  sealed interface Readout {
    /** Exact readout by a digital adder tree. */
    record Digital() implements Readout {}

    /** Readout through ADCs ({@link AdcSpec}, column sensing). */
    record Adc(
        @Required @Range(min = 1, max = TileFile.MAX_BITS) int bits,
        @Required @JsonPropertyDescription("1 to macro.cols") int columnsPerAdc,
        @Required Energy energy,
        @Required Time latency,
        @Required Area area) implements Readout, Component {}
  }

  @Override
  public TileGroup toGroup() {
    Optional<AdcSpec> adc = readout instanceof Readout.Adc a
        ? Optional.of(new AdcSpec(a.bits(), a.columnsPerAdc(), AdcSpec.Sensing.COLUMN, a.cost()))
        : Optional.empty();
    return new TileGroup(count, new SramTile(new SramTile.Macro(macro.rows(), macro.cols(), macro.cost()),
        macrosPerTile, weightBits, inputBits, adc, shiftAdd.cost(), buffer.toSpec(), leakage));
  }
}
