package ancc.compiler.partition;

import ancc.ir.program.TileKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The exact partition of a {@link Problem}: the least {@code value} over one choice per unit such
 * that the combined drop {@code 1 - prod(1 - d_i)} stays within the budget B and the arrays of each
 * kind within the chip's.
 *
 * <p>The drop constraint is additive in the weights {@code w(d) = -ln(1 - d)} ({@link Drops}):
 * {@code 1 - prod(1 - d_i) <= B} exactly when {@code sum w(d_i) <= w(B)}. The weight budget
 * {@code w(B)} is discretized into {@value #BUCKETS} buckets and every unit's weight is rounded up
 * to whole buckets (so the discretized constraint is never looser than the real one; a zero budget
 * admits only zero drops, a budget of 100 % every drop). The leakage of the objective depends on how many tiles of each CIM kind the
 * pick needs, so the assignments are enumerated by that tile configuration {@code (n_m, n_s)}:
 * within one the leakage power {@code lambda} is known, the separable bound of the problem becomes
 * a sum of per-unit terms {@code pj + lambda x cycles}, and a dynamic program over units and
 * remaining buckets gives, for every suffix of units, its least bound ignoring capacity. That
 * table is the lower bound of a depth-first branch and bound over the units that adds the capacity
 * constraints (at most {@code n_k} tiles' worth of arrays, and exactly {@code n_k} tiles needed at a
 * leaf) and evaluates each leaf's full {@code value}; choices are tried cheapest bound first.
 * Configurations are searched in order of their bound and the search ends when the next bound is
 * no better than the best value found, so the result is the optimum of {@code value}. The search
 * stops after {@value #NODE_LIMIT} nodes and keeps the best leaf found (then {@link Result#exact} is
 * false).
 */
final class ExactSolver {
  static final int BUCKETS = 1000;
  static final long NODE_LIMIT = 2_000_000;
  private static final List<TileKind> CIM = List.of(TileKind.MEMRISTOR, TileKind.SRAM);

  /** Choice index per unit, and whether the search finished. */
  record Result(int[] choice, boolean exact) {}

  /** One tile configuration: tiles per CIM kind, the leakage power, the arrays allowed, the bound table. */
  private record Config(int[] tiles, double lambda, long[] cap, double[][] suffix, double bound) {}

  private final Problem p;
  private final int[][] cost;
  private final int budget;
  private int[] best;
  private double bestValue = Double.POSITIVE_INFINITY;
  private long nodes;

  private ExactSolver(Problem p, double budget) {
    this.p = p;
    double total = Drops.weight(budget);
    boolean finite = total > 0 && !Double.isInfinite(total);
    this.budget = finite ? BUCKETS : 0;
    double size = total / BUCKETS;
    int n = p.units().size();
    cost = new int[n][];
    for (int i = 0; i < n; i++) {
      List<Problem.Term> cs = p.units().get(i);
      cost[i] = new int[cs.size()];
      for (int c = 0; c < cs.size(); c++) {
        double w = Drops.weight(cs.get(c).drop());
        cost[i][c] = w == 0 || Double.isInfinite(total) ? 0 : !finite || Double.isInfinite(w) ? Integer.MAX_VALUE
            : (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(w / size - 1e-9)));
      }
    }
  }

  /** Solves; every unit must have a zero-drop choice (digital) so a solution exists. */
  static Result solve(Problem p, double budgetFraction) {
    ExactSolver s = new ExactSolver(p, budgetFraction);
    List<Config> configs = s.configs();
    configs.sort(Comparator.comparingDouble(Config::bound));
    for (Config c : configs) {
      if (c.bound() >= s.bestValue - 1e-9 * Math.abs(s.bestValue) || (s.nodes > NODE_LIMIT && s.best != null)) {
        break;
      }
      s.search(c, 0, s.budget, 0, new long[2], new int[p.units().size()]);
    }
    if (s.best == null) {
      throw new Infeasible("no feasible partition (a unit without a zero-drop choice?)", -1);
    }
    return new Result(s.best, s.nodes <= NODE_LIMIT);
  }

  /** Every tile configuration up to the tiles the largest pick could need, with its bound table. */
  private List<Config> configs() {
    int[] max = new int[2];
    for (int k = 0; k < 2; k++) {
      Problem.Tiles t = p.tiles().get(CIM.get(k));
      long most = 0;
      for (List<Problem.Term> cs : p.units()) {
        final int kk = k;
        most += cs.stream().mapToLong(c -> c.arrays(CIM.get(kk))).max().orElse(0);
      }
      max[k] = t == null ? 0 : (int) Math.min(t.count(), t.needed(most));
    }
    List<Config> out = new ArrayList<>();
    for (int m = 0; m <= max[0]; m++) {
      for (int s = 0; s <= max[1]; s++) {
        out.add(config(new int[] {m, s}));
      }
    }
    return out;
  }

  private Config config(int[] tiles) {
    double lambda = p.basePjPerCycle();
    long[] cap = new long[2];
    for (int k = 0; k < 2; k++) {
      TileKind kind = CIM.get(k);
      Problem.Tiles t = p.tiles().get(kind);
      long chip = p.capacity().getOrDefault(kind, Long.MAX_VALUE);
      cap[k] = t == null ? chip : Math.min(chip, (long) tiles[k] * t.arraysPerTile());
      lambda += t == null ? 0 : tiles[k] * t.leakPjPerCycle();
    }
    int n = p.units().size();
    double[][] suffix = new double[n + 1][budget + 1];
    for (int i = n - 1; i >= 0; i--) {
      List<Problem.Term> cs = p.units().get(i);
      for (int b = 0; b <= budget; b++) {
        double v = Double.POSITIVE_INFINITY;
        for (int c = 0; c < cs.size(); c++) {
          Problem.Term t = cs.get(c);
          if (cost[i][c] <= b && t.memristorArrays() <= cap[0] && t.sramArrays() <= cap[1]) {
            v = Math.min(v, unary(t, lambda) + suffix[i + 1][b - cost[i][c]]);
          }
        }
        suffix[i][b] = v;
      }
    }
    double base = p.fixedPj() + lambda * p.fixedCycles();
    return new Config(tiles, lambda, cap, suffix, base + suffix[0][budget]);
  }

  private static double unary(Problem.Term t, double lambda) {
    return t.pj() + lambda * t.cycles();
  }

  private void search(Config cf, int i, int left, double partial, long[] used, int[] current) {
    if (++nodes > NODE_LIMIT && best != null) {
      return;
    }
    int n = p.units().size();
    if (i == n) {
      for (int k = 0; k < 2; k++) {
        Problem.Tiles t = p.tiles().get(CIM.get(k));
        if (t != null && t.needed(used[k]) != cf.tiles()[k]) {
          return;
        }
      }
      double v = p.value().applyAsDouble(current);
      if (v < bestValue) {
        bestValue = v;
        best = current.clone();
      }
      return;
    }
    double base = p.fixedPj() + cf.lambda() * p.fixedCycles();
    if (base + partial + cf.suffix()[i][left] >= bestValue - 1e-9 * Math.abs(bestValue)) {
      return;
    }
    List<Problem.Term> cs = p.units().get(i);
    List<Integer> order = new ArrayList<>();
    for (int c = 0; c < cs.size(); c++) {
      if (cost[i][c] <= left) {
        order.add(c);
      }
    }
    order.sort(Comparator.comparingDouble(c -> unary(cs.get(c), cf.lambda()) + cf.suffix()[i + 1][left - cost[i][c]]));
    for (int c : order) {
      Problem.Term t = cs.get(c);
      if (used[0] + t.memristorArrays() > cf.cap()[0] || used[1] + t.sramArrays() > cf.cap()[1]) {
        continue;
      }
      used[0] += t.memristorArrays();
      used[1] += t.sramArrays();
      current[i] = c;
      search(cf, i + 1, left - cost[i][c], partial + unary(t, cf.lambda()), used, current);
      used[0] -= t.memristorArrays();
      used[1] -= t.sramArrays();
    }
  }
}
