package ancc.backends.cim;

import ancc.backends.Cost;
import ancc.backends.Cost.Action;
import ancc.backends.digital.DigitalCost;
import ancc.backends.digital.Tally;
import ancc.backends.target.CimParams;
import ancc.ir.chip.AdcSpec;
import ancc.ir.chip.BufferSpec;
import ancc.ir.chip.Chip;
import ancc.ir.chip.MemristorTile;
import ancc.ir.chip.Quantities.Time;
import ancc.ir.chip.SramTile;
import ancc.ir.graph.Module;
import ancc.ir.graph.TensorType;
import ancc.ir.program.TileKind;
import ancc.ir.program.WeightEncoding;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The CIM cost model, per inference at batch 1: the ledger's actions (docs/energy-model.md) of the
 * instructions {@link CimLowerer} emits for the node, without the transfers between tiles. With P
 * input vectors (conv output positions, or the rows of x), planes R per vector
 * ({@link CimParams#readsPerVector}) and code width c bytes: quantize (one element op per input
 * element, the im2col source for a conv); per array of inCount rows and C used columns: P x R
 * array reads at the array energy x (inCount / rows) x (C / cols), P x inCount x R DAC drives
 * (memristor), P x conversions(C) x R ADC conversions (none with exact readout), P x C x R
 * shift-adds when R > 1, the codes read from the buffer; shift_add: P x (C [+ inCount + outCount
 * with offset encoding]) ops, the accumulator written (and read when accumulating); then the
 * partial-sum combination when the layer spans tiles (the tile of each array in block order as
 * placed, or when not given, the arrays filling fresh tiles in order), dequantize, a non-per-channel bias and the conv output
 * transpose. Element ops on a CIM tile cost its shift-add energy.
 */
final class CimCost {
  private CimCost() {}

  static Cost estimate(MatrixNode mn, CimParams p, Chip chip, Module m, int[] arrayTiles) {
    CimTile tile = CimTile.of(chip, p.kind());
    BufferSpec buf = tile.buffer;
    int act = Tally.activationBytes(chip);
    Blocks blocks = Blocks.of(mn.outputs(), mn.inputsPerGroup(), mn.groups(), p.rows(), p.cols(),
        p.format().columnsPerOutput());
    long vectors = vectors(mn);
    long kx = mn.expandedInputs();
    long M = mn.outputs();
    boolean signed = InputSign.signed(mn.x(), m);
    int codeBytes = (p.inputBits() + (signed ? 1 : 0) + 7) / 8;
    long planes = p.readsPerVector(p.inputBits());
    AdcSpec adc = p.adcBits() > 0 ? p.adc().orElse(null) : null;
    Tally t = new Tally();
    Cycles cyc = new Cycles(chip, buf);

    // the input as [P, K] codes
    long xElems = DigitalCost.batchOneNumel(mn.x().type());
    long quantized = mn.conv() ? xElems : vectors * kx;
    if (!mn.conv() && mn.transposeX()) {
      t.read(buf, xElems * act);
      t.write(buf, xElems * act);
      cyc.whole(xElems * act, xElems * act, 0);
    }
    t.read(buf, quantized * act);
    t.add(Action.SHIFT_ADD, quantized, tile.elementPj);
    t.write(buf, quantized * codeBytes);
    cyc.whole(quantized * act, quantized * codeBytes, tile.elementCycles(quantized));

    // arrays: mvm + shift_add into each tile's accumulator
    int perTile = Math.max(1, p.arraysPerTile());
    if (arrayTiles != null && arrayTiles.length != blocks.blocks().size()) {
      throw new IllegalArgumentException(mn.node().describe() + ": " + arrayTiles.length + " array tiles given for "
          + blocks.blocks().size() + " arrays");
    }
    Set<String> written = new LinkedHashSet<>();
    Map<Integer, Set<Integer>> blockTiles = new LinkedHashMap<>();
    Map<Integer, Long> tileCycles = new LinkedHashMap<>();
    for (int a = 0; a < blocks.blocks().size(); a++) {
      Blocks.Block b = blocks.blocks().get(a);
      int tileIndex = arrayTiles == null ? a / perTile : arrayTiles[a];
      blockTiles.computeIfAbsent(b.columnBlock(), k -> new LinkedHashSet<>()).add(tileIndex);
      long cols = (long) b.outCount() * p.format().columnsPerOutput();
      double fraction = Math.min(1.0, (double) b.inCount() / p.rows()) * Math.min(1.0, (double) cols / p.cols());
      t.read(buf, vectors * b.inCount() * codeBytes);
      t.add(tile.arrayAction, vectors * planes, tile.arrayPj * fraction);
      if (p.kind() == TileKind.MEMRISTOR) {
        t.add(Action.DAC_DRIVE, vectors * b.inCount() * planes, tile.dacPj);
      }
      long conversionsPerRead = adc == null ? 0 : adc.conversions(cols);
      t.add(Action.ADC_CONVERSION, vectors * conversionsPerRead * planes, tile.adcPj);
      if (planes > 1) {
        t.add(Action.SHIFT_ADD, vectors * cols * planes, tile.elementPj);
      }
      long mvmCycles = cyc.pipeline(vectors, cyc.buffer(b.inCount() * codeBytes), planes * tile.readCycles,
          adc == null ? 0 : planes * adc.conversions(Math.min(adc.columnsPerAdc(), cols)) * tile.adcCycles,
          planes > 1 ? planes * tile.elementCycles(cols) : 0, 0);
      boolean offset = p.format().encoding() == WeightEncoding.OFFSET;
      boolean accumulate = !written.add(tileIndex + "/" + b.columnBlock());
      long ops = cols + (offset ? b.inCount() + b.outCount() : 0);
      long readBytes = (offset ? b.inCount() * codeBytes : 0) + (accumulate ? b.outCount() * 4L : 0);
      if (offset) {
        t.read(buf, vectors * b.inCount() * codeBytes);
      }
      if (accumulate) {
        t.read(buf, vectors * b.outCount() * 4L);
      }
      t.add(Action.SHIFT_ADD, vectors * ops, tile.elementPj);
      t.write(buf, vectors * b.outCount() * 4L);
      long saCycles = cyc.pipeline(vectors, cyc.buffer(readBytes), tile.elementCycles(ops),
          cyc.buffer(b.outCount() * 4L));
      tileCycles.merge(tileIndex, mvmCycles + saCycles, Long::sum);
    }
    long arrayCycles = tileCycles.values().stream().mapToLong(Long::longValue).max().orElse(0);

    // partial sums of a layer spread over tiles: slice on each tile, add on the home tile, concatenate
    if (tileCycles.size() > 1) {
      // (the first array's tile is the home tile: the others' pieces move to it)
      long accBytes = vectors * M * 4;
      // a slice reads only the elements it selects
      int parts = 0;
      for (Map.Entry<Integer, Set<Integer>> e : blockTiles.entrySet()) {
        Blocks.Block first = blocks.blocks().stream().filter(b -> b.columnBlock() == e.getKey()).findFirst()
            .orElseThrow();
        long piece = vectors * first.outCount() * 4L;
        int pieces = 0;
        for (int ignored : e.getValue()) {
          t.read(buf, piece);
          t.read(buf, 8);
          t.read(buf, 8);
          t.read(buf, 8);
          t.write(buf, piece);
          if (pieces++ > 0) {
            t.read(buf, piece);
            t.read(buf, piece);
            t.write(buf, piece);
            t.add(Action.SHIFT_ADD, vectors * first.outCount(), tile.elementPj);
          }
        }
        parts++;
      }
      if (parts > 1) {
        for (Map.Entry<Integer, Set<Integer>> e : blockTiles.entrySet()) {
          Blocks.Block first = blocks.blocks().stream().filter(b -> b.columnBlock() == e.getKey()).findFirst()
              .orElseThrow();
          t.read(buf, vectors * first.outCount() * 4L);
        }
        t.write(buf, accBytes);
      }
    }

    // dequantize (weight scales, input scale, per-channel bias), extra bias, conv transpose
    long out = vectors * M;
    boolean bias = mn.bias() != null;
    t.read(buf, out * 4);
    t.read(buf, M * act);
    if (bias) {
      t.read(buf, M * act);
    }
    t.add(Action.SHIFT_ADD, out * (bias ? 2 : 1), tile.elementPj);
    t.write(buf, out * act);
    long tail = cyc.pipeline(vectors, cyc.buffer(M * 4), tile.elementCycles(M * (bias ? 2 : 1)), cyc.buffer(M * act));
    if (mn.addConst() != null || mn.addValue() != null) {
      long c = mn.addConst() != null ? ancc.ir.graph.Tensor.numel(mn.addConst().shape()) : DigitalCost.batchOneNumel(mn.addValue().type());
      if (mn.addValue() != null && mn.addScale() != 1f) {
        t.read(buf, c * act);
        t.read(buf, act);
        t.write(buf, c * act);
        t.add(Action.SHIFT_ADD, c, tile.elementPj);
        cyc.whole(c * act, c * act, tile.elementCycles(c));
      }
      t.read(buf, out * act);
      t.read(buf, c * act);
      t.write(buf, out * act);
      t.add(Action.SHIFT_ADD, out, tile.elementPj);
      cyc.whole(out * act + c * act, out * act, tile.elementCycles(out));
    }
    if (mn.conv()) {
      t.read(buf, out * act);
      t.write(buf, out * act);
      cyc.whole(out * act, out * act, 0);
    }
    long cycles = cyc.total() + arrayCycles + tail;
    return t.cost(p.kind(), blocks.blocks().size(), cycles);
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

  /** The per-action energies and cycles of a chip's first CIM tile group of one kind. */
  private record CimTile(BufferSpec buffer, String arrayAction, double arrayPj, double dacPj, double adcPj,
      double elementPj, long readCycles, long adcCycles, long elementOpCycles, long lanes) {

    static CimTile of(Chip chip, TileKind kind) {
      double period = chip.clock().period().seconds();
      if (kind == TileKind.MEMRISTOR) {
        MemristorTile t = chip.memristor().orElseThrow();
        return new CimTile(t.buffer(), Action.CROSSBAR_READ, t.crossbar().cost().energy().pj(),
            t.dac().cost().energy().pj(), t.adc().cost().energy().pj(), t.shiftAdd().energy().pj(),
            cycles(t.dac().cost().latency().seconds() + t.crossbar().cost().latency().seconds(), period),
            cycles(t.adc().cost().latency(), period), cycles(t.shiftAdd().latency(), period), t.crossbar().cols());
      }
      SramTile t = chip.sram().orElseThrow();
      double adcPj = t.readoutAdc().map(a -> a.cost().energy().pj()).orElse(0.0);
      long adcCycles = t.readoutAdc().map(a -> cycles(a.cost().latency(), period)).orElse(0L);
      return new CimTile(t.buffer(), Action.MACRO_CYCLE, t.macro().cost().energy().pj(), 0, adcPj,
          t.shiftAdd().energy().pj(), cycles(t.macro().cost().latency(), period), adcCycles,
          cycles(t.shiftAdd().latency(), period), t.macro().cols());
    }

    long elementCycles(long ops) {
      return (ops + lanes - 1) / lanes * elementOpCycles;
    }

    private static long cycles(Time t, double period) {
      return cycles(t.seconds(), period);
    }

    private static long cycles(double seconds, double period) {
      return seconds <= 0 ? 0 : (long) Math.ceil(seconds / period - 1e-9);
    }
  }

  /** Latency bookkeeping with the timing model's pipeline rule (docs/energy-model.md, "Timing"). */
  private static final class Cycles {
    private final BufferSpec buf;
    private final long bufLatency;
    private long total;

    Cycles(Chip chip, BufferSpec buf) {
      this.buf = buf;
      double period = chip.clock().period().seconds();
      double s = buf.latency().seconds();
      this.bufLatency = s <= 0 ? 0 : (long) Math.ceil(s / period - 1e-9);
    }

    long buffer(long bytes) {
      return buf.accesses(bytes) * bufLatency;
    }

    /** A one-item instruction (read, compute, write), added to the total. */
    long whole(long readBytes, long writeBytes, long unitCycles) {
      long c = buffer(readBytes) + unitCycles + buffer(writeBytes);
      total += c;
      return c;
    }

    /** Duration of {@code items} items through stages of the given cycles per item (not added). */
    long pipeline(long items, long... stages) {
      long sum = 0;
      long max = 0;
      for (long s : stages) {
        sum += s;
        max = Math.max(max, s);
      }
      return items <= 0 ? 0 : sum + (items - 1) * max;
    }

    long total() {
      return total;
    }
  }
}
