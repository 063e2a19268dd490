package ancc.ir.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Element type plus shape (a list of dimensions; rank 0 is a scalar). */
public record TensorType(DType dtype, List<Dim> dims) {

  public TensorType {
    dims = List.copyOf(dims);
  }

  public static TensorType of(DType dtype, long... shape) {
    List<Dim> ds = new ArrayList<>(shape.length);
    for (long s : shape) {
      ds.add(Dim.of(s));
    }
    return new TensorType(dtype, ds);
  }

  public int rank() {
    return dims.size();
  }

  public Dim dim(int i) {
    return dims.get(i);
  }

  /** True when every dimension is fixed. */
  public boolean isStatic() {
    return dims.stream().allMatch(Dim::isFixed);
  }

  /** The fixed shape; throws if any dimension is not fixed. */
  public long[] shape() {
    long[] s = new long[dims.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = dims.get(i).size();
    }
    return s;
  }

  /** Number of elements; throws if not static. */
  public long numel() {
    long n = 1;
    for (Dim d : dims) {
      n = Math.multiplyExact(n, d.size());
    }
    return n;
  }

  public TensorType withDims(List<Dim> newDims) {
    return new TensorType(dtype, newDims);
  }

  public TensorType withDtype(DType t) {
    return new TensorType(t, dims);
  }

  /** Textual form, e.g. {@code f32[N,3,224,224]}; a scalar is {@code f32[]}. */
  @Override
  public String toString() {
    return dtype.text() + dims.stream().map(Dim::toString).collect(Collectors.joining(",", "[", "]"));
  }
}
