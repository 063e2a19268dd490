package ancc.compiler.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The final choice among the solver's partition and the fixed strategies: cheapest measured within budget. */
class CandidatesTest {
  private static final double BUDGET = 1.0;

  private static Candidates.Point p(String name, double uj, double drop, double se, double predicted) {
    return new Candidates.Point(name, uj, drop, se, predicted);
  }

  @Test
  void theCheapestCandidateWithinTheMeasuredBudgetComesFirst() {
    Candidates.Point solver = p("auto", 1.72, 0.0, 0, 0.0);
    List<Candidates.Point> within = Candidates.withinBudget(List.of(solver,
        p("all-memristor", 1.65, -0.002, 0.003, 6.6), p("first-last-digital", 0.68, 0.008, 0.006, 1.8),
        p("all-digital", 1.72, 0.0, 0.0, 0.0)), BUDGET, "auto");
    // first-last-digital: 0.8 % measured, but 0.8 + 1.645 x 0.6 > 1 and its additive model is over the budget
    assertEquals(List.of("all-memristor", "auto", "all-digital"), within.stream().map(Candidates.Point::name)
        .toList());
  }

  @Test
  void aCandidateOverTheBudgetOnTheAdditiveModelNeedsItsConfidenceBound() {
    assertTrue(p("x", 1, 0.009, 0.0, 5).meets(0.01, BUDGET));
    assertFalse(p("x", 1, 0.009, 0.001, 5).meets(0.01, BUDGET));
    assertTrue(p("x", 1, 0.009, 0.001, 0.9).meets(0.01, BUDGET), "within on the additive model: measured decides");
    assertFalse(p("x", 1, 0.011, 0.0, 0.9).meets(0.01, BUDGET), "measured over the budget");
    assertTrue(p("x", 1, 0.0, 0.0, 0.0).meets(0.0, 0.0), "a zero budget admits an exact placement");
  }

  @Test
  void onEqualEnergyTheSolversPartitionWins() {
    List<Candidates.Point> within = Candidates.withinBudget(List.of(p("all-digital", 2.0, 0, 0, 0),
        p("auto", 2.0, 0, 0, 0)), BUDGET, "auto");
    assertEquals("auto", within.get(0).name());
  }

  @Test
  void baselinesThatDoNotFitAreNoCandidates() {
    Map<String, Baseline> b = Map.of("all-sram", new Baseline(null, null, 0, "does not fit"),
        "all-digital", new Baseline(2.0, 0.9, 0, ""));
    Map<String, Measure.Drop> d = Map.of("all-digital", new Measure.Drop(0.9, 0, 0));
    assertEquals(List.of("all-digital"), Candidates.of(b, d).stream().map(Candidates.Point::name).toList());
  }

  @Test
  void theWarningSaysWhichAndWhy() {
    String w = Candidates.replaced("auto", p("all-memristor", 1.65, -0.002, 0.003, 6.6), p("auto", 1.72, 0, 0, 0),
        BUDGET);
    assertTrue(w.startsWith("auto: using the placement of all-memristor (1.6500 uJ, measured drop -0.20% +- 0.30%"), w);
    assertTrue(w.contains("the solver's partition costs 1.7200 uJ"), w);
  }
}
