package ancc.compiler.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
 * The solvers on random instances (some units with a mixed choice occupying arrays of both CIM
 * kinds, as a kernel-granular layer does), of the additive model and of a leaky one shaped like the
 * {@link Objective}: per choice energy and cycles, every used tile leaking over the summed cycles
 * (tiles needed per CIM kind = ceil(arrays / arrays per tile)), plus a random non-negative cost per
 * pair of neighbouring units' choices (the moves between them). The drop of a pick is its units'
 * drops combined as independent errors, 1 - prod(1 - d_i). The exact solver matches brute force
 * over every assignment (with drops whose weights -ln(1 - d) lie on the solver's bucket grid, so
 * discretization loses nothing), the greedy one is feasible and never below the optimum, a zero
 * budget admits only zero drops, a budget of 100 % every drop, and the optimum never rises with the
 * budget.
 */
class SolverTest {
  private static final double BUDGET = 0.01;

  /** The drop whose weight is {@code k} of the solver's buckets at {@link #BUDGET}. */
  private static double onGrid(int k) {
    return Drops.ofWeight(k * Drops.weight(BUDGET) / ExactSolver.BUCKETS);
  }

  /** Units with memristor (cheap, lossy), sram (middle) and digital (exact) choices; drops on the bucket grid. */
  private static List<List<Choice>> instance(SplittableRandom r, int units) {
    List<List<Choice>> out = new ArrayList<>();
    for (int i = 0; i < units; i++) {
      double digital = 100 + r.nextDouble() * 900;
      double sram = digital * (0.2 + r.nextDouble());
      double mem = sram * (0.1 + r.nextDouble());
      double dm = r.nextInt(3) == 0 ? 0 : onGrid(r.nextInt(1, 600));
      double ds = r.nextInt(2) == 0 ? 0 : onGrid(r.nextInt(1, 100));
      List<Choice> cs = new ArrayList<>(List.of(Choice.of(TileKind.MEMRISTOR, mem, r.nextInt(1, 6), dm),
          Choice.of(TileKind.SRAM, sram, r.nextInt(1, 6), ds), Choice.of(TileKind.DIGITAL, digital, 0, 0)));
      if (r.nextBoolean()) {
        // a kernel-granular layer whose channel groups span both CIM kinds
        cs.add(new Choice(null, (mem + sram) / 2, r.nextInt(1, 4), r.nextInt(1, 4), onGrid(r.nextInt(0, 300)),
            List.of()));
      }
      out.add(cs);
    }
    return out;
  }

  /**
   * The leaky problem of {@code units}: cycles per choice (CIM slower per vector on memristor, digital
   * in between), 4 memristor arrays per tile leaking 0.6 pJ per cycle, 8 SRAM macros per tile leaking
   * 1.1, a digital tile leaking 0.9, fixed work of 150 pJ and 300 cycles, and a pair cost between the
   * choices of units i and i + 1.
   */
  private static Problem leaky(SplittableRandom r, List<List<Choice>> units, Map<TileKind, Long> cap) {
    List<List<Problem.Term>> terms = new ArrayList<>();
    for (List<Choice> cs : units) {
      List<Problem.Term> ts = new ArrayList<>();
      for (Choice c : cs) {
        long cycles = c.kind() == TileKind.MEMRISTOR ? r.nextInt(200, 900) : r.nextInt(20, 400);
        ts.add(new Problem.Term(c.energyPj(), cycles, c.memristorArrays(), c.sramArrays(), c.drop()));
      }
      terms.add(ts);
    }
    double[][][] pair = new double[units.size()][][];
    for (int i = 0; i + 1 < units.size(); i++) {
      pair[i] = new double[units.get(i).size()][units.get(i + 1).size()];
      for (double[] row : pair[i]) {
        for (int j = 0; j < row.length; j++) {
          row[j] = r.nextInt(3) == 0 ? 0 : r.nextDouble() * 300;
        }
      }
    }
    Map<TileKind, Problem.Tiles> tiles = new EnumMap<>(TileKind.class);
    tiles.put(TileKind.MEMRISTOR, new Problem.Tiles(4, 100, 0.6));
    tiles.put(TileKind.SRAM, new Problem.Tiles(8, 100, 1.1));
    double base = 0.9;
    double fixedPj = 150;
    long fixedCycles = 300;
    return new Problem(terms, cap, tiles, base, fixedPj, fixedCycles, pick -> {
      double e = fixedPj;
      long cycles = fixedCycles;
      long mem = 0;
      long sram = 0;
      for (int i = 0; i < pick.length; i++) {
        Problem.Term t = terms.get(i).get(pick[i]);
        e += t.pj();
        cycles += t.cycles();
        mem += t.memristorArrays();
        sram += t.sramArrays();
        if (i + 1 < pick.length) {
          e += pair[i][pick[i]][pick[i + 1]];
        }
      }
      double lambda = base + tiles.get(TileKind.MEMRISTOR).needed(mem) * 0.6 + tiles.get(TileKind.SRAM).needed(sram)
          * 1.1;
      return e + lambda * cycles;
    });
  }

