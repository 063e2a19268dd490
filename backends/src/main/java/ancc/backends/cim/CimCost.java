package ancc.backends.cim;

import ancc.backends.Cost;
import ancc.backends.Cost.Action;
import ancc.backends.digital.DigitalCost;
import ancc.backends.target.CimParams;
import ancc.ir.chip.AdcSpec;
import ancc.ir.chip.BufferSpec;
import ancc.ir.chip.Chip;
import ancc.ir.chip.MemristorTile;
import ancc.ir.chip.SramTile;
import ancc.ir.graph.TensorType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CIM cost model, per inference at batch 1. With V input vectors (conv output positions, or x rows) and R reads per vector
 * ({@link CimParams#readsPerVector}), each array of inCount rows and c used columns counts per
 * vector: R array reads, inCount x R DAC drives (memristor only), conversions(c) x R ADC
 * conversions (none with SRAM digital readout) and c x R shift-adds. Digital work of the layer
 * (quantize V x K, dequantize and bias 2 x V x M) counts as vector ops at the digital tile's
 * vector energy (the shift-add energy on chips without digital tiles). Arrays of a layer run in
 * parallel, so latency is V x R x (array read + conversions per ADC x ADC latency + shift-add)
 * plus the vector ops over the vector width plus buffer accesses. ADC k serves the adjacent
 * physical columns [k x columnsPerAdc, (k+1) x columnsPerAdc), so the busiest ADC converts
 * conversions(min(columnsPerAdc, used columns)) times per read.
 */
final class CimCost {
  private CimCost() {}

  static Cost estimate(MatrixNode mn, CimParams p, Chip chip) {
    Blocks blocks = Blocks.of(mn.outputs(), mn.inputsPerGroup(), mn.groups(), p.rows(), p.cols(),
        p.format().columnsPerOutput());
    long vectors = vectors(mn);
    int reads = p.readsPerVector(p.inputBits());
    long dac = 0;
    long conv = 0;
    long sa = 0;
    long arrayReads = 0;
    long maxConvPerRead = 0;
    AdcSpec adc = p.adc().orElse(null);
    for (Blocks.Block b : blocks.blocks()) {
      long cols = (long) b.outCount() * p.format().columnsPerOutput();
      arrayReads += reads;
      dac += p.kind() == ancc.ir.program.TileKind.MEMRISTOR ? (long) b.inCount() * reads : 0;
      long c = adc == null ? 0 : adc.conversions(cols);
      conv += c * reads;
      sa += cols * reads;
      if (adc != null) {
        maxConvPerRead = Math.max(maxConvPerRead, adc.conversions(Math.min(adc.columnsPerAdc(), cols)));
      }
    }
    long kx = mn.expandedInputs();
    long vec = vectors * (kx + 2L * mn.outputs());
    long bytes = 4 * DigitalCost.batchOneNumel(mn.x().type()) + vectors * kx * 5 + vectors * mn.outputs() * 8L;
    Map<String, Long> actions = new LinkedHashMap<>();
    actions.put(Action.DAC_DRIVE, dac * vectors);
    actions.put(Action.ARRAY_READ, arrayReads * vectors);
    actions.put(Action.ADC_CONVERSION, conv * vectors);
    actions.put(Action.SHIFT_ADD, sa * vectors);
    actions.put(Action.VECTOR_OP, vec);
    actions.put(Action.BUFFER_BYTE, bytes);

    double vecPj;
    double vecSeconds;
    int width;
    double readPj;
    double readSeconds;
    double dacPj;
    double saPj;
    double saSeconds;
    BufferSpec buffer;
    if (p.kind() == ancc.ir.program.TileKind.MEMRISTOR) {
      MemristorTile t = chip.memristor().orElseThrow();
      readPj = t.crossbar().cost().energy().pj();
      readSeconds = t.crossbar().cost().latency().seconds();
      dacPj = t.dac().cost().energy().pj();
      saPj = t.shiftAdd().energy().pj();
      saSeconds = t.shiftAdd().latency().seconds();
      buffer = t.buffer();
    } else {
      SramTile t = chip.sram().orElseThrow();
      readPj = t.macro().cost().energy().pj();
      readSeconds = t.macro().cost().latency().seconds();
      dacPj = 0;
      saPj = t.shiftAdd().energy().pj();
      saSeconds = t.shiftAdd().latency().seconds();
      buffer = t.buffer();
    }
    if (chip.digital().isPresent()) {
      vecPj = chip.digital().get().vector().energy().pj();
      vecSeconds = chip.digital().get().vector().latency().seconds();
      width = chip.digital().get().vectorWidth();
    } else {
      vecPj = saPj;
      vecSeconds = saSeconds;
      width = 1;
    }
    double adcPj = adc == null ? 0 : adc.cost().energy().pj();
    double adcSeconds = adc == null ? 0 : adc.cost().latency().seconds();
    double pj = arrayReads * vectors * readPj + dac * vectors * dacPj + conv * vectors * adcPj + sa * vectors * saPj
        + vec * vecPj + DigitalCost.bufferPj(buffer, bytes);
    double seconds = (double) vectors * reads * (readSeconds + maxConvPerRead * adcSeconds + saSeconds)
        + Math.ceil((double) vec / width) * vecSeconds + buffer.accesses(bytes) * buffer.latency().seconds();
    return new Cost(p.kind(), blocks.blocks().size(), actions, pj, DigitalCost.cycles(chip, seconds));
  }

  /** Input vectors per inference: conv output positions, or the rows of x at batch 1. */
  static long vectors(MatrixNode mn) {
    if (mn.conv()) {
      TensorType y = mn.node().output().type();
      long v = 1;
      for (int i = 2; i < y.rank(); i++) {
        v *= y.dim(i).size();
      }
      return v;
    }
    TensorType x = mn.x().type();
    long v = 1;
    for (int i = 0; i < x.rank(); i++) {
      boolean kDim = mn.transposeX() ? i == 0 : i == x.rank() - 1;
      if (!kDim && x.dim(i).isFixed() && i > 0) {
        v *= x.dim(i).size();
      }
    }
    return v;
  }
}
