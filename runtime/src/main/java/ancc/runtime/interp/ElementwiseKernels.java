package ancc.runtime.interp;

import ancc.ir.graph.DType;
import ancc.ir.graph.Op.BinaryOp;
import ancc.ir.graph.Op.UnaryOp;
import ancc.ir.graph.Tensor;

/** Broadcasting binary arithmetic, unary functions and the simple activations. */
final class ElementwiseKernels {
  private ElementwiseKernels() {}

  // ------------------------------------------------------------------ binary

  static Tensor binary(BinaryOp kind, Tensor a, Tensor b) {
    long[] out = Broadcast.shape(a.shape(), b.shape());
    int[] sa = Broadcast.strides(a.shape(), out);
    int[] sb = Broadcast.strides(b.shape(), out);
    int n = Args.numel(out);
    if (a.isFloating()) {
      float[] y = new float[n];
      float[] x = a.floats();
      if (b.isFloating()) {
        float[] z = b.floats();
        Broadcast.rows(out, sa, sb, (o, ia, da, ib, db, len) -> floatRow(kind, x, ia, da, z, ib, db, y, o, len));
      } else {
        float[] z = toFloats(b);
        Broadcast.rows(out, sa, sb, (o, ia, da, ib, db, len) -> floatRow(kind, x, ia, da, z, ib, db, y, o, len));
      }
      return Args.floats(a.dtype(), out, y);
    }
    DType t = a.dtype();
    long[] y = new long[n];
    long[] x = a.longs();
    if (b.isFloating()) {
      if (kind != BinaryOp.POW) {
        throw Args.bad(kind.name().toLowerCase(java.util.Locale.ROOT) + " of " + t.text() + " and " + b.dtype().text() + " operands");
      }
      float[] z = b.floats();
      Broadcast.rows(out, sa, sb, (o, ia, da, ib, db, len) -> {
        for (int i = 0; i < len; i++) {
          y[o + i] = Args.wrap((long) Math.pow(x[ia + i * da], z[ib + i * db]), t);
        }
      });
    } else {
      long[] z = b.longs();
      Broadcast.rows(out, sa, sb, (o, ia, da, ib, db, len) -> longRow(kind, t, x, ia, da, z, ib, db, y, o, len));
    }
    return Args.longsOf(t, out, y);
  }

  private static float[] toFloats(Tensor t) {
    long[] l = t.longs();
    float[] f = new float[l.length];
    for (int i = 0; i < l.length; i++) {
      f[i] = l[i];
    }
    return f;
  }

  private static void floatRow(BinaryOp kind, float[] x, int ia, int da, float[] z, int ib, int db,
      float[] y, int o, int n) {
    switch (kind) {
      case ADD:
        for (int i = 0; i < n; i++) {
          y[o + i] = x[ia + i * da] + z[ib + i * db];
        }
        break;
      case SUB:
        for (int i = 0; i < n; i++) {
          y[o + i] = x[ia + i * da] - z[ib + i * db];
        }
        break;
      case MUL:
        for (int i = 0; i < n; i++) {
          y[o + i] = x[ia + i * da] * z[ib + i * db];
        }
        break;
      case DIV:
        for (int i = 0; i < n; i++) {
          y[o + i] = x[ia + i * da] / z[ib + i * db];
        }
        break;
      case POW:
        for (int i = 0; i < n; i++) {
          y[o + i] = (float) Math.pow(x[ia + i * da], z[ib + i * db]);
        }
        break;
      case MOD:
        for (int i = 0; i < n; i++) {
          double p = x[ia + i * da];
          double q = z[ib + i * db];
          y[o + i] = (float) (p - Math.floor(p / q) * q);
        }
        break;
      case FMOD:
        for (int i = 0; i < n; i++) {
          y[o + i] = x[ia + i * da] % z[ib + i * db];
        }
        break;
      default:
        throw Args.bad(kind.name().toLowerCase(java.util.Locale.ROOT) + " needs integer operands");
    }
  }

