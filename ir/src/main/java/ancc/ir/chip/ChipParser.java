package ancc.ir.chip;

import ancc.ir.chip.Quantities.Area;
import ancc.ir.chip.Quantities.Energy;
import ancc.ir.chip.Quantities.Frequency;
import ancc.ir.chip.Quantities.Power;
import ancc.ir.chip.Quantities.Time;
import ancc.ir.program.TileKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Chip file text -> {@link Chip}: the top level, the mesh and the parts common to every tile kind
 * (costs, buffers); {@link TileParser} reads the kind-specific blocks and {@link NoiseParser} the
 * noise model. Every check happens where the value is read, so errors carry the key's line.
 */
final class ChipParser {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  static final int MAX_COUNT = 1 << 20;

  private ChipParser() {}

  static Chip parse(String text, String file) {
    MapReader top = new MapReader(file, "", YamlTree.parse(text, file));
    String name = top.string("name");
    if (!NAME.matcher(name).matches()) {
      throw top.fail("name", "must be lower-case letters, digits, '.', '_' or '-' (at most 64), got '" + name + "'");
    }
    String description = top.string("description");
    Frequency clock = new Frequency(top.quantity("clock", Dimension.FREQUENCY, true));
    MapReader m = top.map("mesh");
    MeshSpec mesh = new MeshSpec(m.integer("rows", 1, 1024), m.integer("cols", 1, 1024),
        m.integer("link_width_bits", 1, 65536), time(m, "hop_latency"), energy(m, "hop_energy"));
    m.finish();
    List<TileGroup> tiles = top.list("tiles", item -> tileGroup(item.map()));
    long total = tiles.stream().mapToLong(TileGroup::count).sum();
    if (total > mesh.positions()) {
      throw top.fail("mesh", "a " + mesh.rows() + "x" + mesh.cols() + " mesh has " + mesh.positions()
          + " positions, the tiles need " + total);
    }
    top.finish();
    return new Chip(name, description, clock, mesh, tiles);
  }

  private static TileGroup tileGroup(MapReader t) {
    Map<String, TileKind> kinds = new LinkedHashMap<>();
    for (TileKind k : TileKind.values()) {
      kinds.put(k.text(), k);
    }
    TileKind kind = t.choice("kind", kinds);
    int count = t.integer("count", 1, MAX_COUNT);
    TileSpec spec;
    switch (kind) {
      case MEMRISTOR:
        spec = TileParser.memristor(t);
        break;
      case SRAM:
        spec = TileParser.sram(t);
        break;
      case DIGITAL:
        spec = TileParser.digital(t);
        break;
      default:
        throw new IllegalStateException("unhandled tile kind " + kind);
    }
    t.finish();
    return new TileGroup(count, spec);
  }

  static Energy energy(MapReader m, String key) {
    return new Energy(m.quantity(key, Dimension.ENERGY, false));
  }

  static Time time(MapReader m, String key) {
    return new Time(m.quantity(key, Dimension.TIME, false));
  }

  static Area area(MapReader m, String key) {
    return new Area(m.quantity(key, Dimension.AREA, false));
  }

  static Power power(MapReader m, String key) {
    return new Power(m.quantity(key, Dimension.POWER, false));
  }

  /** The energy, latency and area keys of a component block (the caller finishes the block). */
  static Cost cost(MapReader m) {
    return new Cost(energy(m, "energy"), time(m, "latency"), area(m, "area"));
  }

  static BufferSpec buffer(MapReader t) {
    MapReader b = t.map("buffer");
    BufferSpec spec = new BufferSpec(b.size("size"), b.integer("access_bytes", 1, 65536), energy(b, "read_energy"),
        energy(b, "write_energy"), time(b, "latency"), area(b, "area"));
    if (spec.accessBytes() > spec.size().bytes()) {
      throw b.fail("access_bytes", "an access of " + spec.accessBytes() + " bytes exceeds the buffer size "
          + spec.size());
    }
    b.finish();
    return spec;
  }
}
