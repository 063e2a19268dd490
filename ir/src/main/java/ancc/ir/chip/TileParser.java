package ancc.ir.chip;

import static ancc.ir.chip.ChipParser.MAX_COUNT;
import static ancc.ir.chip.ChipParser.buffer;
import static ancc.ir.chip.ChipParser.cost;
import static ancc.ir.chip.ChipParser.power;

import ancc.ir.chip.MemristorTile.Cell;
import ancc.ir.chip.MemristorTile.CellType;
import ancc.ir.chip.MemristorTile.Crossbar;
import ancc.ir.chip.MemristorTile.Dac;
import ancc.ir.chip.MemristorTile.Input;
import ancc.ir.chip.MemristorTile.Read;
import ancc.ir.chip.MemristorTile.Weight;
import ancc.ir.chip.Quantities.Conductance;
import ancc.ir.chip.Quantities.Energy;
import ancc.ir.chip.Quantities.Time;
import ancc.ir.chip.Quantities.Voltage;
import ancc.ir.program.Instr.InputMode;
import ancc.ir.program.WeightEncoding;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads and checks the kind-specific keys of one tile group (see docs/chips.md for the schema). */
final class TileParser {
  static final int MAX_DIM = 65536;
  static final int MAX_BITS = 16;

  static final Map<String, CellType> CELL_TYPES = Map.of("rram", CellType.RRAM, "pcm", CellType.PCM);
  static final Map<String, WeightEncoding> ENCODINGS =
      words("differential", WeightEncoding.DIFFERENTIAL, "offset", WeightEncoding.OFFSET);
  static final Map<String, InputMode> INPUT_MODES =
      words("bit_serial", InputMode.BIT_SERIAL, "multi_bit", InputMode.MULTI_BIT);
  static final Map<String, AdcSpec.Sensing> SENSING =
      words("column", AdcSpec.Sensing.COLUMN, "pair", AdcSpec.Sensing.PAIR);
  static final Map<String, DigitalTile.Precision> PRECISIONS = words("int8", DigitalTile.Precision.INT8,
      "fp16", DigitalTile.Precision.FP16, "fp32", DigitalTile.Precision.FP32);
  static final Map<String, Boolean> READOUTS = words("digital", Boolean.TRUE, "adc", Boolean.FALSE);

  private TileParser() {}

