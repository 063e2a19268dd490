package ancc.backends;

import ancc.backends.cim.CimBackend;
import ancc.backends.mapping.Calibration;
import ancc.backends.target.CimParams;
import ancc.backends.target.Routes;
import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.Buffer;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileKind;
import ancc.ir.program.TileProgram;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lowers a canonicalized module onto a chip: checks that every node's assigned backend can map
 * it and that the chip has room, lowers node after node (each backend emits a {@link Fragment}),
 * and assembles the {@link Program}: arrays, constants, buffers, one instruction stream per used
 * tile, loads of graph inputs where first read and stores of graph outputs where computed.
 *
 * <p>Legality: a node whose backend cannot map it, or whose lowering fails, is reported with
 * every other such node in one {@link InvalidInputException}; a model that needs more arrays than
 * the chip has (or digital work without a digital tile) is a {@link DoesNotFitException}.
 */
public final class Lowering {
  private Lowering() {}

  /** Lowering with the simple sequential placer. */
  public static Program lower(Module m, Chip chip, Assignment assignment, Calibration calibration) {
    return lower(m, chip, assignment, calibration, new SequentialPlacer(chip));
  }

  public static Program lower(Module m, Chip chip, Assignment assignment, Calibration calibration, Placer placer) {
    checkLegal(m, chip, assignment);
    checkFits(m, chip, assignment);
    State st = new State(m, chip, calibration, placer);
    List<String> failed = new ArrayList<>();
    for (Node n : m.nodes()) {
      String missing = missingInput(n, st);
      if (missing != null) {
        failed.add(n.describe() + ": input %" + missing + " was not lowered");
        continue;
      }
      TileKind kind = assignment.kindOf(n);
      try {
        st.merge(Backends.of(kind).lower(n, st));
      } catch (DoesNotFitException e) {
        throw e;
      } catch (InvalidInputException | IllegalArgumentException | IllegalStateException e) {
        failed.add(n.describe() + " on " + kind.text() + ": " + e.getMessage());
      }
    }
    for (Node n : m.nodes()) {
      for (Value v : n.outputs()) {
        if (st.locations(v).isEmpty() && !failed.stream().anyMatch(f -> f.startsWith(n.describe()))) {
          failed.add(n.describe() + ": output %" + v.name() + " was not produced");
        }
      }
    }
    if (!failed.isEmpty()) {
      throw new InvalidInputException(m.name() + ": " + failed.size() + " node(s) could not be lowered: "
          + String.join("; ", failed));
    }
    st.storeOutputs();
    return st.program();
  }

  private static String missingInput(Node n, State st) {
    for (Value v : n.inputs()) {
      if (v != null && st.module().constant(v) == null && !st.module().inputs().contains(v)
          && st.locations(v).isEmpty()) {
        return v.name();
      }
    }
    return null;
  }

  /** Every node's backend must be able to map it on this chip (chip capacity aside). */
  private static void checkLegal(Module m, Chip chip, Assignment a) {
    List<String> bad = new ArrayList<>();
    for (Node n : m.nodes()) {
      TileKind kind = a.kindOf(n);
      if (!chip.has(kind)) {
        continue; // checkFits reports the missing tile kind as need vs have
      }
      Support s = Backends.of(kind).supports(n, m, chip);
      if (!s.supported()) {
        bad.add(n.describe() + " on " + kind.text() + ": " + s.reason());
      }
    }
    if (!bad.isEmpty()) {
      throw new InvalidInputException(m.name() + ": " + bad.size() + " node(s) cannot be lowered as placed: "
          + String.join("; ", bad));
    }
  }

