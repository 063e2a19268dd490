package ancc.ir.chip;

import ancc.ir.chip.NoiseModel.Gaussian;
import ancc.ir.chip.NoiseModel.PcmNandakumar2019;
import ancc.ir.chip.NoiseModel.RramWan2022;
import ancc.ir.chip.Quantities.Conductance;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The canonical text of a {@link Chip}: every key written (optional ones with their values), in
 * the schema's order, two-space indentation, strings double-quoted, quantities in the largest unit
 * whose value is at least 1. {@link Chips#parse} reads it back to an equal chip.
 */
final class ChipWriter {
  private final StringBuilder sb = new StringBuilder();

  private ChipWriter() {}

  static String write(Chip chip) {
    ChipWriter w = new ChipWriter();
    w.chip(chip);
    return w.sb.toString();
  }

  private void chip(Chip c) {
    put(0, "name", quote(c.name()));
    put(0, "description", quote(c.description()));
    put(0, "clock", c.clock().toString());
    open(0, "mesh");
    MeshSpec m = c.mesh();
    put(2, "rows", m.rows());
    put(2, "cols", m.cols());
    put(2, "link_width_bits", m.linkWidthBits());
    put(2, "hop_latency", m.hopLatency().toString());
    put(2, "hop_energy", m.hopEnergy().toString());
    open(0, "tiles");
    for (TileGroup g : c.tiles()) {
      sb.append("  - kind: ").append(g.kind().text()).append('\n');
      put(4, "count", g.count());
      TileSpec s = g.spec();
      if (s instanceof MemristorTile t) {
        memristor(t);
      } else if (s instanceof SramTile t) {
        sram(t);
      } else if (s instanceof DigitalTile t) {
        digital(t);
      } else {
        throw new IllegalStateException("unhandled tile spec " + s.getClass());
      }
    }
    // optional: written only when given, so chips without them keep their canonical text and hash
    if (c.globalBuffer().isPresent()) {
      GlobalBufferSpec g = c.globalBuffer().get();
      open(0, "global_buffer");
      put(2, "size", g.size().toString());
      spill(g);
      put(2, "area", g.area().toString());
    }
    if (c.dram().isPresent()) {
      open(0, "dram");
      spill(c.dram().get());
    }
  }

  private void spill(SpillMemory m) {
    put(2, "access_bytes", m.accessBytes());
    put(2, "read_energy", m.readEnergy().toString());
    put(2, "write_energy", m.writeEnergy().toString());
    put(2, "latency", m.latency().toString());
    put(2, "bandwidth", m.bandwidth().toString());
  }

  private void memristor(MemristorTile t) {
    int i = 4;
    put(i, "arrays_per_tile", t.arraysPerTile());
    open(i, "crossbar");
    put(i + 2, "rows", t.crossbar().rows());
    put(i + 2, "cols", t.crossbar().cols());
    cost(i + 2, t.crossbar().cost());
    open(i, "cell");
    put(i + 2, "type", word(t.cell().type()));
    put(i + 2, "levels", t.cell().levels());
    put(i + 2, "g_min", t.cell().gMin().toString());
    put(i + 2, "g_max", t.cell().gMax().toString());
    put(i + 2, "devices_per_cell", t.cell().devicesPerCell());
    open(i, "weight");
    put(i + 2, "bits", t.weight().bits());
    put(i + 2, "encoding", word(t.weight().encoding()));
    put(i + 2, "slice_bits", t.weight().sliceBits());
    open(i, "input");
    put(i + 2, "encoding", word(t.input().encoding()));
    put(i + 2, "bits", t.input().bits());
    open(i, "dac");
    put(i + 2, "bits", t.dac().bits());
    cost(i + 2, t.dac().cost());
    open(i, "adc");
    adc(i + 2, t.adc(), true);
    open(i, "shift_add");
    cost(i + 2, t.shiftAdd());
    open(i, "read");
    put(i + 2, "voltage", t.read().voltage().toString());
    put(i + 2, "pulse", t.read().pulse().toString());
    buffer(i, t.buffer());
    put(i, "leakage", t.leakage().toString());
    noise(i, t.noise());
    // optional: written only when given, so chips without it keep their canonical text and hash
    if (t.programming().isPresent()) {
      Programming p = t.programming().get();
      open(i, "programming");
      open(i + 2, "pulse");
      put(i + 4, "energy", p.pulseEnergy().toString());
      put(i + 4, "latency", p.pulseLatency().toString());
      open(i + 2, "verify");
      put(i + 4, "energy", p.verifyEnergy().toString());
      put(i + 4, "latency", p.verifyLatency().toString());
      put(i + 2, "open_loop_pulses", p.openLoopPulses());
      put(i + 2, "verify_iterations", p.verifyIterations());
      put(i + 2, "parallel_cells", p.parallelCells());
    }
  }

  private void sram(SramTile t) {
    int i = 4;
    put(i, "macros_per_tile", t.macrosPerTile());
    open(i, "macro");
    put(i + 2, "rows", t.macro().rows());
    put(i + 2, "cols", t.macro().cols());
    cost(i + 2, t.macro().cost());
    put(i, "weight_bits", t.weightBits());
    put(i, "input_bits", t.inputBits());
    open(i, "readout");
    if (t.readoutAdc().isEmpty()) {
      put(i + 2, "type", "digital");
    } else {
      put(i + 2, "type", "adc");
      adc(i + 2, t.readoutAdc().get(), false);
    }
    open(i, "shift_add");
    cost(i + 2, t.shiftAdd());
    buffer(i, t.buffer());
    put(i, "leakage", t.leakage().toString());
  }

  private void digital(DigitalTile t) {
    int i = 4;
    put(i, "mac_units", t.macUnits());
    put(i, "vector_width", t.vectorWidth());
    put(i, "precision", word(t.precision()));
    open(i, "mac");
    cost(i + 2, t.mac());
    open(i, "vector");
    cost(i + 2, t.vector());
    buffer(i, t.buffer());
    put(i, "leakage", t.leakage().toString());
  }

  private void adc(int i, AdcSpec a, boolean withSensing) {
    put(i, "bits", a.bits());
    put(i, "columns_per_adc", a.columnsPerAdc());
    if (withSensing) {
      put(i, "sensing", word(a.sensing()));
    }
    cost(i, a.cost());
  }

  private void buffer(int i, BufferSpec b) {
    open(i, "buffer");
    put(i + 2, "size", b.size().toString());
    put(i + 2, "access_bytes", b.accessBytes());
    put(i + 2, "read_energy", b.readEnergy().toString());
    put(i + 2, "write_energy", b.writeEnergy().toString());
    put(i + 2, "latency", b.latency().toString());
    put(i + 2, "area", b.area().toString());
    if (b.activationBits() > 0) {
      put(i + 2, "activation_bits", b.activationBits());
    }
  }

  private void noise(int i, NoiseSpec n) {
    open(i, "noise");
    int j = i + 2;
    NoiseModel m = n.model();
    put(j, "model", m.modelName());
    if (m instanceof Gaussian g) {
      put(j, "programming_sigma", num(g.programmingSigma()));
      put(j, "read_sigma", num(g.readSigma()));
    } else if (m instanceof RramWan2022 r) {
      put(j, "programming_poly", poly(r.programmingPoly()));
      put(j, "g_max", r.gMax().toString());
      put(j, "read_sigma", num(r.readSigma()));
    } else if (m instanceof PcmNandakumar2019 p) {
      put(j, "programming_poly", poly(p.programmingPoly()));
      put(j, "g_max", p.gMax().toString());
      put(j, "drift", Boolean.toString(p.drift()));
      put(j, "t0", p.t0().toString());
      put(j, "read_noise", Boolean.toString(p.readNoise()));
      put(j, "t_read", p.tRead().toString());
    }
    put(j, "stuck_on_rate", num(n.stuckOnRate()));
    put(j, "stuck_off_rate", num(n.stuckOffRate()));
    put(j, "ir_drop", num(n.irDrop()));
    open(j, "write_verify");
    put(j + 2, "enabled", Boolean.toString(n.writeVerify().enabled()));
    put(j + 2, "residual_sigma", num(n.writeVerify().residualSigma()));
    // written only when set, so that chips without converter gain errors keep their canonical text and hash
    if (n.dacGainSigma() != 0) {
      put(j, "dac_gain_sigma", num(n.dacGainSigma()));
    }
    if (n.adcGainSigma() != 0) {
      put(j, "adc_gain_sigma", num(n.adcGainSigma()));
    }
    // likewise the converter offsets
    if (n.dacOffsetSigma() != 0) {
      put(j, "dac_offset_sigma", num(n.dacOffsetSigma()));
    }
    if (n.adcOffsetSigma() != 0) {
      put(j, "adc_offset_sigma", num(n.adcOffsetSigma()));
    }
  }

  private void cost(int i, Cost c) {
    put(i, "energy", c.energy().toString());
    put(i, "latency", c.latency().toString());
    put(i, "area", c.area().toString());
  }

  private void open(int indent, String key) {
    sb.append(" ".repeat(indent)).append(key).append(":\n");
  }

  private void put(int indent, String key, Object value) {
    sb.append(" ".repeat(indent)).append(key).append(": ").append(value).append('\n');
  }

  private static String poly(List<Conductance> coefficients) {
    return coefficients.stream().map(Conductance::toString).collect(Collectors.joining(", ", "[", "]"));
  }

  /** A plain number that YAML reads back as a number, never in exponent-free overflowing form. */
  private static String num(double d) {
    String s = BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    return s.contains(".") ? s : s + ".0";
  }

  /** An enum constant as chip files spell it: its lower-case name. */
  private static String word(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /** A YAML double-quoted scalar. */
  static String quote(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (int k = 0; k < s.length(); k++) {
      char ch = s.charAt(k);
      switch (ch) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\t' -> q.append("\\t");
        default -> {
          if (ch < 0x20) {
            q.append(String.format("\\x%02x", (int) ch));
          } else {
            q.append(ch);
          }
        }
      }
    }
    return q.append('"').toString();
  }
}
