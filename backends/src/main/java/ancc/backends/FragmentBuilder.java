package ancc.backends;

import ancc.ir.graph.Module;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.Buffer;
import ancc.ir.program.Instr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects one node's {@link Fragment}. {@link #fetch} makes an operand available on a tile: a
 * constant becomes a program constant named after its value, a graph input not loaded yet is
 * loaded there from the host, and a value held on another tile is sent over the mesh (a
 * {@code send} on the holder, a {@code recv} into {@code <value>@t<tile>} here).
 */
public final class FragmentBuilder {
  private final LoweringContext ctx;
  private final List<ArrayImage> arrays = new ArrayList<>();
  private final Map<String, Tensor> constants = new LinkedHashMap<>();
  private final List<Buffer> buffers = new ArrayList<>();
  private final Map<Integer, List<Instr>> instrs = new LinkedHashMap<>();
  private final List<Fragment.Located> located = new ArrayList<>();
  private final Map<Value, Map<Integer, String>> local = new HashMap<>();

  public FragmentBuilder(LoweringContext ctx) {
    this.ctx = ctx;
  }

  public LoweringContext context() {
    return ctx;
  }

  /** The name under which {@code v} can be read on {@code tile}, moving it there if needed. */
  public String fetch(Value v, int tile) {
    Module m = ctx.module();
    Tensor c = m.constant(v);
    if (c != null) {
      constants.put(v.name(), c);
      return v.name();
    }
    Map<Integer, String> where = new LinkedHashMap<>(ctx.locations(v));
    where.putAll(local.getOrDefault(v, Map.of()));
    String here = where.get(tile);
    if (here != null) {
      return here;
    }
    if (where.isEmpty()) {
      if (!m.inputs().contains(v)) {
        throw new IllegalStateException("%" + v.name() + " is read before it is computed");
      }
      buffer(v.name(), tile, v.type());
      emit(tile, new Instr.Load(v.name(), v.name()));
      define(v, tile, v.name());
      return v.name();
    }
    Map.Entry<Integer, String> src = where.entrySet().iterator().next();
    String dst = v.name() + "@t" + tile;
    move(src.getValue(), src.getKey(), dst, tile, v.type());
    define(v, tile, dst);
    return dst;
  }

  /** Sends buffer {@code src} of tile {@code from} into a new buffer {@code dst} of tile {@code to}. */
  public void move(String src, int from, String dst, int to, TensorType type) {
    buffer(dst, to, type);
    emit(from, new Instr.Send(src, to, dst, ctx.route(from, to)));
    emit(to, new Instr.Recv(dst, from));
  }

  /** Declares a buffer on a tile and returns its name. */
  public String buffer(String name, int tile, TensorType type) {
    buffers.add(new Buffer(name, tile, type));
    return name;
  }

  public String constant(String name, Tensor value) {
    constants.put(name, value);
    return name;
  }

  public void emit(int tile, Instr instr) {
    instrs.computeIfAbsent(tile, t -> new ArrayList<>()).add(instr);
  }

  public void array(ArrayImage image) {
    arrays.add(image);
  }

  /** Records that buffer {@code buffer} of {@code tile} holds value v. */
  public void define(Value v, int tile, String buffer) {
    local.computeIfAbsent(v, k -> new LinkedHashMap<>()).put(tile, buffer);
    located.add(new Fragment.Located(v, tile, buffer));
  }

  public Fragment build() {
    return new Fragment(arrays, constants, buffers, instrs, located);
  }
}
