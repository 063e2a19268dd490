package ancc.ir.chip;

import ancc.ir.chip.Quantities.Frequency;
import ancc.ir.program.TileKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A chip: its clock, mesh and tile groups, and optionally a global buffer and off-chip DRAM where
 * buffers that do not fit a tile are spilled. Tiles are numbered 0.. in group order and sit on the
 * mesh row-major (tile t at row t / cols, column t % cols). Read with {@link Chips}; the
 * canonical text ({@link #canonicalYaml()}) parses back to an equal chip and is what
 * {@link #sha256()} hashes, so formatting and comments of the source file do not change the hash.
 */
public record Chip(String name, String description, Frequency clock, MeshSpec mesh, List<TileGroup> tiles,
    Optional<GlobalBufferSpec> globalBuffer, Optional<DramSpec> dram) {

  public Chip {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(mesh, "mesh");
    tiles = List.copyOf(tiles);
    Objects.requireNonNull(globalBuffer, "globalBuffer");
    Objects.requireNonNull(dram, "dram");
  }

  /** A chip without global buffer and DRAM: a buffer that does not fit its tile does not fit the chip. */
  public Chip(String name, String description, Frequency clock, MeshSpec mesh, List<TileGroup> tiles) {
    this(name, description, clock, mesh, tiles, Optional.empty(), Optional.empty());
  }

  /** Whether the chip has somewhere to spill to (a global buffer or DRAM). */
  public boolean canSpill() {
    return globalBuffer.isPresent() || dram.isPresent();
  }

  /** The deterministic YAML text of this chip (fixed key order, canonical units). */
  public String canonicalYaml() {
    return ChipWriter.write(this);
  }

  /** Lower-case hex SHA-256 of {@link #canonicalYaml()} in UTF-8. */
  public String sha256() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(canonicalYaml().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Tile groups of one kind, in file order. */
  public List<TileGroup> groups(TileKind kind) {
    return tiles.stream().filter(g -> g.kind() == kind).toList();
  }

  /** Whether the chip has tiles of this kind. */
  public boolean has(TileKind kind) {
    return tiles.stream().anyMatch(g -> g.kind() == kind);
  }

  /** Number of tiles in all. */
  public int tileCount() {
    return tiles.stream().mapToInt(TileGroup::count).sum();
  }

  /** Number of tiles of one kind. */
  public int tileCount(TileKind kind) {
    return groups(kind).stream().mapToInt(TileGroup::count).sum();
  }

  /** Crossbars (memristor), macros (SRAM) or 0 (digital) of one kind over the whole chip. */
  public long arrays(TileKind kind) {
    return groups(kind).stream().mapToLong(TileGroup::arrays).sum();
  }

  /** The specification of the first group of a kind (most chips have one group per kind). */
  public Optional<TileSpec> spec(TileKind kind) {
    return groups(kind).stream().map(TileGroup::spec).findFirst();
  }

  /** The first memristor tile specification, if any. */
  public Optional<MemristorTile> memristor() {
    return spec(TileKind.MEMRISTOR).map(MemristorTile.class::cast);
  }

  /** The first SRAM-CIM tile specification, if any. */
  public Optional<SramTile> sram() {
    return spec(TileKind.SRAM).map(SramTile.class::cast);
  }

  /** The first digital tile specification, if any. */
  public Optional<DigitalTile> digital() {
    return spec(TileKind.DIGITAL).map(DigitalTile.class::cast);
  }

  /** The group tile {@code tile} (0-based, group order) belongs to. */
  public TileGroup groupOf(int tile) {
    int first = 0;
    for (TileGroup g : tiles) {
      if (tile >= first && tile < first + g.count()) {
        return g;
      }
      first += g.count();
    }
    throw new IndexOutOfBoundsException("tile " + tile + " outside 0.." + (tileCount() - 1));
  }

  /** Global tile numbers of one kind, ascending. */
  public List<Integer> tilesOf(TileKind kind) {
    ArrayList<Integer> out = new ArrayList<>();
    int first = 0;
    for (TileGroup g : tiles) {
      if (g.kind() == kind) {
        for (int i = 0; i < g.count(); i++) {
          out.add(first + i);
        }
      }
      first += g.count();
    }
    return List.copyOf(out);
  }

  /** "16 memristor (128 crossbars 256x256), 16 sram (512 macros 64x64), 4 digital". */
  public String tileSummary() {
    StringBuilder sb = new StringBuilder();
    for (TileGroup g : tiles) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(g.count()).append(' ').append(g.kind().text());
      TileSpec s = g.spec();
      if (s instanceof MemristorTile m) {
        sb.append(" (").append(g.arrays()).append(" crossbars ").append(m.crossbar().rows()).append('x')
            .append(m.crossbar().cols()).append(')');
      } else if (s instanceof SramTile t) {
        sb.append(" (").append(g.arrays()).append(" macros ").append(t.macro().rows()).append('x')
            .append(t.macro().cols()).append(')');
      }
    }
    return sb.toString();
  }
}
