package ancc.compiler.partition;

import ancc.backends.Assignment;
import ancc.compiler.driver.Strategy;
import ancc.backends.Backends;
import ancc.backends.Cost;
import ancc.backends.mapping.Calibration;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.program.TileKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The partitioning problem: per unit the kinds it can run on with the backends' energy and array
 * estimates and the measured drops, the chip's capacity per kind, and the assignments of the fixed
 * strategies and of a solver's picks. What a pick costs is the {@link Objective}.
 */
final class Choices {
  private Choices() {}

  /**
   * Per unit (in order) its choices: memristor, sram, digital, each when the chip has it, can run it
   * and the unit alone fits its tiles, with the backends' estimate from {@code costs} (ranges from
   * {@code cal}).
   */
  static List<List<Choice>> of(Module m, List<PartitionUnit> units, Map<String, Map<TileKind, Score>> scores,
      CostTable costs, Calibration cal) {
    Chip chip = costs.chip();
    Map<String, Node> byKey = new HashMap<>();
    m.nodes().forEach(n -> byKey.put(n.output().name(), n));
    List<List<Choice>> out = new ArrayList<>();
    for (PartitionUnit u : units) {
      Node n = byKey.get(u.key());
      List<Choice> cs = new ArrayList<>();
      for (TileKind k : List.of(TileKind.MEMRISTOR, TileKind.SRAM, TileKind.DIGITAL)) {
        if (!chip.has(k) || !Backends.of(k).supports(n, m, chip).supported()) {
          continue;
        }
        Score s = k == TileKind.DIGITAL ? Score.EXACT : scores.getOrDefault(u.key(), Map.of()).get(k);
        if (s == null) {
          continue;
        }
        Optional<Cost> c = costs.of(n, m, k, cal);
        if (c.isPresent()) {
          cs.add(Choice.of(k, c.get().energyPj(), k == TileKind.DIGITAL ? 0 : c.get().arrays(),
              Math.max(0, s.disagreement()), List.of(new Choice.Placed(n, k))));
        }
      }
      out.add(cs);
    }
    return out;
  }

  /** Arrays per CIM kind on the chip. */
  static Map<TileKind, Long> capacity(Chip chip) {
    Map<TileKind, Long> cap = new EnumMap<>(TileKind.class);
    cap.put(TileKind.MEMRISTOR, chip.has(TileKind.MEMRISTOR) ? chip.arrays(TileKind.MEMRISTOR) : 0L);
    cap.put(TileKind.SRAM, chip.has(TileKind.SRAM) ? chip.arrays(TileKind.SRAM) : 0L);
    return cap;
  }

  /** The picks of a fixed strategy: all-KIND (digital where KIND cannot run) or first-last-digital. */
  static int[] fixed(Strategy.Fixed strategy, List<PartitionUnit> units, List<List<Choice>> choices) {
    List<String> layers = new ArrayList<>(new LinkedHashSet<>(units.stream().map(PartitionUnit::layerKey).toList()));
    int[] pick = new int[units.size()];
    for (int i = 0; i < units.size(); i++) {
      TileKind want;
      if (strategy instanceof Strategy.Uniform u) {
        want = u.kind();
      } else {
        // first-last-digital, the one other fixed strategy
        String layer = units.get(i).layerKey();
        want = layer.equals(layers.get(0)) || layer.equals(layers.get(layers.size() - 1))
            ? TileKind.DIGITAL : TileKind.MEMRISTOR;
      }
      pick[i] = index(choices.get(i), want);
      if (pick[i] < 0) {
        pick[i] = index(choices.get(i), TileKind.DIGITAL);
      }
    }
    return pick;
  }

  /** The choice of {@code kind} in {@code cs}, or -1. */
  static int index(List<Choice> cs, TileKind kind) {
    for (int c = 0; c < cs.size(); c++) {
      if (cs.get(c).kind() == kind) {
        return c;
      }
    }
    return -1;
  }

  /** The assignment of {@code pick}: units on their chosen kinds, every other node digital. */
  static Assignment assignment(Module m, List<PartitionUnit> units, List<List<Choice>> choices, int[] pick) {
    Map<String, TileKind> kinds = new LinkedHashMap<>();
    m.nodes().forEach(n -> kinds.put(n.output().name(), TileKind.DIGITAL));
    for (int i = 0; i < units.size(); i++) {
      if (pick[i] >= 0) {
        kinds.put(units.get(i).key(), choices.get(i).get(pick[i]).kind());
      }
    }
    return new Assignment(kinds);
  }

  /**
   * Predicted drop (fraction) of {@code pick}: its units' drops combined as independent errors,
   * 1 - prod(1 - d_i) ({@link Drops}), at most 1.
   */
  static double drop(List<List<Choice>> choices, int[] pick) {
    double d = 0;
    for (int i = 0; i < pick.length; i++) {
      d = Drops.combine(d, pick[i] < 0 ? 0 : choices.get(i).get(pick[i]).drop());
    }
    return d;
  }
}
