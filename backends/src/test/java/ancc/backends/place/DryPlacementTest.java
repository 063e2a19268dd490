package ancc.backends.place;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ancc.backends.Assignment;
import ancc.backends.Backends;
import ancc.backends.DoesNotFitException;
import ancc.backends.TestNets;
import ancc.backends.cim.CimBackend;
import ancc.backends.mapping.Calibration;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileKind;
import ancc.ir.program.TileProgram;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@link DryPlacement} against the program {@link MeshLowering} emits for the same assignment: the
 * same used tiles, the same moves of graph values between tiles (sends whose source is a value of
 * the module), loads and stores, on the small nets and every mix of kinds per weight layer.
 */
class DryPlacementTest {

  @Test
  void matchesTheLoweringOnEveryAssignment() {
    int checked = 0;
    for (Chip chip : List.of(Chips.preset("default"), Chips.preset("hermes-pcm"), MeshChips.threeByThree())) {
      List<Module> nets = new ArrayList<>(TestNets.opZoo());
      nets.add(TestNets.convNet(1));
      nets.add(TestNets.wideLinear(300, 100, 2));
      for (Module m : nets) {
        Calibration cal = Calibration.synthetic(m, 4, 1);
        for (Assignment a : assignments(m, chip)) {
          checked += compare(m, chip, a, cal) ? 1 : 0;
        }
      }
    }
    assertEquals(true, checked > 40, "checked " + checked);
  }

  /** Whether the assignment fits the chip in one lowering round and was compared. */
  private static boolean compare(Module m, Chip chip, Assignment a, Calibration cal) {
    MeshLowering.Result lowered;
    try {
      lowered = MeshLowering.lower(m, chip, a, cal);
    } catch (DoesNotFitException e) {
      return false;
    }
    if (lowered.rounds() > 1) {
      return false; // the dry run does not model the buffer-overflow re-lowering
    }
    Program p = lowered.program();
    DryPlacement.Result dry = DryPlacement.place(chip, m.nodes(), m.inputs(), m.outputs(), v -> m.constant(v) != null,
        a::kindOf, n -> a.kindOf(n) == TileKind.DIGITAL ? 0
            : (int) ((CimBackend) Backends.of(a.kindOf(n))).arrays(n, m, chip));
    String what = chip.name() + " " + m.name() + " " + a.kinds();
    Set<Integer> tiles = new TreeSet<>();
    p.tiles().forEach(t -> tiles.add(t.tile()));
    assertEquals(tiles, new TreeSet<>(dry.tiles()), what + ": tiles");
    Set<String> values = new HashSet<>();
    m.inputs().forEach(v -> values.add(v.name()));
    m.nodes().forEach(n -> n.outputs().forEach(v -> values.add(v.name())));
    List<String> sends = new ArrayList<>();
    List<String> loads = new ArrayList<>();
    List<String> stores = new ArrayList<>();
    for (TileProgram tp : p.tiles()) {
      for (Instr in : tp.instrs()) {
        if (in instanceof Instr.Send s && values.contains(s.src())) {
          sends.add(s.src() + ":" + tp.tile() + "->" + s.toTile());
        } else if (in instanceof Instr.Load l) {
          loads.add(l.input() + ":" + tp.tile());
        } else if (in instanceof Instr.Store s) {
          stores.add(s.output() + ":" + tp.tile());
        }
      }
    }
    assertEquals(new TreeSet<>(sends), new TreeSet<>(dry.sends().stream()
        .map(s -> s.value().name() + ":" + s.from() + "->" + s.to()).toList()), what + ": sends");
    assertEquals(sends.size(), dry.sends().size(), what + ": send count");
    assertEquals(new TreeSet<>(loads), new TreeSet<>(dry.loads().stream()
        .map(s -> s.value().name() + ":" + s.to()).toList()), what + ": loads");
    assertEquals(new TreeSet<>(stores), new TreeSet<>(dry.stores().stream()
        .map(s -> s.value().name() + ":" + s.from()).toList()), what + ": stores");
    return true;
  }

  /** Every combination of the chip's kinds over the module's weight layers (other nodes digital). */
  private static List<Assignment> assignments(Module m, Chip chip) {
    List<Node> layers = new ArrayList<>();
    for (Node n : m.nodes()) {
      if (Backends.of(TileKind.MEMRISTOR).supportsOp(n, m).supported()) {
        layers.add(n);
      }
    }
    List<TileKind> kinds = new ArrayList<>();
    for (TileKind k : TileKind.values()) {
      if (chip.has(k)) {
        kinds.add(k);
      }
    }
    List<Assignment> out = new ArrayList<>();
    int combos = (int) Math.pow(kinds.size(), layers.size());
    for (int c = 0; c < combos; c++) {
      Map<String, TileKind> map = new LinkedHashMap<>();
      m.nodes().forEach(n -> map.put(n.output().name(), TileKind.DIGITAL));
      int code = c;
      boolean ok = true;
      for (Node n : layers) {
        TileKind k = kinds.get(code % kinds.size());
        code /= kinds.size();
        ok &= Backends.of(k).supports(n, m, chip).supported();
        map.put(n.output().name(), k);
      }
      if (ok) {
        out.add(new Assignment(map));
      }
    }
    return out;
  }

}