  private static void longRow(BinaryOp kind, DType t, long[] x, int ia, int da, long[] z, int ib, int db,
      long[] y, int o, int n) {
    for (int i = 0; i < n; i++) {
      long p = x[ia + i * da];
      long q = z[ib + i * db];
      long r;
      switch (kind) {
        case ADD: r = p + q; break;
        case SUB: r = p - q; break;
        case MUL: r = p * q; break;
        case DIV:
          if (q == 0) {
            throw Args.bad("integer division by zero");
          }
          r = t == DType.U64 ? Long.divideUnsigned(p, q) : p / q;
          break;
        case POW: r = intPow(p, q); break;
        case MOD:
        case FMOD:
          if (q == 0) {
            throw Args.bad("integer modulo by zero");
          }
          r = kind == BinaryOp.FMOD ? p % q : Math.floorMod(p, q);
          break;
        case AND: r = p != 0 && q != 0 ? 1 : 0; break;
        case OR: r = p != 0 || q != 0 ? 1 : 0; break;
        case XOR: r = (p != 0) != (q != 0) ? 1 : 0; break;
        case BIT_SHIFT_LEFT: r = q < 0 || q >= 64 ? 0 : p << q; break;
        case BIT_SHIFT_RIGHT: r = q < 0 || q >= 64 ? 0 : p >>> q; break;
        default: throw new IllegalStateException("unhandled binary op " + kind);
      }
      y[o + i] = Args.wrap(r, t);
    }
  }

  /** Integer power by squaring (wrapping on overflow); negative exponents truncate like C's pow. */
  static long intPow(long base, long exp) {
    if (exp < 0) {
      return (long) Math.pow(base, exp);
    }
    long r = 1;
    long b = base;
    long e = exp;
    while (e > 0) {
      if ((e & 1) != 0) {
        r *= b;
      }
      b *= b;
      e >>= 1;
    }
    return r;
  }

  // ------------------------------------------------------------------ unary

  static Tensor unary(UnaryOp kind, Tensor x) {
    if (!x.isFloating()) {
      return unaryInt(kind, x);
    }
    float[] a = x.floats();
    float[] y = new float[a.length];
    switch (kind) {
      case RELU:
        // Math.max: x for x > 0, +0 for -0 and x < 0, NaN for NaN (a loop the JIT vectorizes)
        for (int i = 0; i < a.length; i++) {
          y[i] = Math.max(a[i], 0f);
        }
        break;
      case SIGMOID:
        for (int i = 0; i < a.length; i++) {
          double v = a[i];
          y[i] = (float) (v >= 0 ? 1.0 / (1.0 + Math.exp(-v)) : Math.exp(v) / (1.0 + Math.exp(v)));
        }
        break;
      case TANH:
        for (int i = 0; i < a.length; i++) {
          y[i] = (float) Math.tanh(a[i]);
        }
        break;
      case SQRT:
        for (int i = 0; i < a.length; i++) {
          y[i] = (float) Math.sqrt(a[i]);
        }
        break;
      case ERF:
        for (int i = 0; i < a.length; i++) {
          y[i] = (float) Erf.erf(a[i]);
        }
        break;
      case EXP:
        for (int i = 0; i < a.length; i++) {
          y[i] = (float) Math.exp(a[i]);
        }
        break;
      case LOG:
        for (int i = 0; i < a.length; i++) {
          y[i] = (float) Math.log(a[i]);
        }
        break;
      case NEG:
        for (int i = 0; i < a.length; i++) {
          y[i] = -a[i];
        }
        break;
      case ABS:
        for (int i = 0; i < a.length; i++) {
          y[i] = Math.abs(a[i]);
        }
        break;
      case RECIPROCAL:
        for (int i = 0; i < a.length; i++) {
          y[i] = 1f / a[i];
        }
        break;
      case FLOOR:
        for (int i = 0; i < a.length; i++) {
          y[i] = (float) Math.floor(a[i]);
        }
        break;
      case CEIL:
        for (int i = 0; i < a.length; i++) {
          y[i] = (float) Math.ceil(a[i]);
        }
        break;
      case HARD_SWISH:
        for (int i = 0; i < a.length; i++) {
          double v = a[i];
          y[i] = (float) (v * Math.max(0.0, Math.min(1.0, v / 6.0 + 0.5)));
        }
        break;
      default:
        return UnaryMathKernels.unary(kind, x);
    }
    return Args.floats(x.dtype(), x.shape(), y);
  }

