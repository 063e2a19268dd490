package ancc.backends.cim;

import ancc.backends.Fragment;
import ancc.backends.FragmentBuilder;
import ancc.backends.LoweringContext;
import ancc.backends.Placer.Slot;
import ancc.backends.mapping.AdcRange;
import ancc.backends.mapping.CellCodec;
import ancc.backends.mapping.InputQuant;
import ancc.backends.mapping.QuantizedWeights;
import ancc.backends.target.CimParams;
import ancc.ir.chip.AdcSpec;
import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.ArrayLayout;
import ancc.ir.program.Instr;
import ancc.ir.program.WeightEncoding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Emits a matrix node on CIM arrays. On the home tile (the first array's): im2col (conv) or the
 * [rows, K] view of x, then quantize. On every tile holding arrays of the layer: per array mvm
 * then shift_add into the tile's [rows, M] accumulator (row blocks of one column block
 * accumulate). When the layer spans tiles, each column block's partial sums are sliced out on
 * their tiles, sent home, added and concatenated. Then dequantize (weight scales, input scale,
 * per-channel bias), any non-per-channel bias, and for a conv the [N*P, M] -> [N, M, spatial]
 * reshape and transpose.
 */
final class CimLowerer {
  /**
   * Output rows a convolution streams at a time (the im2col's row tile, docs/mapping.md,
   * "Streaming convolutions"): one row, as ISAAC's and PUMA's tiles do. A row already gives the
   * arrays W_out input vectors back to back, which keeps them busy, and holds the least.
   */
  static final long ROW_TILE = 1;

  private final MatrixNode mn;
  private final CimParams p;
  private final LoweringContext ctx;
  private final FragmentBuilder fb;
  private final String layer;
  private final Dim rowsDim;

  private CimLowerer(MatrixNode mn, CimParams p, LoweringContext ctx) {
    this.mn = mn;
    this.p = p;
    this.ctx = ctx;
    this.fb = new FragmentBuilder(ctx);
    this.layer = mn.node().output().name();
    this.rowsDim = rowsDim(mn);
  }

  static Fragment lower(MatrixNode mn, CimParams p, LoweringContext ctx) {
    return new CimLowerer(mn, p, ctx).run();
  }

  private Fragment run() {
    Blocks blocks = Blocks.of(mn.outputs(), mn.inputsPerGroup(), mn.groups(), p.rows(), p.cols(),
        p.format().columnsPerOutput());
    List<Slot> slots = ctx.placer().placeArrays(p.kind(), blocks.blocks().size(), layer);
    int home = slots.get(0).tile();
    int kx = mn.expandedInputs();
    String src = input(home);
    double[] range = ctx.calibration().range(mn.x());
    boolean signed = range[0] < 0;
    InputQuant iq = InputQuant.fromRange(range[0], range[1], p.inputBits() + (signed ? 1 : 0));
    String q = fb.buffer(layer + ".q", home, new TensorType(DType.I64, List.of(rowsDim, Dim.of(kx))));
    fb.emit(home, new Instr.Quantize(src, q, iq.bits(), iq.signed(), iq.scale()));
    long[][] codes = codes(iq);
    int perRead = AdcRange.bitsPerRead(p.inputMode(), p.dacBits(), iq);

    QuantizedWeights qw = QuantizedWeights.quantize(mn.w(), mn.outputs(), mn.inputsPerGroup(), mn.groups(),
        p.format().weightBits());
    TensorType accType = TensorType.of(DType.F32).withDims(List.of(rowsDim, Dim.of(mn.outputs())));
    Map<Integer, String> qOn = new LinkedHashMap<>();
    Map<Integer, String> accOn = new LinkedHashMap<>();
    Map<Integer, Set<Integer>> blockTiles = new LinkedHashMap<>();
    qOn.put(home, q);
    Set<String> written = new HashSet<>();
    for (int a = 0; a < slots.size(); a++) {
      Slot slot = slots.get(a);
      Blocks.Block b = blocks.blocks().get(a);
      int t = slot.tile();
      String qt = qOn.computeIfAbsent(t, tile -> {
        String name = layer + ".q@t" + tile;
        fb.move(q, home, name, tile, new TensorType(DType.I64, List.of(rowsDim, Dim.of(kx))));
        return name;
      });
      String acc = accOn.computeIfAbsent(t, tile -> fb.buffer(tile == home ? layer + ".acc" : layer + ".acc@t" + tile,
          tile, accType));
      blockTiles.computeIfAbsent(b.columnBlock(), k -> new java.util.LinkedHashSet<>()).add(t);
      ArrayLayout layout = CellCodec.layout(layer, b.inStart(), b.inCount(), b.outStart(), b.outCount(), p.format());
      Tensor cells = CellCodec.encode(qw, layout, p.rows(), p.cols());
      float fs = p.adcBits() == 0
          ? (float) AdcRange.bound(b.inCount(), p.format().maxLevel(), perRead)
          : AdcRange.fullScale(layout, cells, p.format().maxLevel(), perRead, iq, codes, pairSensing(p));
      int id = ctx.newArrayId();
      fb.array(new ArrayImage(id, p.kind(), t, slot.slot(), layout, cells));
      String mvm = fb.buffer(layer + ".mvm" + a, t,
          new TensorType(DType.F32, List.of(rowsDim, Dim.of(layout.columnsUsed()))));
      fb.emit(t, new Instr.Mvm(id, qt, mvm, p.inputMode(), iq.magnitudeBits(), p.adcBits(), fs));
      boolean accumulate = !written.add(t + "/" + b.columnBlock());
      String inputs = p.format().encoding() == WeightEncoding.OFFSET ? qt : null;
      fb.emit(t, new Instr.ShiftAdd(id, mvm, inputs, acc, accumulate));
    }
    String acc = accOn.size() == 1 ? accOn.get(home) : combine(home, blocks, blockTiles, accOn);
    finish(home, acc, iq, qw);
    return fb.build();
  }

