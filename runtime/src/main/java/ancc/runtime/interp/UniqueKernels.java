package ancc.runtime.interp;

import ancc.ir.graph.DType;
import ancc.ir.graph.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * unique over the flattened input or over slices along an axis. Slices compare lexicographically
 * by value (with numpy's order: -0.0 equals 0.0); sorted output is ascending, unsorted keeps the
 * order of first occurrence.
 */
final class UniqueKernels {
  private UniqueKernels() {}

  /** A slice's values, comparable and hashable by value. */
  private record Key(double[] v) implements Comparable<Key> {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(norm(v), norm(k.v));
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(norm(v));
    }

    @Override
    public int compareTo(Key o) {
      for (int i = 0; i < v.length; i++) {
        int c = Double.compare(v[i] + 0.0, o.v[i] + 0.0);
        if (c != 0) {
          return c;
        }
      }
      return 0;
    }

    private static double[] norm(double[] a) {
      double[] r = a.clone();
      for (int i = 0; i < r.length; i++) {
        r[i] += 0.0; // -0.0 -> 0.0
      }
      return r;
    }
  }

  static List<Tensor> unique(Tensor x, boolean sorted, boolean hasAxis, long axisAttr) {
    long[] shape = hasAxis ? x.shape() : new long[] {x.size()};
    int axis = hasAxis ? Args.axis(axisAttr, shape.length, "unique axis") : 0;
    int n = (int) shape[axis];
    int inner = (int) Args.prod(shape, axis + 1, shape.length);
    int outer = (int) Args.prod(shape, 0, axis);
    Key[] keys = new Key[n];
    for (int k = 0; k < n; k++) {
      double[] v = new double[outer * inner];
      for (int o = 0; o < outer; o++) {
        for (int i = 0; i < inner; i++) {
          v[o * inner + i] = x.getDouble((o * n + k) * inner + i);
        }
      }
      keys[k] = new Key(v);
    }
    Map<Key, Integer> first = new LinkedHashMap<>();
    Map<Key, Integer> count = new LinkedHashMap<>();
    for (int k = 0; k < n; k++) {
      first.putIfAbsent(keys[k], k);
      count.merge(keys[k], 1, Integer::sum);
    }
    List<Key> order = new ArrayList<>(first.keySet());
    if (sorted) {
      order.sort(null);
    }
    Map<Key, Integer> rank = new LinkedHashMap<>();
    for (int i = 0; i < order.size(); i++) {
      rank.put(order.get(i), i);
    }
    int u = order.size();
    long[] yShape = shape.clone();
    yShape[axis] = u;
    int[] src = new int[outer * u * inner];
    long[] indices = new long[u];
    long[] counts = new long[u];
    for (int j = 0; j < u; j++) {
      int k = first.get(order.get(j));
      indices[j] = k;
      counts[j] = count.get(order.get(j));
      for (int o = 0; o < outer; o++) {
        for (int i = 0; i < inner; i++) {
          src[(o * u + j) * inner + i] = (o * n + k) * inner + i;
        }
      }
    }
    long[] inverse = new long[n];
    for (int k = 0; k < n; k++) {
      inverse[k] = rank.get(keys[k]);
    }
    Tensor flat = hasAxis ? x : x.reshape(shape);
    return List.of(IndexKernels.take(flat, yShape, src), Tensor.ofLongs(DType.I64, new long[] {u}, indices),
        Tensor.ofLongs(DType.I64, new long[] {n}, inverse), Tensor.ofLongs(DType.I64, new long[] {u}, counts));
  }
}
