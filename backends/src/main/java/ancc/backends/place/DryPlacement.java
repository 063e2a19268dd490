package ancc.backends.place;

import ancc.backends.Placer;
import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Value;
import ancc.ir.program.TileKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * The placement lowering would make, without lowering: the {@link MeshPlacer} asked in the order
 * and with the arguments {@link ancc.backends.Lowering} asks it (a layer on arrays: its arrays,
 * then its non-constant inputs fetched onto its home tile; a node without arrays: the digital tile
 * nearest the tiles its inputs are on, then its inputs fetched there; then the graph outputs
 * stored), and the moves of values that follow ({@link ancc.backends.FragmentBuilder#fetch}: a
 * graph input is loaded where it is first read, any other value is sent from the tile that
 * computed it to each other tile that reads it, once). It needs only the node kinds and array
 * counts, so the partitioner can price a placement per candidate assignment. Not modelled: the
 * re-lowering {@link MeshLowering} does when a tile's buffers overflow.
 */
public final class DryPlacement {
  private DryPlacement() {}

  /** A value moved from tile {@code from} to tile {@code to} for node {@code by} (its first output's name). */
  public record Move(Value value, int from, int to, String by) {}

  /**
   * The result: each node's home tile (where its outputs live; keyed by first output name), the
   * tiles with a program, the sends between tiles, the host loads ({@code from} -1) and stores
   * ({@code to} -1; {@code by} the node that computed the value).
   */
  public record Result(Map<String, Integer> homes, Set<Integer> tiles, List<Move> sends, List<Move> loads,
      List<Move> stores) {}

  /**
   * Places {@code nodes} (in lowering order) of a module with graph inputs {@code inputs} and
   * outputs {@code outputs}; {@code constant} tells program constants, {@code kind} each node's
   * tile kind and {@code arrays} its array count on a CIM kind.
   *
   * @throws ancc.backends.DoesNotFitException when the chip runs out of arrays or has no digital tile
   */
  public static Result place(Chip chip, List<Node> nodes, List<Value> inputs, List<Value> outputs,
      Predicate<Value> constant, Function<Node, TileKind> kind, ToIntFunction<Node> arrays) {
    MeshPlacer placer = new MeshPlacer(chip, nodes, Map.of());
    State st = new State(constant, inputs);
    for (Node n : nodes) {
      TileKind k = kind.apply(n);
      int home;
      if (k == TileKind.DIGITAL) {
        List<Integer> from = new ArrayList<>();
        for (Value v : n.inputs()) {
          if (v != null) {
            from.addAll(st.where(v));
          }
        }
        home = placer.digitalTile(n, from);
        st.tiles.add(home);
      } else {
        List<Placer.Slot> slots = placer.placeArrays(k, arrays.applyAsInt(n), n.output().name());
        home = slots.get(0).tile();
        slots.forEach(s -> st.tiles.add(s.tile()));
      }
      for (Value v : n.inputs()) {
        if (v != null) {
          st.fetch(v, home, n.output().name());
        }
      }
      for (Value v : n.outputs()) {
        st.define(v, home, n.output().name());
      }
      st.homes.put(n.output().name(), home);
    }
    for (Value v : outputs) {
      List<Integer> held = st.where(v);
      int tile;
      if (!held.isEmpty()) {
        tile = held.get(0);
      } else if (inputs.contains(v)) {
        tile = placer.digitalTile(new Node(new Op.Identity(), List.of(v), v, ""), List.of());
        st.tiles.add(tile);
        st.fetch(v, tile, v.name());
      } else {
        throw new InvalidInputException("graph output %" + v.name() + " is a constant; ancc programs compute their"
            + " outputs");
      }
      st.stores.add(new Move(v, tile, -1, st.producer.getOrDefault(v, v.name())));
    }
    return new Result(st.homes, st.tiles, st.sends, st.loads, st.stores);
  }

  /** Where values live, and the moves so far. */
  private static final class State {
    private final Predicate<Value> constant;
    private final Set<Value> inputs;
    private final Map<Value, Set<Integer>> where = new HashMap<>();
    private final Map<Value, String> producer = new HashMap<>();
    private final Map<String, Integer> homes = new LinkedHashMap<>();
    private final Set<Integer> tiles = new LinkedHashSet<>();
    private final List<Move> sends = new ArrayList<>();
    private final List<Move> loads = new ArrayList<>();
    private final List<Move> stores = new ArrayList<>();

    State(Predicate<Value> constant, List<Value> inputs) {
      this.constant = constant;
      this.inputs = new LinkedHashSet<>(inputs);
    }

    List<Integer> where(Value v) {
      return new ArrayList<>(where.getOrDefault(v, Set.of()));
    }

    void define(Value v, int tile, String by) {
      where.computeIfAbsent(v, k -> new LinkedHashSet<>()).add(tile);
      producer.put(v, by);
    }

    void fetch(Value v, int tile, String by) {
      if (constant.test(v)) {
        return;
      }
      Set<Integer> at = where.computeIfAbsent(v, k -> new LinkedHashSet<>());
      if (at.contains(tile)) {
        return;
      }
      if (at.isEmpty()) {
        if (!inputs.contains(v)) {
          throw new IllegalStateException("%" + v.name() + " is read before it is computed");
        }
        loads.add(new Move(v, -1, tile, by));
      } else {
        sends.add(new Move(v, at.iterator().next(), tile, by));
      }
      at.add(tile);
    }
  }
}
