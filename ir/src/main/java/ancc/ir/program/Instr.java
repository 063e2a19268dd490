package ancc.ir.program;

import ancc.ir.graph.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The closed instruction set of the crossbar mapping program. Operands name {@link Buffer}s of
 * the executing tile (or, where said, program constants). Instructions work on whole batches of
 * vectors at once (e.g. an MVM applies one array to every row of its source buffer), which is
 * how the simulator computes numerics in batches; the simulator derives the cycles each takes
 * from the chip description. docs/isa.md is the reference: operands, semantics, resources and
 * the energy actions counted.
 */
public sealed interface Instr {

  /** Mnemonic in the program text. */
  String name();

  /** Names of the buffers or constants this instruction reads. */
  List<String> reads();

  /** Names of the buffers this instruction writes. */
  List<String> writes();

  /**
   * Calls the method of {@code v} for this instruction's record with {@code c}, and returns its
   * result. Every record implements it as {@code v.visit(this, c)}.
   */
  <R, C> R accept(Visitor<R, C> v, C c);

  /**
   * One method per instruction record: the way to dispatch over the closed instruction set. A
   * dispatcher implements every method (there is deliberately no adapter with defaults), so adding
   * an instruction and its method here fails to compile until every dispatcher handles it
   * (docs/contributing.md, "Adding an instruction"). {@code C} is a context the caller passes
   * through {@link Instr#accept}; dispatchers that need none use {@code Void} and pass null.
   *
   * @param <R> the result of a visit
   * @param <C> the context passed to each visit
   */
  interface Visitor<R, C> {
    R visit(Load in, C c);

    R visit(Store in, C c);

    R visit(Send in, C c);

    R visit(Recv in, C c);

    R visit(Im2col in, C c);

    R visit(Quantize in, C c);

    R visit(Mvm in, C c);

    R visit(ShiftAdd in, C c);

    R visit(Dequantize in, C c);

    R visit(Digital in, C c);

    R visit(Barrier in, C c);
  }

  /** Copy graph input {@code input} (from the host) into buffer dst. */
  record Load(String dst, String input) implements Instr {
    public String name() { return "load"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public List<String> reads() { return List.of(); }

    public List<String> writes() { return List.of(dst); }
  }

  /** Copy buffer src to graph output {@code output} (to the host). */
  record Store(String src, String output) implements Instr {
    public String name() { return "store"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public List<String> reads() { return List.of(src); }

    public List<String> writes() { return List.of(); }
  }

  /**
   * Send buffer src over the mesh to buffer dst on tile {@code toTile}, along {@code route}: the
   * tile ids visited, from this tile to toTile inclusive (hops = route.size() - 1).
   */
  record Send(String src, int toTile, String dst, List<Long> route) implements Instr {
    public Send {
      route = List.copyOf(route);
    }

    public String name() { return "send"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public List<String> reads() { return List.of(src); }

    public List<String> writes() { return List.of(); }
  }

  /** Wait until buffer dst has arrived from tile {@code fromTile}. */
  record Recv(String dst, int fromTile) implements Instr {
    public String name() { return "recv"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public List<String> reads() { return List.of(); }

    public List<String> writes() { return List.of(dst); }
  }

