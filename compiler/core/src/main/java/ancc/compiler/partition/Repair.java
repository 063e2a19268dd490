package ancc.compiler.partition;

import ancc.ir.program.TileKind;
import java.util.List;
import java.util.Map;

/**
 * The choices verification makes: which unit to move when the measured drop exceeds the budget
 * (the most sensitive one still on a CIM kind), where to (one step more precise), and which fixed
 * strategy to fall back to when the energy ledger says it is cheaper within the budget.
 */
final class Repair {
  private Repair() {}

  /** The unit on a CIM kind with the largest measured drop there (ties: logit error), or -1. */
  static int mostSensitive(List<PartitionUnit> units, List<List<Choice>> choices, int[] pick,
      Map<String, Map<TileKind, Score>> scores) {
    int worst = -1;
    double[] best = null;
    for (int i = 0; i < units.size(); i++) {
      TileKind k = choices.get(i).get(pick[i]).kind();
      if (k == TileKind.DIGITAL) {
        continue;
      }
      Score s = scores.get(units.get(i).key()).get(k);
      double[] v = {s.disagreement(), s.logitNmse()};
      if (best == null || v[0] > best[0] || (v[0] == best[0] && v[1] > best[1])) {
        best = v;
        worst = i;
      }
    }
    return worst;
  }

  /** From memristor to SRAM when the unit can run there and the SRAM arrays have room, else digital. */
  static int morePrecise(List<List<Choice>> choices, int[] pick, int unit, Map<TileKind, Long> capacity) {
    List<Choice> cs = choices.get(unit);
    if (cs.get(pick[unit]).kind() == TileKind.MEMRISTOR) {
      int s = Choices.index(cs, TileKind.SRAM);
      if (s >= 0) {
        long used = 0;
        for (int i = 0; i < pick.length; i++) {
          used += choices.get(i).get(pick[i]).sramArrays();
        }
        if (used + cs.get(s).sramArrays() <= capacity.get(TileKind.SRAM)) {
          return s;
        }
      }
    }
    return Choices.index(cs, TileKind.DIGITAL);
  }

  /**
   * The cheapest fixed strategy whose ledger energy is below {@code energy} and which meets the budget
   * both on the additive model (predicted drop) and measured; null when there is none.
   */
  static String cheaperBaseline(Map<String, Baseline> baselines, double refTop1, double energy,
      PartitionOptions opts) {
    String best = null;
    double bestEnergy = energy * (1 - 1e-9);
    for (Map.Entry<String, Baseline> e : baselines.entrySet()) {
      Baseline b = e.getValue();
      if (b.energyPerInferenceUj() != null && b.energyPerInferenceUj() < bestEnergy
          && b.predictedDropPercent() <= opts.budgetPercent() + 1e-10
          && refTop1 - b.measuredTop1() <= opts.budgetFraction() + 1e-12) {
        best = e.getKey();
        bestEnergy = b.energyPerInferenceUj();
      }
    }
    return best;
  }
}
