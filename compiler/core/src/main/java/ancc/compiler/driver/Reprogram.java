package ancc.compiler.driver;

import ancc.backends.DoesNotFitException;
import ancc.compiler.report.ProgramLayers;
import ancc.ir.chip.Chip;
import ancc.ir.chip.ChipScaling;
import ancc.ir.graph.Module;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.ArrayUsage;
import ancc.ir.program.Program;
import ancc.ir.program.TileKind;
import ancc.runtime.sim.energy.ProgrammingCost;
import ancc.runtime.sim.energy.ReprogramCharge;
import ancc.runtime.sim.energy.ReprogramCharge.Group;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Time-multiplexing ({@code --reprogram}; docs/mapping.md, "Reprogramming (time-multiplexing)"):
 * a model compiled for a virtual chip (the physical chip's design scaled to the model, as
 * {@code --scale-to-fit} does) is cut into consecutive layer groups, in the graph's topological
 * order, each of whose tiles fit the physical chip's tiles of every kind; each group's virtual
 * tiles are then mapped one to one onto physical tiles of the same kind, and the arrays are
 * rewritten between groups. A layer occupies the tiles of its arrays and the tile of its output
 * buffer (its home), so digital work counts against the digital tiles too. The program and its
 * simulation are the virtual chip's; {@link ReprogramCharge} carries what the physical chip pays
 * per inference on top.
 */
final class Reprogram {
  private Reprogram() {}

  /**
   * The layer groups of {@code placed}, lowered to {@code program} on {@code virtual}, on
   * {@code physical}: greedily, a group takes the next node while the union of its tiles fits.
   * A node whose own tiles exceed the physical chip's is a does-not-fit error (a layer is not split
   * across groups).
   */
  static ReprogramCharge plan(Module placed, Program program, Chip virtual, Chip physical) {
    Map<String, List<ArrayImage>> byLayer = ArrayUsage.byLayer(program);
    List<Group> groups = new ArrayList<>();
    Builder cur = new Builder();
    for (ProgramLayers.Layer l : ProgramLayers.of(placed, program)) {
      Map<TileKind, Set<Integer>> own = tilesByKind(l.entry().tiles(), virtual);
      String tooBig = exceeds(own, physical);
      if (tooBig != null) {
        throw new DoesNotFitException("layer " + l.entry().name() + " alone needs " + tooBig + " (--reprogram"
            + " reprograms the arrays between layers, not within one); --scale-to-fit grows the chip instead");
      }
      if (exceeds(cur.union(own), physical) != null) {
        groups.add(cur.build(virtual));
        cur = new Builder();
      }
      cur.add(l, own, byLayer.getOrDefault(l.key(), List.of()));
    }
    if (cur.nodes > 0) {
      groups.add(cur.build(virtual));
    }
    return new ReprogramCharge(physical, groups, leakageW(groups, physical));
  }

  /** The one-line note every command prints about {@code c}, the plan of {@code program} on {@code virtual}. */
  static String note(ReprogramCharge c, Program program, Chip virtual) {
    if (!c.charged()) {
      return String.format(Locale.ROOT, "--reprogram: the model fits chip %s in one group; nothing is reprogrammed"
          + " per inference.", c.physical().name());
    }
    return String.format(Locale.ROOT, "--reprogram: %d layer groups on chip %s (%s); %d arrays rewritten per"
        + " inference, %.4g uJ and %.4g us per inference; simulated on the virtual chip %s (%s).",
        c.groups().size(), c.physical().name(), ChipScaling.shape(c.physical()), c.arraysPerInference(),
        c.perInferencePj() * 1e-6, c.seconds() * 1e6, virtual.name(), ChipScaling.shape(virtual))
        + uncharged(c, program);
  }

  /** What the charge leaves out: SRAM-CIM macros (no write cost in the chip file), tiles without a programming block. */
  private static String uncharged(ReprogramCharge c, Program program) {
    long sram = program.arrays().stream().filter(a -> a.kind() == TileKind.SRAM).count();
    String out = sram == 0 ? "" : " The " + sram + " SRAM-CIM macros rewritten per inference are not charged (the chip"
        + " file gives no macro write cost).";
    return out + (c.described() ? "" : " Memristor tiles without a programming block are not charged.");
  }

  private static Map<TileKind, Set<Integer>> tilesByKind(List<Integer> tiles, Chip chip) {
    Map<TileKind, Set<Integer>> out = new EnumMap<>(TileKind.class);
    for (int t : tiles) {
      out.computeIfAbsent(chip.groupOf(t).kind(), k -> new TreeSet<>()).add(t);
    }
    return out;
  }

  /** "9 memristor tiles, chip has 8" for the first kind whose tiles exceed {@code chip}'s; null when they fit. */
  private static String exceeds(Map<TileKind, Set<Integer>> tiles, Chip chip) {
    for (Map.Entry<TileKind, Set<Integer>> e : tiles.entrySet()) {
      if (e.getValue().size() > chip.tileCount(e.getKey())) {
        return e.getValue().size() + " " + e.getKey().text() + " tiles, chip " + chip.name() + " has "
            + chip.tileCount(e.getKey());
      }
    }
    return null;
  }

  /** Leakage of the physical tiles in use: per kind, the most tiles any group occupies. */
  private static double leakageW(List<Group> groups, Chip physical) {
    double w = 0;
    for (TileKind k : TileKind.values()) {
      int most = groups.stream().mapToInt(g -> g.tiles().getOrDefault(k, 0)).max().orElse(0);
      if (most > 0) {
        w += most * physical.spec(k).orElseThrow().leakage().watts();
      }
    }
    return w;
  }

  /** The group being filled. */
  private static final class Builder {
    private final List<String> layers = new ArrayList<>();
    private final Map<TileKind, Set<Integer>> tiles = new EnumMap<>(TileKind.class);
    private final List<ArrayImage> arrays = new ArrayList<>();
    private int nodes;

    Map<TileKind, Set<Integer>> union(Map<TileKind, Set<Integer>> more) {
      Map<TileKind, Set<Integer>> out = new EnumMap<>(TileKind.class);
      tiles.forEach((k, v) -> out.put(k, new TreeSet<>(v)));
      more.forEach((k, v) -> out.computeIfAbsent(k, x -> new TreeSet<>()).addAll(v));
      return out;
    }

    void add(ProgramLayers.Layer l, Map<TileKind, Set<Integer>> own, List<ArrayImage> images) {
      nodes++;
      if (!images.isEmpty()) {
        layers.add(l.entry().name());
      }
      own.forEach((k, v) -> tiles.computeIfAbsent(k, x -> new TreeSet<>()).addAll(v));
      arrays.addAll(images);
    }

    Group build(Chip virtual) {
      Map<TileKind, Integer> counts = new EnumMap<>(TileKind.class);
      tiles.forEach((k, v) -> counts.put(k, v.size()));
      return new Group(layers, nodes, arrays.size(), counts, ProgrammingCost.of(arrays, virtual));
    }
  }
}
