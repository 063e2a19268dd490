package ancc.compiler.partition;

import ancc.ir.program.TileKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The per-unit decisions of a partition with a one-line reason each. */
final class Decisions {
  private Decisions() {}

  static List<LayerDecision> of(List<PartitionUnit> units, List<List<Choice>> choices, int[] pick,
      Map<String, Map<TileKind, Score>> scores, String[] repaired) {
    List<LayerDecision> out = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      PartitionUnit u = units.get(i);
      List<Choice> cs = choices.get(i);
      Choice ch = cs.get(pick[i]);
      Map<String, Score> sens = new LinkedHashMap<>();
      scores.getOrDefault(u.key(), Map.of()).forEach((k, s) -> sens.put(k.text(), s));
      Map<String, Double> energy = new LinkedHashMap<>();
      cs.forEach(c -> energy.put(c.kind().text(), c.energyPj()));
      String why = why(cs, ch);
      if (repaired[i] != null) {
        why = repaired[i] + "; " + why;
      }
      out.add(new LayerDecision(u.name(), u.key(), u.layerKey(), u.op(), u.from(), u.to(), ch.kind().text(), sens,
          energy, 100 * ch.drop(), why));
    }
    return out;
  }

  private static String why(List<Choice> cs, Choice ch) {
    int d = Choices.index(cs, TileKind.DIGITAL);
    double digital = d < 0 ? Double.NaN : cs.get(d).energyPj();
    if (ch.kind() != TileKind.DIGITAL) {
      double saved = digital - ch.energyPj();
      return String.format(Locale.ROOT, "%s: %s %.1f pJ/inference against digital, adds %.2f%% predicted drop",
          ch.kind().text(), saved >= 0 ? "saves" : "costs", Math.abs(saved), 100 * ch.drop());
    }
    Choice cheaper = null;
    for (Choice c : cs) {
      if (c.energyPj() < ch.energyPj() && (cheaper == null || c.energyPj() < cheaper.energyPj())) {
        cheaper = c;
      }
    }
    if (cheaper == null) {
      return "digital: the cheapest kind for this layer, exact";
    }
    return String.format(Locale.ROOT, "digital: %s would save %.1f pJ/inference but add %.2f%% predicted drop",
        cheaper.kind().text(), ch.energyPj() - cheaper.energyPj(), 100 * cheaper.drop());
  }

  /** A percentage without trailing zeros, e.g. {@code 0.5}, {@code 1}. */
  static String pct(double v) {
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }
}
