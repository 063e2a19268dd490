package ancc.compiler.partition;

import ancc.ir.program.TileKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The exact partition on the additive model: minimum total energy over one choice per unit such
 * that the summed drops stay within the budget and the arrays of each kind within the chip's.
 *
 * <p>The budget is discretized into {@value #BUCKETS} buckets and every drop is rounded up to whole
 * buckets (so the discretized constraint is never looser than the real one; a zero budget admits
 * only zero drops). A dynamic program over units and remaining buckets gives, for every suffix of
 * units, the least energy ignoring capacity. That table is the lower bound of a depth-first
 * branch and bound over the units that adds the capacity constraints; choices are tried cheapest
 * bound first, so when capacity does not bind the first leaf is the optimum and the search ends at
 * once. The search stops after {@value #NODE_LIMIT} nodes and keeps the best leaf found (then
 * {@link Result#exact} is false).
 */
final class ExactSolver {
  static final int BUCKETS = 1000;
  static final long NODE_LIMIT = 2_000_000;

  /** Choice index per unit, and whether the search finished. */
  record Result(int[] choice, boolean exact) {}

  private final List<List<Choice>> units;
  private final Map<TileKind, Long> capacity;
  private final int[][] cost;
  private final double[][] suffix;
  private final int budget;
  private int[] best;
  private double bestEnergy = Double.POSITIVE_INFINITY;
  private long nodes;

  private ExactSolver(List<List<Choice>> units, double budget, Map<TileKind, Long> capacity) {
    this.units = units;
    this.capacity = capacity;
    this.budget = budget > 0 ? BUCKETS : 0;
    double size = budget / BUCKETS;
    int n = units.size();
    cost = new int[n][];
    for (int i = 0; i < n; i++) {
      List<Choice> cs = units.get(i);
      cost[i] = new int[cs.size()];
      for (int c = 0; c < cs.size(); c++) {
        double d = Math.max(0, cs.get(c).drop());
        cost[i][c] = d == 0 ? 0 : budget <= 0 ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE,
            Math.ceil(d / size - 1e-9));
      }
    }
    suffix = new double[n + 1][this.budget + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int b = 0; b <= this.budget; b++) {
        double v = Double.POSITIVE_INFINITY;
        for (int c = 0; c < cost[i].length; c++) {
          if (cost[i][c] <= b) {
            v = Math.min(v, units.get(i).get(c).energyPj() + suffix[i + 1][b - cost[i][c]]);
          }
        }
        suffix[i][b] = v;
      }
    }
  }

  /** Solves; every unit must have a zero-drop choice (digital) so a solution exists. */
  static Result solve(List<List<Choice>> units, double budgetFraction, Map<TileKind, Long> capacity) {
    ExactSolver s = new ExactSolver(units, budgetFraction, capacity);
    int[] current = new int[units.size()];
    s.search(0, s.budget, 0, new long[2], current);
    if (s.best == null) {
      throw new IllegalStateException("no feasible partition (a unit without a zero-drop choice?)");
    }
    return new Result(s.best, s.nodes < NODE_LIMIT);
  }

  private void search(int i, int left, double energy, long[] used, int[] current) {
    if (++nodes > NODE_LIMIT && best != null) {
      return;
    }
    if (i == units.size()) {
      if (energy < bestEnergy) {
        bestEnergy = energy;
        best = current.clone();
      }
      return;
    }
    if (energy + suffix[i][left] >= bestEnergy - 1e-9 * Math.abs(bestEnergy)) {
      return;
    }
    List<Choice> cs = units.get(i);
    List<Integer> order = new ArrayList<>();
    for (int c = 0; c < cs.size(); c++) {
      if (cost[i][c] <= left) {
        order.add(c);
      }
    }
    order.sort(Comparator.comparingDouble(c -> cs.get(c).energyPj() + suffix[i + 1][left - cost[i][c]]));
    for (int c : order) {
      Choice ch = cs.get(c);
      if (used[0] + ch.memristorArrays() > capacity.getOrDefault(TileKind.MEMRISTOR, Long.MAX_VALUE)
          || used[1] + ch.sramArrays() > capacity.getOrDefault(TileKind.SRAM, Long.MAX_VALUE)) {
        continue;
      }
      used[0] += ch.memristorArrays();
      used[1] += ch.sramArrays();
      current[i] = c;
      search(i + 1, left - cost[i][c], energy + ch.energyPj(), used, current);
      used[0] -= ch.memristorArrays();
      used[1] -= ch.sramArrays();
    }
  }
}
