package ancc.ir.chip;

import ancc.ir.program.TileKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A chip sized to a model: the same tile design with more tiles on a larger mesh, the way
 * NeuroSim sizes a chip to a network ({@code --scale-to-fit}, docs/mapping.md "Scaling a chip to
 * the model"). Pure functions of a base chip: {@link #withCounts} gives a chip with given tile
 * counts per group and the smallest near-square mesh that holds them, {@link #fit} the smallest
 * counts (never fewer than the base chip's) that hold what a model needs per tile kind, on a mesh
 * with no empty position: XY routes pass through the router of every position they cross, so the
 * spare positions of the near-square mesh get tiles too, of the kind that grew most.
 *
 * <p>A scaled chip is named {@code BASE-scaled} and its description starts with
 * {@code scaled from BASE:}, which {@link #scaledFrom} reads back, so a scaled chip written to a
 * file (a compiled folder records it) still says what it was scaled from. Everything else (clock,
 * link, hop costs, every tile specification) is the base chip's; the canonical YAML parses back to
 * an equal chip and its SHA-256 differs from the base chip's.
 */
public final class ChipScaling {
  /** What the name of a scaled chip ends with. */
  public static final String SUFFIX = "-scaled";

  private static final String PREFIX = "scaled from ";
  /** Chip names are at most this long (the chip file's rule). */
  private static final int MAX_NAME = 64;

  private ChipScaling() {}

  /**
   * What a model needs of one tile kind.
   *
   * @param arrays crossbars or macros (0 for digital tiles)
   * @param tiles tiles at least, whatever the arrays (e.g. 1 digital tile for digital work)
   */
  public record Need(long arrays, int tiles) {
    public Need {
      if (arrays < 0 || tiles < 0) {
        throw new IllegalArgumentException("a need is at least 0, got " + arrays + " arrays, " + tiles + " tiles");
      }
    }
  }

  /**
   * The smallest chip of {@code base}'s design that holds {@code needs}: per kind, the first group
   * of that kind grows until the kind's arrays and tiles cover the need; no group shrinks below
   * {@code base}'s count; when the tiles outgrow {@code base}'s mesh, the group that grew most also
   * takes the spare positions of the new near-square mesh. {@code base} itself when it already
   * holds everything.
   *
   * @throws IllegalArgumentException when a kind with a need has no group in {@code base} (there
   *     is no tile design to repeat)
   */
  public static Chip fit(Chip base, Map<TileKind, Need> needs) {
    List<Integer> counts = new ArrayList<>(base.tiles().stream().map(TileGroup::count).toList());
    for (Map.Entry<TileKind, Need> e : needs.entrySet()) {
      TileKind kind = e.getKey();
      Need need = e.getValue();
      if (need.arrays() == 0 && need.tiles() == 0) {
        continue;
      }
      int first = -1;
      long otherArrays = 0;
      long otherTiles = 0;
      for (int i = 0; i < base.tiles().size(); i++) {
        TileGroup g = base.tiles().get(i);
        if (g.kind() != kind) {
          continue;
        }
        if (first < 0) {
          first = i;
        } else {
          otherArrays += g.arrays();
          otherTiles += g.count();
        }
      }
      if (first < 0) {
        throw new IllegalArgumentException("chip " + base.name() + " has no " + kind.text() + " tiles to repeat");
      }
      int perTile = base.tiles().get(first).spec().arraysPerTile();
      long forArrays = perTile == 0 ? 0 : ceilDiv(Math.max(0, need.arrays() - otherArrays), perTile);
      long forTiles = Math.max(0, need.tiles() - otherTiles);
      long count = Math.max(counts.get(first), Math.max(forArrays, forTiles));
      if (count > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(kind.text() + ": " + count + " tiles are more than a chip can have");
      }
      counts.set(first, (int) count);
    }
    int grew = -1;
    for (int i = 0; i < counts.size(); i++) {
      int by = counts.get(i) - base.tiles().get(i).count();
      if (by > 0 && (grew < 0 || by > counts.get(grew) - base.tiles().get(grew).count())) {
        grew = i;
      }
    }
    if (grew >= 0) {
      long total = counts.stream().mapToLong(Integer::longValue).sum();
      if (total > base.mesh().positions()) {
        int[] rc = mesh(total);
        counts.set(grew, (int) (counts.get(grew) + (long) rc[0] * rc[1] - total));
      }
    }
    return withCounts(base, counts);
  }

  /**
   * {@code base} with {@code counts} tiles in its groups (in group order, each at least 1) on the
   * smallest near-square mesh that holds them ({@link #mesh}); {@code base}'s mesh when it still
   * holds them, and {@code base} itself when the counts are its own.
   */
  public static Chip withCounts(Chip base, List<Integer> counts) {
    if (counts.size() != base.tiles().size()) {
      throw new IllegalArgumentException("chip " + base.name() + " has " + base.tiles().size() + " tile groups, got "
          + counts.size() + " counts");
    }
    List<TileGroup> groups = new ArrayList<>();
    long total = 0;
    boolean same = true;
    for (int i = 0; i < counts.size(); i++) {
      int c = counts.get(i);
      if (c < 1) {
        throw new IllegalArgumentException("tile group " + i + " needs at least 1 tile, got " + c);
      }
      TileGroup g = base.tiles().get(i);
      same &= c == g.count();
      groups.add(new TileGroup(c, g.spec()));
      total += c;
    }
    if (same) {
      return base;
    }
    MeshSpec old = base.mesh();
    int[] rc = total <= old.positions() ? new int[] {old.rows(), old.cols()} : mesh(total);
    MeshSpec mesh = new MeshSpec(rc[0], rc[1], old.linkWidthBits(), old.hopLatency(), old.hopEnergy());
    String from = scaledFrom(base).orElse(base.name());
    return new Chip(name(from), PREFIX + from + ": " + shape(groups, mesh) + " (" + from + " has "
        + shape(base.tiles(), old) + ")", base.clock(), mesh, groups, base.globalBuffer(), base.dram());
  }

  /**
   * The smallest near-square mesh with at least {@code tiles} positions: {@code cols =
   * ceil(sqrt(tiles))}, {@code rows = ceil(tiles / cols)}, as {@code {rows, cols}}.
   */
  public static int[] mesh(long tiles) {
    if (tiles < 1) {
      throw new IllegalArgumentException("a mesh holds at least 1 tile, got " + tiles);
    }
    long cols = (long) Math.ceil(Math.sqrt((double) tiles));
    while (cols * cols < tiles) {
      cols++;
    }
    while ((cols - 1) * (cols - 1) >= tiles) {
      cols--;
    }
    long rows = ceilDiv(tiles, cols);
    return new int[] {(int) rows, (int) cols};
  }

  /** The name of the chip {@code chip} was scaled from, when it is a scaled chip. */
  public static Optional<String> scaledFrom(Chip chip) {
    String d = chip.description();
    int colon = d.indexOf(':');
    if (!chip.name().endsWith(SUFFIX) || !d.startsWith(PREFIX) || colon < 0) {
      return Optional.empty();
    }
    return Optional.of(d.substring(PREFIX.length(), colon));
  }

  /** Total area of the chip's tiles, in mm2 (the mesh's routers and links are not in the chip file). */
  public static double areaMm2(Chip chip) {
    double a = 0;
    for (TileGroup g : chip.tiles()) {
      a += g.count() * g.spec().area().mm2();
    }
    return a;
  }

  /** "91 memristor, 16 sram, 4 digital tiles on a 11x11 mesh". */
  public static String shape(Chip chip) {
    return shape(chip.tiles(), chip.mesh());
  }

  private static String shape(List<TileGroup> groups, MeshSpec mesh) {
    List<String> parts = new ArrayList<>();
    for (TileGroup g : groups) {
      parts.add(g.count() + " " + g.kind().text());
    }
    return String.join(", ", parts) + " tiles on a " + mesh.rows() + "x" + mesh.cols() + " mesh";
  }

  private static String name(String from) {
    String head = from.length() + SUFFIX.length() > MAX_NAME ? from.substring(0, MAX_NAME - SUFFIX.length()) : from;
    return head + SUFFIX;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