  private static Map<TileKind, Long> capacity(long mem, long sram) {
    Map<TileKind, Long> c = new EnumMap<>(TileKind.class);
    c.put(TileKind.MEMRISTOR, mem);
    c.put(TileKind.SRAM, sram);
    return c;
  }

  /** Brute force: the least value of a feasible assignment. */
  private static double brute(Problem p, double budget) {
    int n = p.units().size();
    int[] pick = new int[n];
    double best = Double.POSITIVE_INFINITY;
    while (true) {
      if (feasible(p, pick, budget)) {
        best = Math.min(best, p.value().applyAsDouble(pick));
      }
      int i = 0;
      while (i < n && ++pick[i] == p.units().get(i).size()) {
        pick[i++] = 0;
      }
      if (i == n) {
        return best;
      }
    }
  }

  private static boolean feasible(Problem p, int[] pick, double budget) {
    return p.drop(pick) <= budget + 1e-12 && p.fits(pick, pick.length);
  }

  @Test
  void exactMatchesBruteForceAndGreedyIsFeasibleAndNeverBetter() {
    SplittableRandom r = new SplittableRandom(42);
    for (int trial = 0; trial < 300; trial++) {
      List<List<Choice>> units = instance(r, r.nextInt(1, 8));
      Map<TileKind, Long> cap = capacity(r.nextInt(0, 15), r.nextInt(0, 15));
      Problem p = trial % 2 == 0 ? Problem.additive(units, cap) : leaky(r, units, cap);
      double want = brute(p, BUDGET);
      ExactSolver.Result exact = ExactSolver.solve(p, BUDGET);
      assertTrue(exact.exact());
      assertTrue(feasible(p, exact.choice(), BUDGET), "exact solution infeasible, trial " + trial);
      assertEquals(want, p.value().applyAsDouble(exact.choice()), 1e-9 * want, "trial " + trial);
      int[] greedy = GreedySolver.solve(p, BUDGET);
      assertTrue(feasible(p, greedy, BUDGET), "greedy solution infeasible, trial " + trial);
      assertTrue(p.value().applyAsDouble(greedy) >= want - 1e-9 * want, "greedy below the optimum, trial " + trial);
    }
  }

  @Test
  void zeroBudgetAdmitsOnlyZeroDrops() {
    SplittableRandom r = new SplittableRandom(7);
    for (int trial = 0; trial < 50; trial++) {
      List<List<Choice>> units = instance(r, 6);
      Map<TileKind, Long> cap = capacity(100, 100);
      Problem p = trial % 2 == 0 ? Problem.additive(units, cap) : leaky(r, units, cap);
      int[] exact = ExactSolver.solve(p, 0).choice();
      int[] greedy = GreedySolver.solve(p, 0);
      for (int i = 0; i < units.size(); i++) {
        assertEquals(0, units.get(i).get(exact[i]).drop(), "exact, trial " + trial);
        assertEquals(0, units.get(i).get(greedy[i]).drop(), "greedy, trial " + trial);
      }
      assertEquals(brute(p, 0), p.value().applyAsDouble(exact), 1e-6);
    }
  }

  @Test
  void optimumNeverRisesWithTheBudget() {
    SplittableRandom r = new SplittableRandom(3);
    for (int trial = 0; trial < 30; trial++) {
      List<List<Choice>> units = instance(r, 8);
      Map<TileKind, Long> cap = capacity(r.nextInt(5, 30), r.nextInt(5, 30));
      Problem p = trial % 2 == 0 ? Problem.additive(units, cap) : leaky(r, units, cap);
      double last = Double.POSITIVE_INFINITY;
      for (double budget : new double[] {0, 0.002, 0.005, 0.01, 0.02, 0.05, 1}) {
        double e = p.value().applyAsDouble(ExactSolver.solve(p, budget).choice());
        assertTrue(e <= last + 1e-9, "energy rose from " + last + " to " + e + " at budget " + budget);
        last = e;
      }
    }
  }

