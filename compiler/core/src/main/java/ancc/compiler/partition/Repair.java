package ancc.compiler.partition;

import ancc.ir.program.TileKind;
import java.util.List;
import java.util.Map;

/**
 * The choices verification makes: which unit to move when the measured drop exceeds the budget
 * (the most sensitive one still on a CIM kind) and where to (one step more precise).
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
}
