package ancc.compiler.partition;

import ancc.ir.program.TileKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-unit decisions of a partition with a one-line reason each: what moving the unit to
 * another kind would change in the {@link Objective}, and the drop it adds.
 */
final class Decisions {
  private Decisions() {}

  static List<LayerDecision> of(List<PartitionUnit> units, List<List<Choice>> choices, int[] pick,
      Map<String, Map<TileKind, Score>> scores, String[] repaired, Objective objective) {
    double current = objective.energyPj(pick);
    List<LayerDecision> out = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      PartitionUnit u = units.get(i);
      List<Choice> cs = choices.get(i);
      Choice ch = cs.get(pick[i]);
      Map<String, Score> sens = new LinkedHashMap<>();
      scores.getOrDefault(u.key(), Map.of()).forEach((k, s) -> sens.put(k.text(), s));
      Map<String, Double> energy = new LinkedHashMap<>();
      cs.forEach(c -> energy.put(c.kind().text(), c.energyPj()));
      String why = why(cs, pick, i, current, objective);
      if (repaired[i] != null) {
        why = repaired[i] + "; " + why;
      }
      out.add(new LayerDecision(u.name(), u.key(), u.layerKey(), u.op(), u.from(), u.to(), ch.kind().text(), sens,
          energy, 100 * ch.drop(), why));
    }
    return out;
  }

  /**
   * Why unit {@code i} is where it is: the objective's change when it moves to another kind, the rest
   * of the pick unchanged.
   */
  private static String why(List<Choice> cs, int[] pick, int i, double current, Objective objective) {
    Choice ch = cs.get(pick[i]);
    double[] moved = new double[cs.size()];
    int was = pick[i];
    for (int c = 0; c < cs.size(); c++) {
      pick[i] = c;
      moved[c] = c == was ? current : objective.energyPj(pick);
    }
    pick[i] = was;
    int d = Choices.index(cs, TileKind.DIGITAL);
    if (ch.kind() != TileKind.DIGITAL && d < 0) {
      return String.format(Locale.ROOT, "%s: no digital choice to compare with (the chip has no digital tile), adds"
          + " %.2f%% predicted drop", ch.kind().text(), 100 * ch.drop());
    }
    if (ch.kind() != TileKind.DIGITAL) {
      double saved = moved[d] - current;
      return String.format(Locale.ROOT, "%s: %s %.1f pJ/inference against digital, adds %.2f%% predicted drop",
          ch.kind().text(), saved >= 0 ? "saves" : "costs", Math.abs(saved), 100 * ch.drop());
    }
    int cheaper = -1;
    for (int c = 0; c < cs.size(); c++) {
      if (moved[c] < current && (cheaper < 0 || moved[c] < moved[cheaper])) {
        cheaper = c;
      }
    }
    if (cheaper < 0) {
      return "digital: the cheapest kind for this layer, exact";
    }
    return String.format(Locale.ROOT, "digital: %s would save %.1f pJ/inference but add %.2f%% predicted drop",
        cs.get(cheaper).kind().text(), current - moved[cheaper], 100 * cs.get(cheaper).drop());
  }

  /** A percentage without trailing zeros, e.g. {@code 0.5}, {@code 1}. */
  static String pct(double v) {
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }
}
