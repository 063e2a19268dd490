package ancc.compiler.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.program.TileKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The solvers on random instances of the additive model (some units with a mixed choice occupying
 * arrays of both CIM kinds, as a kernel-granular layer does): the exact solver matches brute force over
 * every assignment (with drops on the solver's bucket grid, so discretization loses nothing), the
 * greedy one is feasible and never below the optimum, a zero budget admits only zero drops, and the
 * optimum's energy never rises with the budget.
 */
class SolverTest {
  private static final double BUDGET = 0.01;

  /** Units with memristor (cheap, lossy), sram (middle) and digital (exact) choices; drops on the bucket grid. */
  private static List<List<Choice>> instance(SplittableRandom r, int units) {
    double bucket = BUDGET / ExactSolver.BUCKETS;
    List<List<Choice>> out = new ArrayList<>();
    for (int i = 0; i < units; i++) {
      double digital = 100 + r.nextDouble() * 900;
      double sram = digital * (0.2 + r.nextDouble());
      double mem = sram * (0.1 + r.nextDouble());
      double dm = r.nextInt(3) == 0 ? 0 : bucket * r.nextInt(1, 600);
      double ds = r.nextInt(2) == 0 ? 0 : bucket * r.nextInt(1, 100);
      List<Choice> cs = new ArrayList<>(List.of(Choice.of(TileKind.MEMRISTOR, mem, r.nextInt(1, 6), dm),
          Choice.of(TileKind.SRAM, sram, r.nextInt(1, 6), ds), Choice.of(TileKind.DIGITAL, digital, 0, 0)));
      if (r.nextBoolean()) {
        // a kernel-granular layer whose channel groups span both CIM kinds
        cs.add(new Choice(null, (mem + sram) / 2, r.nextInt(1, 4), r.nextInt(1, 4), bucket * r.nextInt(0, 300)));
      }
      out.add(cs);
    }
    return out;
  }

  private static Map<TileKind, Long> capacity(long mem, long sram) {
    Map<TileKind, Long> c = new EnumMap<>(TileKind.class);
    c.put(TileKind.MEMRISTOR, mem);
    c.put(TileKind.SRAM, sram);
    return c;
  }

  /** Brute force: the least energy of a feasible assignment. */
  private static double brute(List<List<Choice>> units, double budget, Map<TileKind, Long> cap) {
    int n = units.size();
    int[] pick = new int[n];
    double best = Double.POSITIVE_INFINITY;
    while (true) {
      if (feasible(units, pick, budget, cap)) {
        best = Math.min(best, Choices.energy(units, pick));
      }
      int i = 0;
      while (i < n && ++pick[i] == units.get(i).size()) {
        pick[i++] = 0;
      }
      if (i == n) {
        return best;
      }
    }
  }

  private static boolean feasible(List<List<Choice>> units, int[] pick, double budget, Map<TileKind, Long> cap) {
    long mem = 0;
    long sram = 0;
    for (int i = 0; i < pick.length; i++) {
      Choice c = units.get(i).get(pick[i]);
      mem += c.memristorArrays();
      sram += c.sramArrays();
    }
    return Choices.drop(units, pick) <= budget + 1e-12 && mem <= cap.get(TileKind.MEMRISTOR)
        && sram <= cap.get(TileKind.SRAM);
  }

  @Test
  void exactMatchesBruteForceAndGreedyIsFeasibleAndNeverBetter() {
    SplittableRandom r = new SplittableRandom(42);
    for (int trial = 0; trial < 200; trial++) {
      List<List<Choice>> units = instance(r, r.nextInt(1, 9));
      Map<TileKind, Long> cap = capacity(r.nextInt(0, 15), r.nextInt(0, 15));
      double want = brute(units, BUDGET, cap);
      ExactSolver.Result exact = ExactSolver.solve(units, BUDGET, cap);
      assertTrue(exact.exact());
      assertTrue(feasible(units, exact.choice(), BUDGET, cap), "exact solution infeasible, trial " + trial);
      assertEquals(want, Choices.energy(units, exact.choice()), 1e-6 * want, "trial " + trial);
      int[] greedy = GreedySolver.solve(units, BUDGET, cap);
      assertTrue(feasible(units, greedy, BUDGET, cap), "greedy solution infeasible, trial " + trial);
      assertTrue(Choices.energy(units, greedy) >= want - 1e-6 * want, "greedy below the optimum, trial " + trial);
    }
  }

  @Test
  void zeroBudgetAdmitsOnlyZeroDrops() {
    SplittableRandom r = new SplittableRandom(7);
    for (int trial = 0; trial < 50; trial++) {
      List<List<Choice>> units = instance(r, 6);
      Map<TileKind, Long> cap = capacity(100, 100);
      int[] exact = ExactSolver.solve(units, 0, cap).choice();
      int[] greedy = GreedySolver.solve(units, 0, cap);
      for (int i = 0; i < units.size(); i++) {
        assertEquals(0, units.get(i).get(exact[i]).drop(), "exact, trial " + trial);
        assertEquals(0, units.get(i).get(greedy[i]).drop(), "greedy, trial " + trial);
      }
      assertEquals(brute(units, 0, cap), Choices.energy(units, exact), 1e-6);
    }
  }

  @Test
  void optimumNeverRisesWithTheBudget() {
    SplittableRandom r = new SplittableRandom(3);
    for (int trial = 0; trial < 30; trial++) {
      List<List<Choice>> units = instance(r, 10);
      Map<TileKind, Long> cap = capacity(r.nextInt(5, 30), r.nextInt(5, 30));
      double last = Double.POSITIVE_INFINITY;
      for (double budget : new double[] {0, 0.002, 0.005, 0.01, 0.02, 0.05, 1}) {
        double e = Choices.energy(units, ExactSolver.solve(units, budget, cap).choice());
        assertTrue(e <= last + 1e-9, "energy rose from " + last + " to " + e + " at budget " + budget);
        last = e;
      }
    }
  }

  @Test
  void fortyUnitsSolveQuickly() {
    SplittableRandom r = new SplittableRandom(11);
    List<List<Choice>> units = instance(r, 40);
    long t0 = System.nanoTime();
    ExactSolver.Result res = ExactSolver.solve(units, BUDGET, capacity(60, 60));
    double ms = (System.nanoTime() - t0) / 1e6;
    assertTrue(feasible(units, res.choice(), BUDGET, capacity(60, 60)));
    assertTrue(Choices.energy(units, res.choice()) <= Choices.energy(units, GreedySolver.solve(units, BUDGET,
        capacity(60, 60))) + 1e-9);
    assertTrue(ms < 5000, "40 units took " + ms + " ms");
  }
}
