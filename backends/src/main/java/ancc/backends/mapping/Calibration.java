package ancc.backends.mapping;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import ancc.ir.program.ArrayLayout;
import ancc.runtime.interp.Interpreter;
import com.google.common.hash.HashCode;
import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Activation ranges from running the FP32 reference interpreter on a calibration batch: per
 * floating value its min and max, and for the data inputs of array-mappable nodes (conv, linear,
 * gemm, matmul) the tensor itself, from which input quantizers and ADC ranges are derived.
 */
public final class Calibration {
  private final Map<Value, double[]> ranges;
  private final Map<Value, Tensor> samples;
  /** ADC full scales already computed with this calibration, by array content (see {@link #adcFullScale}). */
  private final Map<FullScaleKey, Float> fullScales;
  /** Placement-independent results of lowering a node with this calibration (see {@link #memo}); null: none kept. */
  private final Map<Object, Object> memo;

  /** What an ADC full scale depends on: the array's layout and cells, the read, and the calibration codes. */
  private record FullScaleKey(ArrayLayout layout, long maxLevel, int bitsPerRead, InputQuant in, boolean pairs,
      HashCode cells, HashCode codes) {}

  private Calibration(Map<Value, double[]> ranges, Map<Value, Tensor> samples) {
    this.ranges = ranges;
    this.samples = samples;
    this.fullScales = new ConcurrentHashMap<>();
    this.memo = null;
  }

  private Calibration(Calibration base) {
    this.ranges = base.ranges;
    this.samples = base.samples;
    this.fullScales = base.fullScales; // shared: full scales are small and outlive the rounds
    this.memo = new ConcurrentHashMap<>();
  }

  /**
   * This calibration (the same ranges and samples) keeping what lowering derives from it
   * ({@link #memo}) for as long as the copy lives: mesh lowering uses one for its rounds and drops
   * it with them, so a calibration kept for later (the pipeline reuses one across placements) does
   * not hold every placement's array cells.
   */
  public Calibration forRounds() {
    return new Calibration(this);
  }