  private static Tensor unaryInt(UnaryOp kind, Tensor x) {
    long[] a = x.longs();
    long[] y = new long[a.length];
    DType t = x.dtype();
    for (int i = 0; i < a.length; i++) {
      long v = a[i];
      switch (kind) {
        case RELU: y[i] = Math.max(v, 0); break;
        case NEG: y[i] = Args.wrap(-v, t); break;
        case ABS: y[i] = Args.wrap(Math.abs(v), t); break;
        case FLOOR:
        case CEIL:
        case ROUND: y[i] = v; break;
        case SIGN: y[i] = Long.signum(v); break;
        case NOT: y[i] = v == 0 ? 1 : 0; break;
        default:
          throw Args.bad(kind.name().toLowerCase(java.util.Locale.ROOT) + " needs a floating input but got " + t.text());
      }
    }
    return Args.longsOf(t, x.shape(), y);
  }

  // ------------------------------------------------------------------ activations

  static Tensor leakyRelu(Tensor x, float alpha) {
    float[] a = Args.floating(x, "leaky_relu input").floats();
    float[] y = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      y[i] = a[i] >= 0 ? a[i] : a[i] * alpha;
    }
    return Args.floats(x.dtype(), x.shape(), y);
  }

  /** y = x < 0 ? slope * x : x, with slope broadcast to x's shape. */
  static Tensor prelu(Tensor x, Tensor slope) {
    long[] out = Broadcast.shape(x.shape(), slope.shape());
    if (!java.util.Arrays.equals(out, x.shape())) {
      throw Args.bad("prelu slope " + Args.shape(slope.shape()) + " does not broadcast to " + Args.shape(x.shape()));
    }
    if (!x.isFloating()) {
      Tensor neg = binary(BinaryOp.MUL, x, slope);
      long[] a = x.longs();
      long[] m = neg.longs();
      long[] y = new long[a.length];
      for (int i = 0; i < a.length; i++) {
        y[i] = a[i] < 0 ? m[i] : a[i];
      }
      return Args.longsOf(x.dtype(), out, y);
    }
    float[] a = x.floats();
    float[] s = slope.isFloating() ? slope.floats() : toFloats(slope);
    int[] map = Broadcast.indexMap(slope.shape(), out);
    float[] y = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      y[i] = a[i] < 0 ? a[i] * s[map[i]] : a[i];
    }
    return Args.floats(x.dtype(), out, y);
  }

  /** min(max(x, min), max) as numpy's clip (so min > max gives max); an absent bound is unbounded. */
  static Tensor clip(Tensor x, Tensor min, Tensor max) {
    checkScalar(min, "clip min");
    checkScalar(max, "clip max");
    if (x.isFloating()) {
      float lo = min == null ? Float.NEGATIVE_INFINITY : (float) min.getDouble(0);
      float hi = max == null ? Float.POSITIVE_INFINITY : (float) max.getDouble(0);
      float[] a = x.floats();
      float[] y = new float[a.length];
      // y = (a < lo ? lo : a), then (y > hi ? hi : y). For a neither zero nor NaN, and bounds that
      // are not NaN and an upper bound that is not zero, Math.max and Math.min give the same bits
      // without the data-dependent branches (half of them mispredicted after a convolution); the
      // rare zeros and NaNs take the comparisons themselves.
      boolean fast = !Float.isNaN(lo) && !Float.isNaN(hi) && hi != 0f;
      for (int i = 0; i < a.length; i++) {
        float v = a[i];
        if (fast && v != 0f && v == v) {
          y[i] = Math.min(Math.max(v, lo), hi);
        } else {
          float w = v < lo ? lo : v;
          y[i] = w > hi ? hi : w;
        }
      }
      return Args.floats(x.dtype(), x.shape(), y);
    }
    long lo = min == null ? Long.MIN_VALUE : min.getLong(0);
    long hi = max == null ? Long.MAX_VALUE : max.getLong(0);
    long[] a = x.longs();
    long[] y = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      long v = Math.max(a[i], lo);
      y[i] = Math.min(v, hi);
    }
    return Args.longsOf(x.dtype(), x.shape(), y);
  }

  private static void checkScalar(Tensor t, String what) {
    if (t != null && t.size() != 1) {
      throw Args.bad(what + " must be a scalar but has shape " + Args.shape(t.shape()));
    }
  }

  /** max(0, min(1, alpha * x + beta)). */
  static Tensor hardSigmoid(Tensor x, float alpha, float beta) {
    float[] a = Args.floating(x, "hard_sigmoid input").floats();
    float[] y = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      y[i] = Math.max(0f, Math.min(1f, alpha * a[i] + beta));
    }
    return Args.floats(x.dtype(), x.shape(), y);
  }
}
