package ancc.ir.chip.file;

import ancc.ir.chip.Chip;
import ancc.ir.chip.DramSpec;
import ancc.ir.chip.GlobalBufferSpec;
import ancc.ir.chip.MeshSpec;
import ancc.ir.chip.Quantities.Area;
import ancc.ir.chip.Quantities.Bandwidth;
import ancc.ir.chip.Quantities.DataSize;
import ancc.ir.chip.Quantities.Energy;
import ancc.ir.chip.Quantities.Frequency;
import ancc.ir.chip.Quantities.Time;
import java.util.List;
import java.util.Optional;

/**
 * A chip file as written (docs/chips.md): the top level. Jackson binds the YAML into this record
 * and the records it holds, one record per block, keys in snake_case; {@link #toChip()} makes
 * the {@link Chip}. The JSON Schema of the file (docs/schemas/chip.schema.json) is generated
 * from these records.
 */
record ChipFile(
    @Required @Matches(regex = "[a-z0-9][a-z0-9._-]{0,63}",
        hint = "lower-case letters, digits, '.', '_' or '-' (at most 64)") String name,
    @Required String description,
    @Required @Positive Frequency clock,
    @Required Mesh mesh,
    @Required List<TileFile> tiles,
    GlobalBuffer globalBuffer,
    Dram dram) {

  ChipFile {
    KeyProblem.check(!tiles.isEmpty(), "tiles", () -> "must not be empty");
    long total = tiles.stream().mapToLong(TileFile::count).sum();
    KeyProblem.check(total <= (long) mesh.rows() * mesh.cols(), "mesh", () -> "a " + mesh.rows() + "x" + mesh.cols()
        + " mesh has " + mesh.rows() * mesh.cols() + " positions, the tiles need " + total);
  }

  /** The network: {@link MeshSpec}. */
  record Mesh(
      @Required @Range(min = 1, max = 1024) int rows,
      @Required @Range(min = 1, max = 1024) int cols,
      @Required @Range(min = 1, max = 65536) int linkWidthBits,
      @Required Time hopLatency,
      @Required Energy hopEnergy) {

    MeshSpec toSpec() {
      return new MeshSpec(rows, cols, linkWidthBits, hopLatency, hopEnergy);
    }
  }

  /** The chip's shared on-chip buffer, optional: {@link GlobalBufferSpec}. */
  record GlobalBuffer(
      @Required @Positive DataSize size,
      @Required @Range(min = 1, max = 65536) int accessBytes,
      @Required Energy readEnergy,
      @Required Energy writeEnergy,
      @Required Time latency,
      @Required @Positive Bandwidth bandwidth,
      @Required Area area) {

    GlobalBuffer {
      KeyProblem.check(accessBytes <= size.bytes(), "access_bytes", () -> "an access of " + accessBytes
          + " bytes exceeds the global buffer size " + size);
    }

    GlobalBufferSpec toSpec() {
      return new GlobalBufferSpec(size, accessBytes, readEnergy, writeEnergy, latency, bandwidth, area);
    }
  }

  /** Off-chip DRAM, optional: {@link DramSpec}. */
  record Dram(
      @Required @Range(min = 1, max = 65536) int accessBytes,
      @Required Energy readEnergy,
      @Required Energy writeEnergy,
      @Required Time latency,
      @Required @Positive Bandwidth bandwidth) {

    DramSpec toSpec() {
      return new DramSpec(accessBytes, readEnergy, writeEnergy, latency, bandwidth);
    }
  }

  Chip toChip() {
    return new Chip(name, description, clock, mesh.toSpec(), tiles.stream().map(TileFile::toGroup).toList(),
        Optional.ofNullable(globalBuffer).map(GlobalBuffer::toSpec), Optional.ofNullable(dram).map(Dram::toSpec));
  }
}
