package ancc.ir.graph;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense tensor in C (row-major) order. Floating element types (f32, f16, bf16, f64) are
 * stored as float32; integer and boolean types as int64. Instances are treated as immutable:
 * callers must not modify the arrays returned by {@link #floats()} and {@link #longs()}.
 */
public final class Tensor {
  private final DType dtype;
  private final long[] shape;
  private final float[] f;
  private final long[] l;

  private Tensor(DType dtype, long[] shape, float[] f, long[] l) {
    this.dtype = Objects.requireNonNull(dtype);
    this.shape = shape.clone();
    long n = numel(this.shape);
    int len = f != null ? f.length : l.length;
    if (n != len) {
      throw new IllegalArgumentException(
          "tensor data has " + len + " elements but shape " + Arrays.toString(shape) + " needs " + n);
    }
    this.f = f;
    this.l = l;
  }

  /** A floating tensor (default element type f32). */
  public static Tensor ofFloats(long[] shape, float[] data) {
    return new Tensor(DType.F32, shape, data, null);
  }

  public static Tensor ofFloats(DType dtype, long[] shape, float[] data) {
    if (!dtype.isFloating()) {
      throw new IllegalArgumentException(dtype + " is not a floating type");
    }
    return new Tensor(dtype, shape, data, null);
  }

  /** An integer or boolean tensor (default element type i64). */
  public static Tensor ofLongs(long[] shape, long[] data) {
    return new Tensor(DType.I64, shape, null, data);
  }

  public static Tensor ofLongs(DType dtype, long[] shape, long[] data) {
    if (dtype.isFloating()) {
      throw new IllegalArgumentException(dtype + " is not an integer type");
    }
    return new Tensor(dtype, shape, null, data);
  }

  /** A scalar (rank 0) f32 tensor. */
  public static Tensor scalar(float v) {
    return ofFloats(new long[0], new float[] {v});
  }

  /** A rank-1 i64 tensor. */
  public static Tensor vector(long... values) {
    return ofLongs(DType.I64, new long[] {values.length}, values.clone());
  }

  /** A zero-filled tensor of the given type and static shape. */
  public static Tensor zeros(DType dtype, long[] shape) {
    int n = Math.toIntExact(numel(shape));
    return dtype.isFloating() ? ofFloats(dtype, shape, new float[n]) : ofLongs(dtype, shape, new long[n]);
  }

  public static long numel(long[] shape) {
    long n = 1;
    for (long s : shape) {
      if (s < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
      }
      n = Math.multiplyExact(n, s);
    }
    return n;
  }

  public DType dtype() {
    return dtype;
  }

  /** A copy of the shape. */
  public long[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  public long dim(int i) {
    return shape[i];
  }

  public int size() {
    return f != null ? f.length : l.length;
  }

  public boolean isFloating() {
    return f != null;
  }

  /** The float32 storage; throws for integer tensors. Do not modify. */
  public float[] floats() {
    if (f == null) {
      throw new IllegalStateException("tensor of " + dtype + " has no float storage");
    }
    return f;
  }

  /** The int64 storage; throws for floating tensors. Do not modify. */
  public long[] longs() {
    if (l == null) {
      throw new IllegalStateException("tensor of " + dtype + " has no integer storage");
    }
    return l;
  }

  /** Element i as a double, whatever the storage. */
  public double getDouble(int i) {
    return f != null ? f[i] : l[i];
  }

  /** Element i as a long (floats truncate toward zero). */
  public long getLong(int i) {
    return f != null ? (long) f[i] : l[i];
  }

  public TensorType type() {
    return TensorType.of(dtype, shape);
  }

  /** Same data, new shape with the same element count. */
  public Tensor reshape(long[] newShape) {
    return new Tensor(dtype, newShape, f, l);
  }

  /** Same data reinterpreted with another element type of the same storage kind. */
  public Tensor withDtype(DType t) {
    if (t.isFloating() != dtype.isFloating()) {
      throw new IllegalArgumentException("cannot relabel " + dtype + " as " + t);
    }
    return new Tensor(t, shape, f, l);
  }

  /** Bitwise equality of type, shape and data (NaNs with equal bits are equal). */
  public boolean contentEquals(Tensor o) {
    return dtype == o.dtype
        && Arrays.equals(shape, o.shape)
        && Arrays.equals(f, o.f)
        && Arrays.equals(l, o.l);
  }

  @Override
  public String toString() {
    return "Tensor(" + dtype.text() + Arrays.toString(shape) + ")";
  }
}
