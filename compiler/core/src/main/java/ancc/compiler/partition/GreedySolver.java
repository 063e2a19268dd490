package ancc.compiler.partition;

import ancc.ir.program.TileKind;
import java.util.List;
import java.util.Map;

/**
 * The greedy partition: start every unit on its cheapest zero-drop choice that fits (digital at
 * worst), then repeatedly make the move (one unit to another kind) with the most energy saved per
 * unit of added drop among the moves that keep the summed drop within the budget and the arrays
 * within the chip's, until no move saves energy. Moves that add no drop go first, largest saving
 * first.
 */
final class GreedySolver {
  private GreedySolver() {}

  static int[] solve(List<List<Choice>> units, double budget, Map<TileKind, Long> capacity) {
    int n = units.size();
    int[] pick = new int[n];
    long capM = capacity.getOrDefault(TileKind.MEMRISTOR, Long.MAX_VALUE);
    long capS = capacity.getOrDefault(TileKind.SRAM, Long.MAX_VALUE);
    long usedM = 0;
    long usedS = 0;
    for (int i = 0; i < n; i++) {
      List<Choice> cs = units.get(i);
      int best = -1;
      for (int c = 0; c < cs.size(); c++) {
        Choice ch = cs.get(c);
        boolean fits = usedM + ch.memristorArrays() <= capM && usedS + ch.sramArrays() <= capS;
        if (ch.drop() <= 0 && fits && (best < 0 || ch.energyPj() < cs.get(best).energyPj())) {
          best = c;
        }
      }
      if (best < 0) {
        throw new IllegalStateException("unit " + i + " has no zero-drop choice that fits");
      }
      pick[i] = best;
      usedM += cs.get(best).memristorArrays();
      usedS += cs.get(best).sramArrays();
    }
    double spent = 0;
    while (true) {
      int bi = -1;
      int bc = -1;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        Choice cur = units.get(i).get(pick[i]);
        for (int c = 0; c < units.get(i).size(); c++) {
          Choice ch = units.get(i).get(c);
          double saved = cur.energyPj() - ch.energyPj();
          double added = ch.drop() - cur.drop();
          if (c == pick[i] || saved <= 0 || spent + added > budget + 1e-12) {
            continue;
          }
          if (usedM - cur.memristorArrays() + ch.memristorArrays() > capM
              || usedS - cur.sramArrays() + ch.sramArrays() > capS) {
            continue;
          }
          double score = added <= 0 ? Double.MAX_VALUE / 2 + saved : saved / added;
          if (score > bestScore) {
            bestScore = score;
            bi = i;
            bc = c;
          }
        }
      }
      if (bi < 0) {
        return pick;
      }
      Choice cur = units.get(bi).get(pick[bi]);
      Choice ch = units.get(bi).get(bc);
      usedM += ch.memristorArrays() - cur.memristorArrays();
      usedS += ch.sramArrays() - cur.sramArrays();
      spent += ch.drop() - cur.drop();
      pick[bi] = bc;
    }
  }
}
