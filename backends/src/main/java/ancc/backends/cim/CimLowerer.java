package ancc.backends.cim;

import ancc.backends.Fragment;
import ancc.backends.FragmentBuilder;
import ancc.backends.LoweringContext;
import ancc.backends.Placer.Slot;
import ancc.backends.mapping.AdcRange;
import ancc.backends.mapping.Calibration;
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
import com.google.common.hash.HashCode;
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
    String src = input(home);
    Mapped m = ctx.calibration().memo(new MemoKey(mn.node(), p, weightTensors()), () -> {
      InputQuant iq = inputQuant(ctx.calibration().range(mn.x()), p);
      QuantizedWeights qw = QuantizedWeights.quantize(mn.w(), mn.outputs(), mn.inputsPerGroup(), mn.groups(),
          p.format().weightBits());
      float[][] rows = CalibrationRows.of(mn, ctx.calibration().sample(mn.x()));
      return new Mapped(iq, qw, OnArrays.contents(p, ctx, layer, blocks, qw, iq, rows));
    });
    String acc = OnArrays.place(fb, p, ctx, home, slots, blocks, m.qw(), m.iq(), m.contents())
        .apply(src, layer, rowsDim);
    finish(home, acc, m.iq(), m.qw());
    return fb.build();
  }

  /**
   * What lowering a matrix node computes independently of where its arrays go: the input
   * quantizer, the quantized weights and each array's content. Mesh lowering lowers a model again
   * while it repairs buffer overflows (and scale-to-fit on larger chips), so this is computed once
   * per calibration ({@link ancc.backends.mapping.Calibration#memo}).
   */
  private record Mapped(InputQuant iq, QuantizedWeights qw, List<OnArrays.Content> contents) {}

  /**
   * Identifies a {@link Mapped}: the node and the constant tensors it reads (by identity, so a
   * module with other weights never shares it), and the tile design.
   */
  private record MemoKey(Identity node, CimParams params, List<Identity> constants) {
    MemoKey(ancc.ir.graph.Node node, CimParams params, List<Identity> constants) {
      this(new Identity(node), params, constants);
    }
  }

  /** Equality by reference. */
  private record Identity(Object ref) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Identity i && i.ref == ref;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(ref);
    }
  }

  private List<Identity> weightTensors() {
    List<Identity> out = new ArrayList<>();
    for (Value v : mn.node().inputs()) {
      Tensor c = v == null ? null : ctx.module().constant(v);
      out.add(new Identity(c));
    }
    return out;
  }

  /**
   * One weight matrix programmed on its arrays ({@link #program}), then applied to a [rows, K]
   * source as often as needed ({@link #apply}: a layer once, a recurrent matrix once per time
   * step): quantize the source on the home tile, per array mvm and shift_add into its tile's
   * [rows, M] accumulator, and when the arrays span tiles the partial sums sent home and
   * combined. The arrays are labelled {@code layer} (the node's output).
   */
  record OnArrays(FragmentBuilder fb, CimParams p, int home, Blocks blocks, List<Programmed> arrays, InputQuant iq,
      int outputs, int inputs) {

    /** One programmed array: its id, tile, the columns it uses, its column block and its ADC full scale. */
    record Programmed(int id, int tile, int columnsUsed, int columnBlock, float fullScale) {}

    /**
     * One array's content: its image (layout and cells, placed at tile 0 slot 0 until {@link
     * #place} puts it in its slot) and its ADC full scale.
     */
    record Content(ArrayImage image, float fullScale) {
      ArrayLayout layout() {
        return image.layout();
      }
    }

    /**
     * Programs the arrays of {@code qw} on {@code slots} (one per block), ADC ranges from the
     * calibration rows; {@code home} is the tile that quantizes the source and gets the result.
     */
    static OnArrays program(FragmentBuilder fb, CimParams p, LoweringContext ctx, String layer, int home,
        List<Slot> slots, Blocks blocks, QuantizedWeights qw, InputQuant iq, float[][] calibrationRows) {
      return place(fb, p, ctx, home, slots, blocks, qw, iq, contents(p, ctx, layer, blocks, qw, iq, calibrationRows));
    }

    /** The content of each block's array: layout, cells, and ADC full scale from the calibration rows. */
    static List<Content> contents(CimParams p, LoweringContext ctx, String layer, Blocks blocks, QuantizedWeights qw,
        InputQuant iq, float[][] calibrationRows) {
      long[][] codes = codes(iq, calibrationRows);
      HashCode codesHash = Calibration.hash(codes);
      int perRead = AdcRange.bitsPerRead(p.inputMode(), p.dacBits(), iq);
      // arrays are independent: computed in parallel, listed in block order
      return java.util.stream.IntStream.range(0, blocks.blocks().size()).parallel().mapToObj(i -> {
        Blocks.Block b = blocks.blocks().get(i);
        ArrayLayout layout = CellCodec.layout(layer, b.inStart(), b.inCount(), b.outStart(), b.outCount(), p.format());
        Tensor cells = CellCodec.encode(qw, layout, p.rows(), p.cols());
        float fs = p.adcBits() == 0
            ? (float) AdcRange.bound(b.inCount(), p.format().maxLevel(), perRead)
            : ctx.calibration().adcFullScale(layout, cells, p.format().maxLevel(), perRead, iq, codes, codesHash,
                pairSensing(p));
        return new Content(new ArrayImage(0, p.kind(), 0, 0, layout, cells), fs);
      }).toList();
    }

    /** The arrays of {@code contents} (one per block) programmed on {@code slots}. */
    static OnArrays place(FragmentBuilder fb, CimParams p, LoweringContext ctx, int home, List<Slot> slots,
        Blocks blocks, QuantizedWeights qw, InputQuant iq, List<Content> contents) {
      List<Programmed> arrays = new ArrayList<>();
      for (int a = 0; a < slots.size(); a++) {
        Slot slot = slots.get(a);
        Content c = contents.get(a);
        int id = ctx.newArrayId();
        fb.array(c.image().placed(id, slot.tile(), slot.slot()));
        arrays.add(new Programmed(id, slot.tile(), c.layout().columnsUsed(), blocks.blocks().get(a).columnBlock(),
            c.fullScale()));
      }
      return new OnArrays(fb, p, home, blocks, List.copyOf(arrays), iq, qw.outputs(),
          qw.expandedInputs());
    }

    /**
     * Emits the product of {@code src} [rows, K] on the home tile with the matrix; buffers are named
     * {@code prefix}.*; returns the accumulator [rows, M] on the home tile.
     */
    String apply(String src, String prefix, Dim rowsDim) {
      TensorType codesType = new TensorType(DType.I64, List.of(rowsDim, Dim.of(inputs)));
      String q = fb.buffer(prefix + ".q", home, codesType);
      fb.emit(home, new Instr.Quantize(src, q, iq.bits(), iq.signed(), iq.scale()));
      TensorType accType = TensorType.of(DType.F32).withDims(List.of(rowsDim, Dim.of(outputs)));
      Map<Integer, String> qOn = new LinkedHashMap<>();
      Map<Integer, String> accOn = new LinkedHashMap<>();
      Map<Integer, Set<Integer>> blockTiles = new LinkedHashMap<>();
      qOn.put(home, q);
      Set<String> written = new HashSet<>();
      for (int a = 0; a < arrays.size(); a++) {
        Programmed arr = arrays.get(a);
        int t = arr.tile();
        String qt = qOn.computeIfAbsent(t, tile -> {
          String name = prefix + ".q@t" + tile;
          fb.move(q, home, name, tile, codesType);
          return name;
        });
        String acc = accOn.computeIfAbsent(t, tile -> fb.buffer(tile == home ? prefix + ".acc" : prefix + ".acc@t" + tile,
            tile, accType));
        blockTiles.computeIfAbsent(arr.columnBlock(), k -> new java.util.LinkedHashSet<>()).add(t);
        String mvm = fb.buffer(prefix + ".mvm" + a, t,
            new TensorType(DType.F32, List.of(rowsDim, Dim.of(arr.columnsUsed()))));
        fb.emit(t, new Instr.Mvm(arr.id(), qt, mvm, p.inputMode(), iq.magnitudeBits(), p.adcBits(), arr.fullScale()));
        boolean accumulate = !written.add(t + "/" + arr.columnBlock());
        String inputSums = p.format().encoding() == WeightEncoding.OFFSET ? qt : null;
        fb.emit(t, new Instr.ShiftAdd(arr.id(), mvm, inputSums, acc, accumulate));
      }
      return accOn.size() == 1 && accOn.containsKey(home) ? accOn.get(home)
          : combine(prefix, rowsDim, blockTiles, accOn);
    }

    private static long[][] codes(InputQuant iq, float[][] rows) {
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
    private String combine(String prefix, Dim rowsDim, Map<Integer, Set<Integer>> blockTiles,
        Map<Integer, String> accOn) {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<Integer, Set<Integer>> e : blockTiles.entrySet()) {
        int cb = e.getKey();
        Blocks.Block first = blocks.blocks().stream().filter(b -> b.columnBlock() == cb).findFirst().orElseThrow();
        int lo = first.outStart();
        int hi = lo + first.outCount();
        TensorType pieceType = new TensorType(DType.F32, List.of(rowsDim, Dim.of(hi - lo)));
        String starts = fb.constant(prefix + ".b" + cb + ".starts", Tensor.vector(lo));
        String ends = fb.constant(prefix + ".b" + cb + ".ends", Tensor.vector(hi));
        String axes = fb.constant(prefix + ".b" + cb + ".axes", Tensor.vector(1));
        String sum = null;
        for (int t : e.getValue()) {
          String piece = digitalOn(fb, t, new Op.Slice(), prefix + ".b" + cb + "@t" + t, pieceType, accOn.get(t),
              starts, ends, axes);
          if (t != home) {
            String there = prefix + ".b" + cb + ".from" + t;
            fb.move(piece, t, there, home, pieceType);
            piece = there;
          }
          sum = sum == null ? piece
              : digitalOn(fb, home, new Op.Binary(Op.BinaryOp.ADD), prefix + ".b" + cb + ".sum" + t, pieceType, sum,
                  piece);
        }
        parts.add(sum);
      }
      if (parts.size() == 1) {
        return parts.get(0);
      }
      TensorType all = new TensorType(DType.F32, List.of(rowsDim, Dim.of(outputs)));
      return digitalOn(fb, home, new Op.Concat(1), prefix + ".acc_all", all, parts.toArray(new String[0]));
    }
  }

  /** The input quantizer of a calibrated range {min, max}: unsigned codes, or one more bit for the sign. */
  static InputQuant inputQuant(double[] range, CimParams p) {
    boolean signed = range[0] < 0;
    return InputQuant.fromRange(range[0], range[1], p.inputBits() + (signed ? 1 : 0));
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
    } else if (reshapeOut && runtimeLeadingDims()) {
      // [rows, n] back to x's leading dims (several symbolic, e.g. [N,S]) + [n]: the shape is read off x at run time
      int rank = out.type().rank();
      String x = fb.fetch(mn.x(), home);
      String lead = digital(home, new Op.Shape(0, rank - 1), layer + ".lead_shape",
          TensorType.of(DType.I64, rank - 1), x);
      String cols = fb.constant(layer + ".out_cols", Tensor.vector(mn.outputs()));
      String shape = digital(home, new Op.Concat(0), layer + ".out_shape", TensorType.of(DType.I64, rank), lead, cols);
      digital(home, new Op.Reshape(false), out.name(), out.type(), cur, shape);
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

  /** Whether the output has several non-fixed dims, all leading dims of x (a [N,S,K] x [K,E] product). */
  private boolean runtimeLeadingDims() {
    TensorType xt = mn.x().type();
    TensorType yt = mn.node().output().type();
    if (mn.conv() || mn.transposeX() || xt.rank() != yt.rank()
        || yt.dims().stream().filter(d -> !d.isFixed()).count() < 2) {
      return false;
    }
    return yt.dim(yt.rank() - 1).isFixed();
  }

  private String digital(int tile, Op op, String dst, TensorType type, String... ins) {
    return digitalOn(fb, tile, op, dst, type, ins);
  }

  /** One {@code digital} instruction on {@code tile} writing the new buffer {@code dst}. */
  static String digitalOn(FragmentBuilder fb, int tile, Op op, String dst, TensorType type, String... ins) {
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
  static boolean pairSensing(CimParams p) {
    return p.format().encoding() == WeightEncoding.DIFFERENTIAL
        && p.adc().map(a -> a.sensing() == AdcSpec.Sensing.PAIR).orElse(false);
  }
}
