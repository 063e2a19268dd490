package ancc.compiler.report;

import ancc.backends.cim.CimBackend;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Placement;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.ArrayUsage;
import ancc.ir.program.Buffer;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The layers of a compiled model, from the placed graph IR and its program: one entry per node,
 * in graph order, with the arrays holding its weights (matched by {@code ArrayLayout.layer()},
 * the node's output name) and the tiles it runs on (those arrays' tiles and the tile of the
 * buffer named after its output, its home). Works alike for a fresh compilation and for a
 * compiled folder read back, so both report the same layers.
 */
public final class ProgramLayers {

  /** A layer entry and its key: the name of the node's output, which the program uses for it. */
  public record Layer(String key, LayerEntry entry) {}

  private ProgramLayers() {}

  public static List<Layer> of(Module placed, Program program) {
    Map<String, List<ArrayImage>> byLayer = ArrayUsage.byLayer(program);
    Map<String, Integer> homes = new HashMap<>();
    for (Buffer b : program.buffers()) {
      homes.putIfAbsent(b.name(), b.tile());
    }
    List<Layer> out = new ArrayList<>();
    for (Node n : placed.nodes()) {
      String key = n.output().name();
      List<ArrayImage> arrays = byLayer.getOrDefault(key, List.of());
      ArrayUsage usage = ArrayUsage.of(arrays, arrays.isEmpty() ? 0 : CimBackend.weights(n, placed));
      TreeSet<Integer> tiles = new TreeSet<>(usage.tiles());
      Integer home = homes.get(key);
      if (home != null) {
        tiles.add(home);
      }
      String name = n.loc().isEmpty() ? "%" + key : n.loc();
      LayerEntry e = new LayerEntry(name, n.op().name(), kindOf(n, arrays).text(), arrays.size(),
          usage.utilization(), new ArrayList<>(tiles), Map.of(), null);
      out.add(new Layer(key, e));
    }
    return out;
  }

  /** The node's placement; a node without one (or split across kinds) is named by its arrays' kind, else digital. */
  private static TileKind kindOf(Node n, List<ArrayImage> arrays) {
    Placement p = n.placement();
    if (p != null && p.parts().size() == 1) {
      return p.parts().get(0).kind();
    }
    return arrays.isEmpty() ? TileKind.DIGITAL : arrays.get(0).kind();
  }

  /**
   * The layer an instruction works for: the layer of the array an {@code mvm} or {@code shift_add}
   * uses, else the layer whose output names the first buffer the instruction writes (or, for a
   * {@code send} or {@code store}, reads): {@code KEY}, {@code KEY.PART} or {@code KEY@tTILE}.
   * Null when no key of {@code keys} matches (e.g. a graph input's load).
   */
  public static String keyOf(Program program, Instr in, Set<String> keys) {
    Long array = in.accept(ARRAY, null);
    if (array != null && array >= 0) {
      ArrayImage img = program.array(array);
      return img == null ? null : img.layout().layer();
    }
    List<String> names = in.writes().isEmpty() || in instanceof Instr.Store ? in.reads() : in.writes();
    for (String name : names) {
      String key = layerKey(name, keys);
      if (key != null) {
        return key;
      }
    }
    return null;
  }

  /** The array an instruction computes on ({@code mvm}, {@code shift_add}), or null. */
  private static final Instr.Visitor<Long, Void> ARRAY = new Instr.Visitor<>() {
    public Long visit(Instr.Load in, Void c) { return null; }

    public Long visit(Instr.Store in, Void c) { return null; }

    public Long visit(Instr.Send in, Void c) { return null; }

    public Long visit(Instr.Recv in, Void c) { return null; }

    public Long visit(Instr.Im2col in, Void c) { return null; }

    public Long visit(Instr.Quantize in, Void c) { return null; }

    public Long visit(Instr.Mvm in, Void c) { return in.array(); }

    public Long visit(Instr.ShiftAdd in, Void c) { return in.array(); }

    public Long visit(Instr.Dequantize in, Void c) { return null; }

    public Long visit(Instr.Digital in, Void c) { return null; }

    public Long visit(Instr.Barrier in, Void c) { return null; }
  };

  /** The layer key a buffer name belongs to: {@code KEY}, {@code KEY.PART} or {@code KEY@tTILE}; null if none. */
  public static String layerKey(String buffer, Set<String> keys) {
    if (keys.contains(buffer)) {
      return buffer;
    }
    for (int i = buffer.length() - 1; i > 0; i--) {
      char c = buffer.charAt(i);
      if ((c == '.' || c == '@') && keys.contains(buffer.substring(0, i))) {
        return buffer.substring(0, i);
      }
    }
    return null;
  }
}
