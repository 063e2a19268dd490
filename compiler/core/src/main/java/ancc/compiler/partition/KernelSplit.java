package ancc.compiler.partition;

import ancc.backends.Backends;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.ir.program.TileKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * kernel-split: the graph transform behind kernel-granular partitioning. Each weight layer (a
 * {@code linear}, or a {@code conv} with one group, with constant weights) of at least
 * {@link #MIN_SPLIT_CHANNELS} output channels becomes {@code k} nodes computing contiguous groups
 * of its output channels from row slices of its weight (and bias), followed by a {@code concat}
 * on the channel axis that defines the layer's original output value, so everything downstream
 * is unchanged and each group gets its own placement; the existing lowering maps every group as a
 * layer of its own. {@code k} = 4 from 16 channels, 2 from 8. The split module computes exactly
 * the same values as the original (each output channel is the same dot product).
 *
 * <p>Without splitting ({@link #layers}) the units are the weight layers themselves.
 */
public final class KernelSplit {
  /** Layers with fewer output channels are not split. */
  public static final int MIN_SPLIT_CHANNELS = 8;

  private KernelSplit() {}

  /** A module and the units the partitioner places in it. */
  public record Split(Module module, List<PartitionUnit> units) {
    public Split {
      units = List.copyOf(units);
    }
  }

  /** The weight layers of {@code m} (nodes a CIM backend can map), unsplit. */
  public static Split layers(Module m) {
    List<PartitionUnit> units = new ArrayList<>();
    for (Node n : m.nodes()) {
      if (mappable(n, m)) {
        long c = channels(n);
        units.add(new PartitionUnit(n.output().name(), display(n), n.output().name(), n.op().name(), 0, c, c));
      }
    }
    return new Split(m, units);
  }

  /** {@code m} with every splittable weight layer split into groups of output channels. */
  public static Split split(Module m) {
    return split(m, key -> true);
  }

  /** {@code m} with the splittable weight layers whose output name {@code which} accepts split. */
  public static Split split(Module m, Predicate<String> which) {
    Module.Builder b = m.toBuilder();
    b.nodes().clear();
    List<PartitionUnit> units = new ArrayList<>();
    for (Node n : m.nodes()) {
      if (!mappable(n, m)) {
        b.node(n);
        continue;
      }
      long c = channels(n);
      int k = which.test(n.output().name()) ? groups(n, m) : 1;
      if (k <= 1) {
        b.node(n);
        units.add(new PartitionUnit(n.output().name(), display(n), n.output().name(), n.op().name(), 0, c, c));
        continue;
      }
      List<Value> parts = new ArrayList<>();
      long from = 0;
      for (int g = 0; g < k; g++) {
        long size = c / k + (g < c % k ? 1 : 0);
        Node part = slice(n, m, b, g, from, from + size);
        b.node(part);
        parts.add(part.output());
        units.add(new PartitionUnit(part.output().name(), display(part), n.output().name(), n.op().name(),
            from, from + size, c));
        from += size;
      }
      b.node(new Node(new Op.Concat(axis(n)), parts, List.of(n.output()), n.loc(), null));
    }
    return new Split(b.build(), units);
  }

  /** Whether a CIM backend can map {@code n} (a weight layer). */
  static boolean mappable(Node n, Module m) {
    return Backends.of(TileKind.MEMRISTOR).supportsOp(n, m).supported()
        || Backends.of(TileKind.SRAM).supportsOp(n, m).supported();
  }

  /** The layer's display name. */
  static String display(Node n) {
    return n.loc().isEmpty() ? "%" + n.output().name() : n.loc();
  }

  private static int groups(Node n, Module m) {
    boolean linear = n.op() instanceof Op.Linear;
    boolean conv = n.op() instanceof Op.Conv cv && cv.group() == 1;
    if (!(linear || conv) || m.constant(n.input(1)) == null
        || (n.input(2) != null && m.constant(n.input(2)) == null) || !(n.output().type().dim(axis(n)).isFixed())) {
      return 1;
    }
    long c = channels(n);
    return c >= 2L * MIN_SPLIT_CHANNELS ? 4 : c >= MIN_SPLIT_CHANNELS ? 2 : 1;
  }

  /** Output channels of a weight layer: dim 0 of its weight for linear and conv, else its output's last dim. */
  private static long channels(Node n) {
    if (n.op() instanceof Op.Linear || n.op() instanceof Op.Conv) {
      Dim d = n.input(1).type().dim(0);
      if (d.isFixed()) {
        return d.size();
      }
    }
    TensorType t = n.output().type();
    Dim last = t.dim(n.op() instanceof Op.Conv ? 1 : t.rank() - 1);
    return last.isFixed() ? last.size() : 1;
  }

  private static int axis(Node n) {
    return n.op() instanceof Op.Conv ? 1 : n.output().type().rank() - 1;
  }

  private static Node slice(Node n, Module m, Module.Builder b, int g, long from, long to) {
    String suffix = ".g" + g;
    Value w = n.input(1);
    Value ws = new Value(w.name() + suffix, sliced(w.type(), 0, to - from));
    b.constant(ws, rows(m.constant(w), from, to));
    List<Value> ins = new ArrayList<>(Arrays.asList(n.input(0), ws));
    if (n.input(2) != null) {
      Value bias = n.input(2);
      Value bs = new Value(bias.name() + suffix, sliced(bias.type(), 0, to - from));
      b.constant(bs, rows(m.constant(bias), from, to));
      ins.add(bs);
    }
    Value out = n.output();
    Value os = new Value(out.name() + suffix, sliced(out.type(), axis(n), to - from));
    return new Node(n.op(), ins, List.of(os), n.loc().isEmpty() ? "" : n.loc() + "/g" + g, null);
  }

  private static TensorType sliced(TensorType t, int axis, long size) {
    List<Dim> dims = new ArrayList<>(t.dims());
    dims.set(axis, Dim.of(size));
    return t.withDims(dims);
  }

  /** Rows [from, to) of dim 0 of {@code t}. */
  private static Tensor rows(Tensor t, long from, long to) {
    long[] shape = t.shape().clone();
    int per = Math.toIntExact(Tensor.numel(shape) / shape[0]);
    shape[0] = to - from;
    float[] data = Arrays.copyOfRange(t.floats(), Math.toIntExact(from * per), Math.toIntExact(to * per));
    return Tensor.ofFloats(t.dtype(), shape, data);
  }
}