  /**
   * Unroll convolution windows: src [N, C, spatial...] -> dst [N * P, C * prod(kernel)] with P
   * the number of output positions, rows in (n, output position) order and columns in (c,
   * kernel offsets) order, zero padding outside the input.
   *
   * <p>{@code rowTile} R > 0 says the hardware streams the convolution by row tiles: src arrives
   * through a line buffer of (k_h - 1) * dilation_h + 1 + (R - 1) * stride_h input rows and the
   * chain after the im2col (quantize, mvm, shift_add, dequantize and the layout back to the map)
   * holds R output rows of the first spatial axis at a time. 0 means the whole tensor at once.
   * The numerics do not depend on R (every op of the chain is row-independent); buffer sizing
   * and timing do (docs/isa.md, "im2col").
   */
  record Im2col(String src, String dst, List<Long> kernelShape, List<Long> strides, List<Long> pads,
      List<Long> dilations, long rowTile) implements Instr {
    public Im2col {
      kernelShape = List.copyOf(kernelShape);
      strides = List.copyOf(strides);
      pads = List.copyOf(pads);
      dilations = List.copyOf(dilations);
    }

    /** An im2col over the whole tensor at once (row tile 0). */
    public Im2col(String src, String dst, List<Long> kernelShape, List<Long> strides, List<Long> pads,
        List<Long> dilations) {
      this(src, dst, kernelShape, strides, pads, dilations, 0L);
    }

    /** Input rows (first spatial axis) the line buffer holds for a row tile of {@code r} output rows. */
    public long lineRows(long r) {
      return (kernelShape.get(0) - 1) * dilations.get(0) + 1 + (r - 1) * strides.get(0);
    }

    public String name() { return "im2col"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public List<String> reads() { return List.of(src); }

    public List<String> writes() { return List.of(dst); }
  }

  /**
   * dst = clamp(round_half_even(src / scale), lo, hi) as integers, with [lo, hi] = [-2^(bits-1)+1,
   * 2^(bits-1)-1] when signed, else [0, 2^bits - 1]. The input quantizer in front of DACs. The
   * division is done in float32 (src / scale, one rounding), and a NaN input gives 0.
   */
  record Quantize(String src, String dst, long bits, boolean signed, float scale) implements Instr {
    public String name() { return "quantize"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public List<String> reads() { return List.of(src); }

    public List<String> writes() { return List.of(dst); }
  }

  /** How an MVM drives the array rows. */
  enum InputMode {
    /** One input bit per read, 1-bit DAC; results of the bit planes are shift-added. */
    BIT_SERIAL,
    /** All input bits at once through multi-bit DACs. */
    MULTI_BIT
  }

  /**
   * Matrix-vector products on array {@code array} for every row of src (integer inputs [P, K] of
   * the whole layer; the array reads columns inStart .. inStart + inCount of each row): dst[P,
   * columnsUsed] receives the per-column results after the ADC. Counts DAC drives, array reads
   * (one per input bit plane for BIT_SERIAL), ADC conversions and, for BIT_SERIAL, the
   * shift-adds of bit planes. adcBits = 0 means exact digital readout (SRAM-CIM digital macros);
   * otherwise the ADC maps [-adcFullScale, adcFullScale] (in units of level x input code per
   * bit plane) onto its codes, clipping outside.
   *
   * <p>Precisely (docs/isa.md): input codes x must satisfy |x| <= 2^inputBits - 1 and drive the
   * rows in sign-magnitude form, in slices of D bits: D = 1 for BIT_SERIAL (a 1-bit DAC pulse with
   * the input's polarity), D = the chip's DAC bits for MULTI_BIT. Read j = 0 .. ceil(inputBits /
   * D) - 1 drives row r with sign(x) * ((|x| >> jD) mod 2^D); with D >= inputBits, MULTI_BIT is one
   * read driving x itself. Per read, column c gives v_j = sum_r drive[r] * g[r][c], g the cell's
   * level (ideally exactly the programmed level). With adcBits = A >= 2, Q = 2^(A-1) - 1 and step
   * d = adcFullScale / Q, the ADC returns d * clamp(round_half_even(v / d), -Q, Q); A = 1 is not
   * allowed. dst[p][c] = sum_j 2^(jD) * ADC(v_j). SRAM macros are bit-serial: on SRAM tiles the
   * mode is BIT_SERIAL.
   */
  record Mvm(long array, String src, String dst, InputMode mode, long inputBits, long adcBits, float adcFullScale)
      implements Instr {
    public String name() { return "mvm"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public List<String> reads() { return List.of(src); }

    public List<String> writes() { return List.of(dst); }
  }

  /**
   * Recombine the per-column results in src [P, columnsUsed] of array {@code array} into integer
   * partial sums per output channel (slices and signs per the array's layout; for OFFSET
   * encoding, subtracting 2^(weightBits-1) x the sum of the array's inputs, read from
   * {@code inputs}), and add them into dst[P, outStart .. outStart + outCount) of the layer's
   * [P, M] accumulator (dst starts at zero when {@code accumulate} is false and this is the
   * first write of that range). That is: with accumulate false the partial sums overwrite dst's
   * column range outStart .. outStart + outCount (the first row block of a layer), with accumulate
   * true they are added to what the range holds (later row blocks); other columns are untouched.
   */
  record ShiftAdd(long array, String src, String inputs, String dst, boolean accumulate) implements Instr {
    public String name() { return "shift_add"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public List<String> reads() {
      List<String> r = new ArrayList<>();
      r.add(src);
      if (inputs != null) {
        r.add(inputs);
      }
      if (accumulate) {
        r.add(dst);
      }
      return r;
    }

    public List<String> writes() { return List.of(dst); }
  }

  /**
   * dst[p, n] = src[p, n] * inputScale * scale[n] + bias[n]: back from integer accumulators to
   * real values. scale and bias are program constants of shape [M]; bias may be absent (null).
   */
  record Dequantize(String src, String dst, float inputScale, String scale, String bias) implements Instr {
    public String name() { return "dequantize"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public List<String> reads() {
      List<String> r = new ArrayList<>(List.of(src, scale));
      if (bias != null) {
        r.add(bias);
      }
      return r;
    }

    public List<String> writes() { return List.of(dst); }
  }

  /**
   * A graph IR op computed by the tile's digital units (the vector ALU, or the MAC array for
   * conv, matmul, gemm and linear), with the semantics of the reference interpreter. Inputs name
   * buffers or program constants (null for an absent optional input); outputs name buffers.
   * MAC-array ops (conv, conv_transpose, gemm, matmul, linear) run only on digital tiles; on
   * memristor and SRAM tiles the other ops use the tile's digital periphery (docs/isa.md).
   */
  record Digital(Op op, List<String> inputs, List<String> outputs) implements Instr {
    public Digital {
      Objects.requireNonNull(op, "op");
      inputs = java.util.Collections.unmodifiableList(new ArrayList<>(inputs));
      outputs = List.copyOf(outputs);
    }

    public String name() { return "digital"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public List<String> reads() { return inputs.stream().filter(Objects::nonNull).toList(); }

    public List<String> writes() { return outputs; }
  }

  /** Wait until every tile has reached its barrier with the same id. */
  record Barrier(long id) implements Instr {
    public String name() { return "barrier"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public List<String> reads() { return List.of(); }

    public List<String> writes() { return List.of(); }
  }
}
