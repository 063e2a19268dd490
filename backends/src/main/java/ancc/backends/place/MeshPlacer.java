package ancc.backends.place;

import ancc.backends.DoesNotFitException;
import ancc.backends.Placer;
import ancc.ir.chip.Chip;
import ancc.ir.chip.MeshSpec;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Value;
import ancc.ir.program.TileKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Greedy mesh placement that keeps consecutive layers close. Lowering visits the nodes in
 * topological order; for each one this placer knows the tile its producers' outputs live on (it
 * placed them) and weighs each producer by the bytes of the value it sends (at batch 1):
 *
 * <ul>
 *   <li>a layer on arrays gets its home tile (where its input is quantized and its result
 *       assembled) on the tile of its kind with a free slot that minimizes sum(bytes x hops)
 *       from its producers; ties go to a tile that holds the whole layer, then to the lowest id.
 *       The layer fills the home tile's free slots, then the free slots of the tiles nearest the
 *       home tile (hops, then id), so a layer that spans tiles spans neighbours;
 *   <li>a node without arrays runs on the digital tile minimizing sum(bytes x hops) from its
 *       producers (lowest id on ties).
 * </ul>
 *
 * Graph inputs are loaded from the host where they are read and constants are program
 * constants, so neither pulls a node anywhere. A layer's output lives on its home tile. Nodes
 * may be kept off given tiles ({@link MeshLowering} uses that to relieve a tile whose buffers
 * overflow).
 */
public final class MeshPlacer implements Placer {
  private final Chip chip;
  private final MeshSpec mesh;
  private final Map<String, Node> byOutput = new HashMap<>();
  private final Map<Integer, Integer> usedSlots = new HashMap<>();
  private final Map<Value, Integer> tileOf = new HashMap<>();
  private final Map<String, List<Slot>> placed = new LinkedHashMap<>();
  private final Map<String, Integer> homes = new LinkedHashMap<>();
  private final Map<String, Set<Integer>> avoid = new HashMap<>();

  public MeshPlacer(Chip chip, Module m) {
    this(chip, m, Map.of());
  }

  /**
   * A placer that does not put the home of node {@code k} (keyed by its first output's name) on
   * the tiles {@code avoid.get(k)} unless every candidate tile is avoided: how
   * {@link MeshLowering} moves layers off a tile whose buffers overflow.
   */
  public MeshPlacer(Chip chip, Module m, Map<String, Set<Integer>> avoid) {
    this(chip, m.nodes(), avoid);
  }

  /** A placer for {@code nodes} (a module's, in lowering order); {@code avoid} as above. */
  public MeshPlacer(Chip chip, List<Node> nodes, Map<String, Set<Integer>> avoid) {
    this.chip = chip;
    this.mesh = chip.mesh();
    avoid.forEach((node, tiles) -> this.avoid.put(node, Set.copyOf(tiles)));
    for (Node n : nodes) {
      byOutput.put(n.output().name(), n);
    }
  }

  @Override
  public List<Slot> placeArrays(TileKind kind, int count, String layer) {
    if (count == 0) {
      return List.of();
    }
    List<Integer> tiles = chip.tilesOf(kind);
    int free = 0;
    for (int t : tiles) {
      free += free(t);
    }
    if (count > free) {
      throw new DoesNotFitException("layer " + layer + " needs " + count + " " + kind.text()
          + " arrays, chip " + chip.name() + " has " + free + " free");
    }
    Node node = byOutput.get(layer);
    Map<Integer, Long> sources = node == null ? Map.of() : sources(node, List.of());
    Set<Integer> banned = bannedFor(layer, tiles.stream().filter(t -> free(t) > 0).toList());
    int home = -1;
    long bestCost = Long.MAX_VALUE;
    boolean bestHolds = false;
    for (int t : tiles) {
      if (free(t) == 0 || banned.contains(t)) {
        continue;
      }
      long cost = cost(sources, t);
      boolean holds = free(t) >= count;
      if (cost < bestCost || (cost == bestCost && holds && !bestHolds)) {
        home = t;
        bestCost = cost;
        bestHolds = holds;
      }
    }
    List<Integer> order = new ArrayList<>(tiles);
    final int h = home;
    order.sort(Comparator.comparingInt((Integer t) -> mesh.hops(h, t)).thenComparingInt(t -> t)); // home first: 0 hops
    List<Slot> out = new ArrayList<>(count);
    for (int t : order) {
      while (out.size() < count && free(t) > 0) {
        int slot = usedSlots.merge(t, 1, Integer::sum) - 1;
        out.add(new Slot(t, slot));
      }
    }
    if (node != null) {
      for (Value v : node.outputs()) {
        tileOf.put(v, home);
      }
    }
    placed.put(layer, List.copyOf(out));
    homes.put(layer, home);
    return out;
  }

  @Override
  public int digitalTile(Node node, List<Integer> inputTiles) {
    List<Integer> digital = chip.tilesOf(TileKind.DIGITAL);
    if (digital.isEmpty()) {
      throw new DoesNotFitException("needs a digital tile for " + node.describe() + ", chip " + chip.name()
          + " has 0");
    }
    Map<Integer, Long> sources = sources(node, inputTiles);
    Set<Integer> banned = bannedFor(node.output().name(), digital);
    int best = -1;
    long bestCost = Long.MAX_VALUE;
    for (int t : digital) {
      long c = cost(sources, t);
      if (!banned.contains(t) && c < bestCost) {
        best = t;
        bestCost = c;
      }
    }
    for (Value v : node.outputs()) {
      tileOf.put(v, best);
    }
    homes.put(node.output().name(), best);
    return best;
  }

  /** The slots given to each layer on arrays so far (keyed by its output's name), in placement order. */
  public Map<String, List<Slot>> placements() {
    return Collections.unmodifiableMap(placed);
  }

  /** The tile holding each placed node's output (keyed by the output's name): home tile or digital tile. */
  public Map<String, Integer> homes() {
    return Collections.unmodifiableMap(homes);
  }

  /** The tiles to avoid for node {@code key} among {@code candidates}; none when all would be avoided. */
  private Set<Integer> bannedFor(String key, List<Integer> candidates) {
    Set<Integer> banned = avoid.getOrDefault(key, Set.of());
    return banned.containsAll(candidates) ? Set.of() : banned;
  }

  private int free(int tile) {
    return chip.groupOf(tile).spec().arraysPerTile() - usedSlots.getOrDefault(tile, 0);
  }

  /**
   * Producer tile -> bytes arriving from it. Values this placer placed weigh their bytes; an
   * input held elsewhere that it did not place (lowering knows it) counts from the tiles given.
   */
  private Map<Integer, Long> sources(Node node, List<Integer> inputTiles) {
    Map<Integer, Long> out = new LinkedHashMap<>();
    boolean unknown = false;
    for (Value v : node.inputs()) {
      if (v == null) {
        continue;
      }
      Integer t = tileOf.get(v);
      if (t != null) {
        out.merge(t, PerSample.bytes(v.type()), Long::sum);
      } else {
        unknown = true;
      }
    }
    if (unknown) {
      for (int t : inputTiles) {
        out.putIfAbsent(t, 1L);
      }
    }
    return out;
  }

  private long cost(Map<Integer, Long> sources, int tile) {
    long c = 0;
    for (Map.Entry<Integer, Long> e : sources.entrySet()) {
      c += e.getValue() * mesh.hops(e.getKey(), tile);
    }
    return c;
  }
}
