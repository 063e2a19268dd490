package ancc.compiler.partition;

import java.util.List;

/**
 * The greedy partition of a {@link Problem}: start every unit on its cheapest zero-drop choice
 * (by its term at the base leakage) that fits (digital at worst), then repeatedly make the move
 * (one unit to another choice) with the most {@code value} saved per unit of added drop weight
 * ({@link Drops#weight}, additive) among the moves that keep the combined drop within the budget and
 * the arrays within the chip's, until no move saves energy. Moves that add no drop go first, largest
 * saving first.
 */
final class GreedySolver {
  private GreedySolver() {}

  static int[] solve(Problem p, double budget) {
    int n = p.units().size();
    int[] pick = new int[n];
    for (int i = 0; i < n; i++) {
      List<Problem.Term> cs = p.units().get(i);
      int best = -1;
      for (int c = 0; c < cs.size(); c++) {
        pick[i] = c;
        Problem.Term t = cs.get(c);
        boolean fits = p.fits(pick, i + 1);
        if (t.drop() <= 0 && fits && (best < 0 || cost(p, t) < cost(p, cs.get(best)))) {
          best = c;
        }
      }
      if (best < 0) {
        throw new Infeasible("unit " + i + " has no zero-drop choice that fits", i);
      }
      pick[i] = best;
    }
    double total = Drops.weight(budget);
    double spent = 0;
    for (int i = 0; i < n; i++) {
      spent += weight(p, i, pick[i]);
    }
    double value = p.value().applyAsDouble(pick);
    while (true) {
      int bi = -1;
      int bc = -1;
      double bestScore = Double.NEGATIVE_INFINITY;
      double bestValue = value;
      for (int i = 0; i < n; i++) {
        int was = pick[i];
        for (int c = 0; c < p.units().get(i).size(); c++) {
          double added = weight(p, i, c) - weight(p, i, was);
          if (c == was || spent + added > total + 1e-12) {
            continue;
          }
          pick[i] = c;
          if (p.fits(pick, n)) {
            double v = p.value().applyAsDouble(pick);
            double saved = value - v;
            double score = added <= 0 ? Double.MAX_VALUE / 2 + saved : saved / added;
            if (saved > 1e-9 * Math.abs(value) && score > bestScore) {
              bestScore = score;
              bi = i;
              bc = c;
              bestValue = v;
            }
          }
          pick[i] = was;
        }
      }
      if (bi < 0) {
        return pick;
      }
      spent += weight(p, bi, bc) - weight(p, bi, pick[bi]);
      pick[bi] = bc;
      value = bestValue;
    }
  }

  private static double weight(Problem p, int unit, int choice) {
    return Drops.weight(p.units().get(unit).get(choice).drop());
  }

  private static double cost(Problem p, Problem.Term t) {
    return t.pj() + p.basePjPerCycle() * t.cycles();
  }
}
