package ancc.ir.program;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks that a crossbar mapping program is well formed and executable: declarations unique,
 * arrays on tiles of their kind, every operand declared on the tile that uses it, instruction
 * parameters in range, sends and receives paired, barriers consistent, every output stored once.
 * docs/isa.md lists the rules. Mesh geometry is the chip's, so routes are checked only at their
 * endpoints.
 */
public final class ProgramVerifier {
  final Program p;
  private final List<String> problems = new ArrayList<>();
  final Map<Integer, TileProgram> tiles = new LinkedHashMap<>();
  final Map<String, Buffer> buffers = new HashMap<>();
  final Map<Long, ArrayImage> arrays = new HashMap<>();
  final Set<String> inputs = new HashSet<>();
  final Set<String> outputs = new HashSet<>();
  /** (from tile, to tile, dst buffer) -> sends minus receives. */
  final Map<List<Object>, Integer> transfers = new LinkedHashMap<>();
  final Map<String, Integer> stores = new HashMap<>();

  private ProgramVerifier(Program p) {
    this.p = p;
  }

  /** Throws {@link InvalidInputException} naming the first problem. */
  public static void verify(Program p) {
    List<String> all = check(p);
    if (!all.isEmpty()) {
      throw new InvalidInputException(all.get(0));
    }
  }

  /** Every problem found, each a one-line message starting {@code program @NAME: }; empty when the program is sound. */
  public static List<String> check(Program p) {
    ProgramVerifier v = new ProgramVerifier(p);
    v.run();
    return List.copyOf(v.problems);
  }

  void problem(String message) {
    problems.add("program @" + p.name() + ": " + message);
  }

  private void run() {
    for (TileProgram t : p.tiles()) {
      if (t.tile() < 0) {
        problem("tile id " + t.tile() + " is negative");
      }
      if (tiles.putIfAbsent(t.tile(), t) != null) {
        problem("tile " + t.tile() + " has two tile programs");
      }
    }
    names("input", p.inputs(), inputs);
    names("output", p.outputs(), outputs);
    arrays();
    for (Buffer b : p.buffers()) {
      if (buffers.putIfAbsent(b.name(), b) != null) {
        problem("buffer %" + b.name() + " is declared twice");
      } else if (!tiles.containsKey(b.tile())) {
        problem("buffer %" + b.name() + " is on tile " + b.tile() + ", which has no tile program");
      }
    }
    for (TileProgram t : tiles.values()) {
      for (int i = 0; i < t.instrs().size(); i++) {
        new InstrCheck(this, t, i).run();
      }
    }
    transfers.forEach((k, n) -> {
      if (n > 0) {
        problem("tile " + k.get(0) + " sends %" + k.get(2) + " to tile " + k.get(1) + " " + n
            + " more time(s) than tile " + k.get(1) + " receives it");
      } else if (n < 0) {
        problem("tile " + k.get(1) + " receives %" + k.get(2) + " from tile " + k.get(0) + " " + (-n)
            + " more time(s) than tile " + k.get(0) + " sends it");
      }
    });
    for (Value out : p.outputs()) {
      int n = stores.getOrDefault(out.name(), 0);
      if (n != 1) {
        problem("output %" + out.name() + " is stored " + n + " times (must be exactly once)");
      }
    }
    barriers();
  }

  private void names(String what, List<Value> values, Set<String> into) {
    for (Value v : values) {
      if (!into.add(v.name())) {
        problem(what + " %" + v.name() + " is declared twice");
      }
    }
  }

  private void arrays() {
    Map<List<Integer>, Integer> slots = new HashMap<>();
    for (ArrayImage a : p.arrays()) {
      String what = "array #" + a.id();
      if (a.id() < 0 || a.slot() < 0) {
        problem(what + ": id and slot must be >= 0, slot is " + a.slot());
      }
      if (arrays.putIfAbsent((long) a.id(), a) != null) {
        problem(what + " is declared twice");
        continue;
      }
      Integer other = slots.putIfAbsent(List.of(a.tile(), a.slot()), a.id());
      if (other != null) {
        problem(what + " uses tile " + a.tile() + " slot " + a.slot() + ", as does array #" + other);
      }
      TileProgram t = tiles.get(a.tile());
      if (t == null) {
        problem(what + " is on tile " + a.tile() + ", which has no tile program");
      } else if (t.kind() != a.kind()) {
        problem(what + " is a " + a.kind().text() + " array on " + t.kind().text() + " tile " + a.tile());
      }
      layout(what, a);
    }
  }

  private void layout(String what, ArrayImage a) {
    ArrayLayout l = a.layout();
    int magnitudeBits = l.weightBits() - (l.encoding() == WeightEncoding.DIFFERENTIAL ? 1 : 0);
    if ((long) l.slices() * l.sliceBits() < magnitudeBits) {
      problem(what + ": " + l.slices() + " slice(s) of " + l.sliceBits() + " bit(s) cannot hold " + magnitudeBits
          + " bits of " + l.weightBits() + "-bit " + l.encoding().name().toLowerCase(Locale.ROOT) + " weights");
    }
    if (a.kind() == TileKind.MEMRISTOR && l.encoding() == WeightEncoding.TWOS_COMPLEMENT) {
      problem(what + ": twos_complement encoding is for SRAM bit cells, not memristor arrays");
    }
    if (a.kind() == TileKind.SRAM && l.sliceBits() != 1) {
      problem(what + ": SRAM cells hold one bit, but slice_bits is " + l.sliceBits());
    }
    long max = a.kind() == TileKind.SRAM ? 1 : Long.MAX_VALUE;
    long[] cells = a.cells().longs();
    for (int i = 0; i < cells.length; i++) {
      if (cells[i] < 0 || cells[i] > max) {
        problem(what + ": cell (" + i / a.cols() + ", " + i % a.cols() + ") is " + cells[i] + ", expected "
            + (a.kind() == TileKind.SRAM ? "a bit (0 or 1)" : "a level >= 0"));
        break;
      }
    }
  }

  private void barriers() {
    List<Long> first = null;
    int firstTile = -1;
    for (TileProgram t : tiles.values()) {
      List<Long> ids = new ArrayList<>();
      for (Instr i : t.instrs()) {
        if (i instanceof Instr.Barrier b) {
          ids.add(b.id());
        }
      }
      if (first == null) {
        first = ids;
        firstTile = t.tile();
      } else if (!first.equals(ids)) {
        problem("tile " + t.tile() + " passes barriers " + ids + " but tile " + firstTile + " passes " + first
            + " (every tile must pass the same barriers in the same order)");
      }
    }
  }
}