  /** Runs {@code m} on {@code inputs} (graph inputs by name) and records the ranges. */
  public static Calibration run(Module m, Map<String, Tensor> inputs) {
    Map<Value, Tensor> env = new HashMap<>(m.constants());
    for (Value v : m.inputs()) {
      Tensor t = inputs.get(v.name());
      if (t == null) {
        throw new InvalidInputException("calibration: no data for graph input %" + v.name());
      }
      env.put(v, t);
    }
    Map<Value, double[]> ranges = new LinkedHashMap<>();
    Map<Value, Tensor> samples = new HashMap<>();
    for (Value v : m.inputs()) {
      record(ranges, v, env.get(v));
    }
    // the last node reading each computed value: after it the value is dropped, so the run holds
    // the live activations (and the samples kept below), not every activation of the batch
    Map<Value, Integer> lastUse = new HashMap<>();
    List<Node> nodes = m.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      for (Value v : nodes.get(i).inputs()) {
        if (v != null && m.constant(v) == null) {
          lastUse.put(v, i);
        }
      }
    }
    for (int ni = 0; ni < nodes.size(); ni++) {
      Node n = nodes.get(ni);
      List<Tensor> args = new ArrayList<>();
      for (Value v : n.inputs()) {
        args.add(v == null ? null : env.get(v));
      }
      List<Tensor> out = Interpreter.evaluate(n, args);
      for (int i = 0; i < out.size(); i++) {
        env.put(n.outputs().get(i), out.get(i));
        record(ranges, n.outputs().get(i), out.get(i));
      }
      if (isMatrixOp(n.op()) && n.input(0) != null && m.constant(n.input(0)) == null) {
        samples.put(n.input(0), env.get(n.input(0)));
      }
      if (n.op() instanceof Op.Recurrent) {
        samples.put(n.output(), out.get(0));
      }
      for (Value v : n.inputs()) {
        if (v != null && lastUse.getOrDefault(v, -1) == ni) {
          env.remove(v);
        }
      }
    }
    return new Calibration(ranges, samples);
  }

  /**
   * Calibration on a seeded standard-normal batch of {@code batch} for every graph input (symbolic
   * and unknown dims get the batch size for dim 0 and 1 elsewhere): the static fallback when no
   * calibration data is given.
   */
  public static Calibration synthetic(Module m, int batch, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Map<String, Tensor> inputs = new LinkedHashMap<>();
    for (Value v : m.inputs()) {
      List<Dim> dims = v.type().dims();
      long[] shape = new long[dims.size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = dims.get(i).isFixed() ? dims.get(i).size() : (i == 0 ? batch : 1);
      }
      int n = Math.toIntExact(Tensor.numel(shape));
      if (v.type().dtype().isFloating()) {
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
          d[i] = (float) gaussian(rnd);
        }
        inputs.put(v.name(), Tensor.ofFloats(v.type().dtype(), shape, d));
      } else {
        inputs.put(v.name(), Tensor.zeros(v.type().dtype(), shape));
      }
    }
    return run(m, inputs);
  }

  private static double gaussian(SplittableRandom rnd) {
    double u = 1.0 - rnd.nextDouble();
    double w = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
  }

  private static boolean isMatrixOp(Op op) {
    return op instanceof Op.Conv || op instanceof Op.Linear || op instanceof Op.Gemm || op instanceof Op.MatMul
        || op instanceof Op.Recurrent;
  }

  private static void record(Map<Value, double[]> ranges, Value v, Tensor t) {
    if (t == null || !t.isFloating()) {
      return;
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (float x : t.floats()) {
      if (Float.isFinite(x)) {
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
    }
    if (lo > hi) {
      lo = 0;
      hi = 0;
    }
    ranges.put(v, new double[] {lo, hi});
  }

  /** {min, max} of v over the calibration batch; {0, 0} when v was not observed. */
  public double[] range(Value v) {
    double[] r = ranges.get(v);
    return r == null ? new double[] {0, 0} : r.clone();
  }

  /** The calibration tensor of an array-mapped node's data input, or null. */
  public Tensor sample(Value v) {
    return samples.get(v);
  }

  /**
   * {@link AdcRange#fullScale} of one array, computed once per array content: mesh lowering lowers a
   * model again while it repairs buffer overflows, and the full scale does not depend on where the
   * array sits, only on its layout, cells, read and calibration codes (identified by their 128-bit
   * murmur3 hashes; {@code codesHash} is {@link #hash(long[][])} of {@code codes}).
   */
  public float adcFullScale(ArrayLayout layout, Tensor cells, long maxLevel, int bitsPerRead, InputQuant in,
      long[][] codes, HashCode codesHash, boolean pairs) {
    Hasher h = Hashing.murmur3_128().newHasher();
    for (long c : cells.longs()) {
      h.putLong(c);
    }
    h.putLong(cells.dim(0)).putLong(cells.dim(1));
    FullScaleKey key = new FullScaleKey(layout, maxLevel, bitsPerRead, in, pairs, h.hash(), codesHash);
    return fullScales.computeIfAbsent(key,
        k -> AdcRange.fullScale(layout, cells, maxLevel, bitsPerRead, in, codes, pairs));
  }

  /**
   * {@code compute}'s result for {@code key}, computed once with this calibration: what lowering
   * derives from a node, its weights and this calibration alone (quantized weights, array cells,
   * ADC full scales), which mesh lowering would otherwise recompute each time it lowers the model
   * again; only a copy made by {@link #forRounds} keeps them (this computes each time otherwise).
   * The key must identify everything the result depends on besides this calibration
   * (the caller's: {@code CimLowerer} keys by node and weight tensor identity and the tile design).
   */
  @SuppressWarnings("unchecked")
  public <T> T memo(Object key, java.util.function.Supplier<T> compute) {
    if (memo == null) {
      return compute.get();
    }
    Object v = memo.get(key);
    if (v == null) {
      v = compute.get();
      memo.put(key, v);
    }
    return (T) v;
  }

  /** The 128-bit murmur3 hash of calibration codes (row count, row lengths and values). */
  public static HashCode hash(long[][] codes) {
    Hasher h = Hashing.murmur3_128().newHasher().putInt(codes.length);
    for (long[] row : codes) {
      h.putInt(row.length);
      for (long v : row) {
        h.putLong(v);
      }
    }
    return h.hash();
  }
}