  /** x as the [rows, K] (or im2col) matrix on the home tile. */
  private String input(int home) {
    String x = fb.fetch(mn.x(), home);
    int kx = mn.expandedInputs();
    TensorType rowsType = new TensorType(DType.F32, List.of(rowsDim, Dim.of(kx)));
    if (mn.conv()) {
      String cols = fb.buffer(layer + ".cols", home, rowsType);
      fb.emit(home, new Instr.Im2col(x, cols, mn.kernel(), mn.strides(), mn.pads(), mn.dilations(), ROW_TILE));
      return cols;
    }
    TensorType xt = mn.x().type();
    String cur = x;
    if (mn.transposeX()) {
      cur = digital(home, new Op.Transpose(List.of(1L, 0L)), layer + ".xt", rowsType, cur);
    } else if (xt.rank() != 2) {
      String shape = fb.constant(layer + ".in_shape", Tensor.vector(-1, kx));
      cur = digital(home, new Op.Reshape(false), layer + ".x2d", rowsType, cur, shape);
    }
    return cur;
  }

  private long[][] codes(InputQuant iq) {
    float[][] rows = CalibrationRows.of(mn, ctx.calibration().sample(mn.x()));
    long[][] codes = new long[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      codes[i] = new long[rows[i].length];
      for (int j = 0; j < rows[i].length; j++) {
        codes[i][j] = iq.quantize(rows[i][j]);
      }
    }
    return codes;
  }