  /** Arrays needed per kind against the chip's, and a digital tile when there is digital work. */
  private static void checkFits(Module m, Chip chip, Assignment a) {
    Map<TileKind, Long> need = new EnumMap<>(TileKind.class);
    Map<TileKind, Integer> nodes = new EnumMap<>(TileKind.class);
    for (Node n : m.nodes()) {
      TileKind kind = a.kindOf(n);
      nodes.merge(kind, 1, Integer::sum);
      if (kind != TileKind.DIGITAL && chip.has(kind)) {
        need.merge(kind, ((CimBackend) Backends.of(kind)).arrays(n, m, chip), Long::sum);
      }
    }
    List<String> lacks = new ArrayList<>();
    for (TileKind kind : TileKind.values()) {
      int count = nodes.getOrDefault(kind, 0);
      if (count == 0) {
        continue;
      }
      if (kind == TileKind.DIGITAL) {
        if (!chip.has(kind)) {
          lacks.add("needs a digital tile for " + count + " digital node(s), chip has 0");
        }
      } else if (!chip.has(kind)) {
        lacks.add("needs " + kind.text() + " tiles for " + count + " layer(s), chip has 0");
      } else {
        CimParams p = CimParams.of(chip, kind).orElseThrow();
        long have = chip.arrays(kind);
        if (need.get(kind) > have) {
          lacks.add("needs " + need.get(kind) + " " + p.arrayNoun() + ", chip has " + have);
        }
      }
    }
    if (!lacks.isEmpty()) {
      throw new DoesNotFitException(m.name() + " does not fit chip " + chip.name() + ": " + String.join("; ", lacks));
    }
  }

  /** The lowering context and the program under construction. */
  private static final class State implements LoweringContext {
    private final Module module;
    private final Chip chip;
    private final Calibration calibration;
    private final Placer placer;
    private final Map<Value, Map<Integer, String>> where = new HashMap<>();
    private final Map<String, Tensor> constants = new LinkedHashMap<>();
    private final List<ArrayImage> arrays = new ArrayList<>();
    private final List<Buffer> buffers = new ArrayList<>();
    private final Map<Integer, List<Instr>> streams = new TreeMap<>();
    private int nextArray;

    State(Module module, Chip chip, Calibration calibration, Placer placer) {
      this.module = module;
      this.chip = chip;
      this.calibration = calibration;
      this.placer = placer;
    }

    @Override
    public Module module() {
      return module;
    }

    @Override
    public Chip chip() {
      return chip;
    }

    @Override
    public Calibration calibration() {
      return calibration;
    }

    @Override
    public Placer placer() {
      return placer;
    }

    @Override
    public Map<Integer, String> locations(Value v) {
      return where.getOrDefault(v, Map.of());
    }

    @Override
    public int newArrayId() {
      return nextArray++;
    }

    @Override
    public List<Long> route(int fromTile, int toTile) {
      return Routes.xy(chip.mesh(), fromTile, toTile);
    }

    void merge(Fragment f) {
      arrays.addAll(f.arrays());
      constants.putAll(f.constants());
      buffers.addAll(f.buffers());
      f.instrs().forEach((t, l) -> streams.computeIfAbsent(t, k -> new ArrayList<>()).addAll(l));
      for (Fragment.Located l : f.locations()) {
        where.computeIfAbsent(l.value(), k -> new LinkedHashMap<>()).put(l.tile(), l.buffer());
      }
    }

    /** A store per graph output, from the tile that computed it (a graph input passed through is loaded first). */
    void storeOutputs() {
      for (Value v : module.outputs()) {
        FragmentBuilder fb = new FragmentBuilder(this);
        Map<Integer, String> held = locations(v);
        int tile;
        String buffer;
        if (!held.isEmpty()) {
          tile = held.keySet().iterator().next();
          buffer = held.get(tile);
        } else if (module.inputs().contains(v)) {
          tile = placer.digitalTile(new Node(new Op.Identity(), List.of(v), v, ""), List.of());
          buffer = fb.fetch(v, tile);
        } else {
          throw new InvalidInputException(module.name() + ": graph output %" + v.name()
              + " is a constant; ancc programs compute their outputs");
        }
        fb.emit(tile, new Instr.Store(buffer, v.name()));
        merge(fb.build());
      }
    }

    Program program() {
      List<TileProgram> tiles = new ArrayList<>();
      streams.forEach((t, l) -> tiles.add(new TileProgram(t, chip.groupOf(t).kind(), l)));
      return new Program(module.name(), chip.name(), chip.sha256(), module.inputs(), module.outputs(), constants,
          arrays, buffers, tiles);
    }
  }
}
