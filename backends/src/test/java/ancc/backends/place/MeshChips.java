package ancc.backends.place;

import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;

/**
 * Hand-made chips for placement tests: a 3 x 3 mesh with 8 memristor tiles of 2 crossbars
 * (64 x 32) at tiles 0..7 and digital tiles after them.
 *
 * <pre>
 *   row 0:  0  1  2
 *   row 1:  3  4  5
 *   row 2:  6  7  8(digital)
 * </pre>
 */
final class MeshChips {
  private MeshChips() {}

  /** {@code memristor} tiles of 2 crossbars, then {@code digital} tiles, on a rows x cols mesh. */
  static Chip chip(int rows, int cols, int memristor, int digital, String digitalBuffer) {
    return chip(rows, cols, memristor, digital, digitalBuffer, "");
  }

  private static Chip chip(int rows, int cols, int memristor, int digital, String digitalBuffer, String bufferKeys) {
    String yaml = """
        name: mesh-test
        description: "placement test chip"
        clock: 500MHz
        mesh:
          rows: %d
          cols: %d
          link_width_bits: 64
          hop_latency: 2ns
          hop_energy: 5pJ
        tiles:
          - kind: memristor
            count: %d
            arrays_per_tile: 2
            crossbar: {rows: 64, cols: 32, energy: 3pJ, latency: 10ns, area: 20um2}
            cell: {type: pcm, levels: 4, g_min: 0.5uS, g_max: 25uS}
            weight: {bits: 4, encoding: offset, slice_bits: 2}
            input: {encoding: multi_bit, bits: 4}
            dac: {bits: 2, energy: 100fJ, latency: 1ns, area: 1um2}
            adc: {bits: 6, columns_per_adc: 4, energy: 0.99pJ, latency: 2ns, area: 800um2}
            shift_add: {energy: 0.021pJ, latency: 1ns, area: 60um2}
            read: {voltage: 300mV, pulse: 5ns}
            buffer: {size: 8KiB, access_bytes: 16, read_energy: 2pJ, write_energy: 3pJ, latency: 1ns, area: 0.01mm2}
            leakage: 10uW
            noise: {model: gaussian, programming_sigma: 0.02, read_sigma: 0.005, stuck_on_rate: 0.001}
          - kind: digital
            count: %d
            mac_units: 8
            vector_width: 4
            precision: int8
            mac: {energy: 0.23pJ, latency: 1ns, area: 300um2}
            vector: {energy: 0.03pJ, latency: 1ns, area: 150um2}
            buffer: {size: %s%s, access_bytes: 8, read_energy: 1pJ, write_energy: 1pJ, latency: 2ns, area: 0.02mm2}
            leakage: 0.1mW
        """.formatted(rows, cols, memristor, digital, digitalBuffer, bufferKeys);
    return Chips.parse(yaml, "mesh-test.yaml");
  }

  /**
   * {@link #chip} with the given top-level text appended ({@code global_buffer}, {@code dram} sections, or
   * none), its digital tiles holding activations at 32 bits, so a buffer's bytes are its f32 elements x 4.
   */
  static Chip withMemories(int rows, int cols, int memristor, int digital, String digitalBuffer, String sections) {
    Chip base = chip(rows, cols, memristor, digital, digitalBuffer, ", activation_bits: 32");
    return Chips.parse(base.canonicalYaml() + sections, "spill.yaml");
  }

  /** A global buffer of {@code size} (16-byte accesses of 4 pJ, 16 GB/s) as a chip file section. */
  static String globalBuffer(String size) {
    return "global_buffer: {size: " + size + ", access_bytes: 16, read_energy: 4pJ, write_energy: 5pJ, latency: 4ns,"
        + " bandwidth: 16GB/s, area: 0.1mm2}\n";
  }

  /** DRAM of 64-byte accesses of 640 pJ, 8 GB/s, 50 ns, as a chip file section. */
  static String dram() {
    return "dram: {access_bytes: 64, read_energy: 640pJ, write_energy: 640pJ, latency: 50ns, bandwidth: 8GB/s}\n";
  }

  /** The 3 x 3 chip pictured above, digital buffer 16KiB. */
  static Chip threeByThree() {
    return chip(3, 3, 8, 1, "16KiB");
  }
}