  @Test
  void fortyUnitsSolveExactly() {
    SplittableRandom r = new SplittableRandom(11);
    for (boolean leak : new boolean[] {false, true}) {
      List<List<Choice>> units = instance(r, 40);
      Problem p = leak ? leaky(r, units, capacity(60, 60)) : Problem.additive(units, capacity(60, 60));
      ExactSolver.Result res = ExactSolver.solve(p, BUDGET);
      assertTrue(feasible(p, res.choice(), BUDGET));
      assertTrue(p.value().applyAsDouble(res.choice()) <= p.value().applyAsDouble(GreedySolver.solve(p, BUDGET))
          + 1e-9);
      // within the solver's deterministic search limit, not a wall-time bound (speed lives in bench/)
      assertTrue(res.exact(), "40 units not solved exactly within the search limit (leaky: " + leak + ")");
    }
  }

  @Test
  void dropsCombineAsIndependentErrorsBoundedByOne() {
    // 17 layers each flipping 6.25 % of the images alone: the sum was 106.25 points
    List<List<Choice>> units = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      units.add(List.of(Choice.of(TileKind.MEMRISTOR, 1, 1, 0.0625), Choice.of(TileKind.DIGITAL, 10, 0, 0)));
    }
    int[] all = new int[17];
    double want = 1 - Math.pow(1 - 0.0625, 17);
    assertEquals(want, Choices.drop(units, all), 1e-12);
    assertEquals(want, Problem.additive(units, capacity(100, 100)).drop(all), 1e-12);
    assertTrue(Choices.drop(units, all) < 1);
    assertEquals(0.5, Drops.combine(0.5, 0), 0);
    assertEquals(1, Drops.combine(1, 0.3), 0);
    assertEquals(0.75, Drops.combine(0.5, 0.5), 1e-15);
    assertEquals(0.3, Drops.ofWeight(Drops.weight(0.3)), 1e-15);
    assertEquals(Double.POSITIVE_INFINITY, Drops.weight(1));
  }

  @Test
  void budgetAdmitsWhatTheCombinedDropAllowsAndNoMore() {
    // two layers of 0.501 % each: summed 1.002 % (over a 1 % budget), combined 0.99975 % (within)
    List<List<Choice>> two = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      two.add(List.of(Choice.of(TileKind.MEMRISTOR, 1, 1, 0.00501), Choice.of(TileKind.DIGITAL, 10, 0, 0)));
    }
    Problem p = Problem.additive(two, capacity(100, 100));
    assertArrayEquals(new int[] {0, 0}, ExactSolver.solve(p, 0.01).choice());
    assertArrayEquals(new int[] {0, 0}, GreedySolver.solve(p, 0.01));
    // 0.502 % each combines to 1.00175 %: only one fits
    List<List<Choice>> over = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      over.add(List.of(Choice.of(TileKind.MEMRISTOR, 1, 1, 0.00502), Choice.of(TileKind.DIGITAL, 10, 0, 0)));
    }
    Problem q = Problem.additive(over, capacity(100, 100));
    assertEquals(11, q.value().applyAsDouble(ExactSolver.solve(q, 0.01).choice()), 1e-12);
    assertEquals(11, q.value().applyAsDouble(GreedySolver.solve(q, 0.01)), 1e-12);
    // a budget of 100 % admits even a layer that flips every image
    List<List<Choice>> lossy = List.of(List.of(Choice.of(TileKind.MEMRISTOR, 1, 1, 1.0),
        Choice.of(TileKind.DIGITAL, 10, 0, 0)));
    Problem all = Problem.additive(lossy, capacity(100, 100));
    assertArrayEquals(new int[] {0}, ExactSolver.solve(all, 1).choice());
    assertArrayEquals(new int[] {0}, GreedySolver.solve(all, 1));
    assertArrayEquals(new int[] {1}, ExactSolver.solve(all, 0.99).choice());
  }
}