  /** Sums each column block's partial sums over its tiles on the home tile, then concatenates the blocks. */
  private String combine(int home, Blocks blocks, Map<Integer, Set<Integer>> blockTiles, Map<Integer, String> accOn) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<Integer, Set<Integer>> e : blockTiles.entrySet()) {
      int cb = e.getKey();
      Blocks.Block first = blocks.blocks().stream().filter(b -> b.columnBlock() == cb).findFirst().orElseThrow();
      int lo = first.outStart();
      int hi = lo + first.outCount();
      TensorType pieceType = new TensorType(DType.F32, List.of(rowsDim, Dim.of(hi - lo)));
      String starts = fb.constant(layer + ".b" + cb + ".starts", Tensor.vector(lo));
      String ends = fb.constant(layer + ".b" + cb + ".ends", Tensor.vector(hi));
      String axes = fb.constant(layer + ".b" + cb + ".axes", Tensor.vector(1));
      String sum = null;
      for (int t : e.getValue()) {
        String piece = digitalOn(t, new Op.Slice(), layer + ".b" + cb + "@t" + t, pieceType, accOn.get(t), starts,
            ends, axes);
        if (t != home) {
          String there = layer + ".b" + cb + ".from" + t;
          fb.move(piece, t, there, home, pieceType);
          piece = there;
        }
        sum = sum == null ? piece
            : digital(home, new Op.Binary(Op.BinaryOp.ADD), layer + ".b" + cb + ".sum" + t, pieceType, sum, piece);
      }
      parts.add(sum);
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    TensorType all = new TensorType(DType.F32, List.of(rowsDim, Dim.of(mn.outputs())));
    return digital(home, new Op.Concat(1), layer + ".acc_all", all, parts.toArray(new String[0]));
  }

  private void finish(int home, String acc, InputQuant iq, QuantizedWeights qw) {
    Value out = mn.node().output();
    TensorType flat = new TensorType(DType.F32, List.of(rowsDim, Dim.of(mn.outputs())));
    boolean reshapeOut = mn.conv() || out.type().rank() != 2;
    boolean extra = mn.addConst() != null || mn.addValue() != null;
    String scale = fb.constant(layer + ".w_scale", Tensor.ofFloats(new long[] {mn.outputs()}, qw.scales().clone()));
    String bias = mn.bias() == null ? null
        : fb.constant(layer + ".bias", Tensor.ofFloats(new long[] {mn.outputs()}, mn.bias().clone()));
    String deq = !reshapeOut && !extra ? out.name() : layer + ".deq";
    fb.buffer(deq, home, !reshapeOut && !extra ? out.type() : flat);
    fb.emit(home, new Instr.Dequantize(acc, deq, iq.scale(), scale, bias));
    String cur = deq;
    if (extra) {
      String c;
      if (mn.addConst() != null) {
        c = fb.constant(layer + ".c", mn.addConst());
      } else {
        c = fb.fetch(mn.addValue(), home);
        if (mn.addScale() != 1f) {
          String beta = fb.constant(layer + ".beta", Tensor.scalar(mn.addScale()));
          c = digital(home, new Op.Binary(Op.BinaryOp.MUL), layer + ".c_scaled", mn.addValue().type(), c, beta);
        }
      }
      String name = reshapeOut ? layer + ".biased" : out.name();
      cur = digital(home, new Op.Binary(Op.BinaryOp.ADD), name, reshapeOut ? flat : out.type(), cur, c);
    }
    if (mn.conv()) {
      int sr = mn.spatialRank();
      long[] shape = new long[sr + 2];
      shape[0] = -1;
      List<Dim> nhwc = new ArrayList<>();
      nhwc.add(out.type().dim(0));
      for (int i = 0; i < sr; i++) {
        shape[1 + i] = out.type().dim(2 + i).size();
        nhwc.add(out.type().dim(2 + i));
      }
      shape[sr + 1] = mn.outputs();
      nhwc.add(Dim.of(mn.outputs()));
      String shapeConst = fb.constant(layer + ".nhwc_shape", Tensor.vector(shape));
      String nhwcBuf = digital(home, new Op.Reshape(false), layer + ".nhwc", new TensorType(DType.F32, nhwc), cur,
          shapeConst);
      List<Long> perm = new ArrayList<>();
      perm.add(0L);
      perm.add((long) sr + 1);
      for (int i = 1; i <= sr; i++) {
        perm.add((long) i);
      }
      digital(home, new Op.Transpose(perm), out.name(), out.type(), nhwcBuf);
    } else if (reshapeOut) {
      long[] shape = new long[out.type().rank()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = out.type().dim(i).isFixed() ? out.type().dim(i).size() : -1;
      }
      String shapeConst = fb.constant(layer + ".out_shape", Tensor.vector(shape));
      digital(home, new Op.Reshape(false), out.name(), out.type(), cur, shapeConst);
    }
    fb.define(out, home, out.name());
  }

  private String digital(int tile, Op op, String dst, TensorType type, String... ins) {
    return digitalOn(tile, op, dst, type, ins);
  }

  private String digitalOn(int tile, Op op, String dst, TensorType type, String... ins) {
    fb.buffer(dst, tile, type);
    fb.emit(tile, new Instr.Digital(op, Arrays.asList(ins), List.of(dst)));
    return dst;
  }

  /** Rows of the expanded input: N x output positions for a conv, the product of x's leading dims otherwise. */
  static Dim rowsDim(MatrixNode mn) {
    TensorType xt = mn.x().type();
    long rows = 1;
    if (mn.conv()) {
      TensorType yt = mn.node().output().type();
      for (int i = 0; i < yt.rank(); i++) {
        if (i == 1) {
          continue;
        }
        if (!yt.dim(i).isFixed()) {
          return Dim.UNKNOWN;
        }
        rows *= yt.dim(i).size();
      }
      return Dim.of(rows);
    }
    if (xt.rank() == 2 && !mn.transposeX()) {
      return xt.dim(0);
    }
    for (int i = 0; i < xt.rank(); i++) {
      boolean kDim = mn.transposeX() ? i == 0 : i == xt.rank() - 1;
      if (kDim) {
        continue;
      }
      if (!xt.dim(i).isFixed()) {
        return Dim.UNKNOWN;
      }
      rows *= xt.dim(i).size();
    }
    return Dim.of(rows);
  }

  /** Whether the ADCs of p's arrays convert G+/G- pair differences (pair sensing, differential layout). */
  private static boolean pairSensing(CimParams p) {
    return p.format().encoding() == WeightEncoding.DIFFERENTIAL
        && p.adc().map(a -> a.sensing() == AdcSpec.Sensing.PAIR).orElse(false);
  }
}
