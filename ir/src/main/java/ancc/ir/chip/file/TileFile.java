package ancc.ir.chip.file;

import ancc.ir.chip.BufferSpec;
import ancc.ir.chip.Cost;
import ancc.ir.chip.Quantities.Area;
import ancc.ir.chip.Quantities.DataSize;
import ancc.ir.chip.Quantities.Energy;
import ancc.ir.chip.Quantities.Power;
import ancc.ir.chip.Quantities.Time;
import ancc.ir.chip.TileGroup;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One item of {@code tiles}: {@code kind} picks the record, and with it the keys the group may
 * have. Every kind has a {@code count}, a {@code buffer} and a {@code leakage}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = MemristorFile.class, name = "memristor"),
    @JsonSubTypes.Type(value = SramFile.class, name = "sram"),
    @JsonSubTypes.Type(value = DigitalFile.class, name = "digital")})
sealed interface TileFile permits MemristorFile, SramFile, DigitalFile {
  int MAX_COUNT = 1 << 20;
  int MAX_DIM = 65536;
  int MAX_BITS = 16;

  int count();

  Buffer buffer();

  Power leakage();

  TileGroup toGroup();

  /** A component block: energy and latency of one action, area of one instance ({@link Cost}). */
  interface Component {
    Energy energy();

    Time latency();

    Area area();

    default Cost cost() {
      return new Cost(energy(), latency(), area());
    }
  }

  /** A block that is only a component: {@code shift_add}, {@code mac}, {@code vector}. */
  record CostFile(@Required Energy energy, @Required Time latency, @Required Area area) implements Component {}

  /** The tile's local buffer: {@link BufferSpec}. */
  record Buffer(
      @Required @Positive DataSize size,
      @Required @Range(min = 1, max = 65536) int accessBytes,
      @Required Energy readEnergy,
      @Required Energy writeEnergy,
      @Required Time latency,
      @Required Area area,
      @Range(min = 1, max = 32) Integer activationBits) {

    public Buffer {
      KeyProblem.check(accessBytes <= size.bytes(), "access_bytes", () -> "an access of " + accessBytes
          + " bytes exceeds the buffer size " + size);
    }

    BufferSpec toSpec() {
      return new BufferSpec(size, accessBytes, readEnergy, writeEnergy, latency, area,
          activationBits == null ? 0 : activationBits);
    }
  }

  /** An array of cells (memristor crossbar, SRAM macro): its rows and columns, and a component. */
  record ArrayFile(
      @Required @Range(min = 1, max = MAX_DIM) int rows,
      @Required @Range(min = 1, max = MAX_DIM) int cols,
      @Required Energy energy,
      @Required Time latency,
      @Required Area area) implements Component {}
}