  @SuppressWarnings("unchecked")
  private static <E> Map<String, E> words(Object... pairs) {
    Map<String, E> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (E) pairs[i + 1]);
    }
    return Collections.unmodifiableMap(m);
  }

  static MemristorTile memristor(MapReader t) {
    int arraysPerTile = t.integer("arrays_per_tile", 1, MAX_COUNT);
    MapReader x = t.map("crossbar");
    Crossbar crossbar = new Crossbar(x.integer("rows", 1, MAX_DIM), x.integer("cols", 1, MAX_DIM), cost(x));
    x.finish();

    MapReader c = t.map("cell");
    CellType type = c.choice("type", CELL_TYPES);
    int levels = c.integer("levels", 2, MAX_DIM);
    Conductance gMin = new Conductance(c.quantity("g_min", Dimension.CONDUCTANCE, false));
    Conductance gMax = new Conductance(c.quantity("g_max", Dimension.CONDUCTANCE, true));
    if (gMax.siemens() <= gMin.siemens()) {
      throw c.fail("g_max", "must be above g_min (" + gMin + "), got " + gMax);
    }
    int devices = c.has("devices_per_cell") ? c.integer("devices_per_cell", 1, 64) : 1;
    c.finish();
    Cell cell = new Cell(type, levels, gMin, gMax, devices);

    MapReader w = t.map("weight");
    int bits = w.integer("bits", 2, MAX_BITS);
    WeightEncoding encoding = w.choice("encoding", ENCODINGS);
    int sliceBits = w.integer("slice_bits", 1, bits);
    if ((1L << sliceBits) > levels) {
      throw w.fail("slice_bits", "a " + sliceBits + "-bit slice needs " + (1L << sliceBits)
          + " levels per cell, cell.levels is " + levels);
    }
    Weight weight = new Weight(bits, encoding, sliceBits);
    if (weight.columnsPerWeight() > crossbar.cols()) {
      throw w.fail("bits", "one weight needs " + weight.columnsPerWeight() + " columns, crossbar.cols is "
          + crossbar.cols());
    }
    w.finish();

    MapReader in = t.map("input");
    Input input = new Input(in.choice("encoding", INPUT_MODES), in.integer("bits", 1, MAX_BITS));
    in.finish();

    MapReader d = t.map("dac");
    int dacBits = d.integer("bits", 1, MAX_BITS);
    if (input.encoding() == InputMode.BIT_SERIAL && dacBits != 1) {
      throw d.fail("bits", "bit-serial input (input.encoding bit_serial) drives 1-bit DACs, got " + dacBits);
    }
    if (input.encoding() == InputMode.MULTI_BIT && (dacBits < 2 || dacBits > input.bits())) {
      throw d.fail("bits", "multi-bit input needs DACs of 2 to input.bits (" + input.bits() + ") bits, got " + dacBits);
    }
    Dac dac = new Dac(dacBits, cost(d));
    d.finish();

    AdcSpec adc = adc(t.map("adc"), crossbar.cols(), encoding);
    Cost shiftAdd = component(t, "shift_add");

    MapReader r = t.map("read");
    Read read = new Read(new Voltage(r.quantity("voltage", Dimension.VOLTAGE, true)),
        new Time(r.quantity("pulse", Dimension.TIME, true)));
    r.finish();
    BufferSpec buffer = buffer(t);
    NoiseSpec noise = NoiseParser.noise(t.map("noise"));
    Optional<Programming> programming = t.has("programming")
        ? Optional.of(programming(t.map("programming"), crossbar)) : Optional.empty();
    return new MemristorTile(crossbar, arraysPerTile, cell, weight, input, dac, adc, shiftAdd, read, buffer,
        power(t, "leakage"), noise, programming);
  }

  /** The optional {@code programming} block of a memristor tile; finishes it. */
  private static Programming programming(MapReader p, Crossbar crossbar) {
    MapReader pulse = p.map("pulse");
    Energy pulseEnergy = new Energy(pulse.quantity("energy", Dimension.ENERGY, false));
    Time pulseLatency = new Time(pulse.quantity("latency", Dimension.TIME, false));
    pulse.finish();
    MapReader verify = p.map("verify");
    Energy verifyEnergy = new Energy(verify.quantity("energy", Dimension.ENERGY, false));
    Time verifyLatency = new Time(verify.quantity("latency", Dimension.TIME, false));
    verify.finish();
    int open = p.integer("open_loop_pulses", 1, MAX_COUNT);
    int iterations = p.integer("verify_iterations", 1, MAX_COUNT);
    int parallel = p.integer("parallel_cells", 1, crossbar.rows() * crossbar.cols());
    p.finish();
    return new Programming(pulseEnergy, pulseLatency, verifyEnergy, verifyLatency, open, iterations, parallel);
  }

  static SramTile sram(MapReader t) {
    int macrosPerTile = t.integer("macros_per_tile", 1, MAX_COUNT);
    MapReader m = t.map("macro");
    SramTile.Macro macro = new SramTile.Macro(m.integer("rows", 1, MAX_DIM), m.integer("cols", 1, MAX_DIM), cost(m));
    m.finish();
    int weightBits = t.integer("weight_bits", 1, MAX_BITS);
    if (weightBits > macro.cols()) {
      throw t.fail("weight_bits", "a weight of " + weightBits + " bit columns does not fit macro.cols "
          + macro.cols());
    }
    int inputBits = t.integer("input_bits", 1, MAX_BITS);
    MapReader r = t.map("readout");
    boolean digital = r.choice("type", READOUTS);
    Optional<AdcSpec> adc = digital ? Optional.empty() : Optional.of(adc(r, macro.cols(), null));
    if (digital) {
      r.finish();
    }
    Cost shiftAdd = component(t, "shift_add");
    BufferSpec buffer = buffer(t);
    return new SramTile(macro, macrosPerTile, weightBits, inputBits, adc, shiftAdd, buffer, power(t, "leakage"));
  }

  static DigitalTile digital(MapReader t) {
    int macUnits = t.integer("mac_units", 1, MAX_COUNT);
    int vectorWidth = t.integer("vector_width", 1, MAX_DIM);
    DigitalTile.Precision precision = t.choice("precision", PRECISIONS);
    Cost mac = component(t, "mac");
    Cost vector = component(t, "vector");
    BufferSpec buffer = buffer(t);
    return new DigitalTile(macUnits, vectorWidth, precision, mac, vector, buffer, power(t, "leakage"));
  }

  /** A block that holds only energy, latency and area. */
  private static Cost component(MapReader t, String key) {
    MapReader m = t.map(key);
    Cost cost = cost(m);
    m.finish();
    return cost;
  }

  /**
   * bits, columns_per_adc, energy, latency, area and, for memristor arrays (weight encoding given),
   * the optional sensing; finishes the block.
   */
  private static AdcSpec adc(MapReader a, int cols, WeightEncoding memristorEncoding) {
    int bits = a.integer("bits", 1, MAX_BITS);
    int share = a.integer("columns_per_adc", 1, cols);
    AdcSpec.Sensing sensing = AdcSpec.Sensing.COLUMN;
    if (memristorEncoding != null && a.has("sensing")) {
      sensing = a.choice("sensing", SENSING);
      if (sensing == AdcSpec.Sensing.PAIR && memristorEncoding != WeightEncoding.DIFFERENTIAL) {
        throw a.fail("sensing", "pair sensing needs weight.encoding differential");
      }
      if (sensing == AdcSpec.Sensing.PAIR && share % 2 != 0) {
        throw a.fail("columns_per_adc", "pair sensing needs an even number of columns per ADC, got " + share);
      }
    }
    AdcSpec spec = new AdcSpec(bits, share, sensing, cost(a));
    a.finish();
    return spec;
  }
}
