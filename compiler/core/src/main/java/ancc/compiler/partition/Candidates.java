package ancc.compiler.partition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The final choice of the automatic strategies: the solver's verified partition and the fixed
 * strategies are candidates, each measured by full simulation on the calibration data over the chip
 * instances; the cheapest one (ledger energy) whose measured drop meets the budget wins. The
 * drop model only ranks and guides the solver: its combined disagreements are an upper bound, far
 * above the measured drops, so a fixed strategy it rejects may well meet the budget when measured.
 *
 * <p>A measured drop on a few hundred images is noisy (one image of 256 is 0.39 points). A candidate
 * whose drop model meets the budget needs only its measured drop within the budget, like the
 * solver's verified partition; one the drop model puts over the budget must meet it with the
 * upper confidence bound {@code drop + }{@value #Z}{@code  * standard error} of its measured drop (one-sided
 * 95 %), the standard error of the paired per-image drops.
 */
final class Candidates {
  private Candidates() {}

  /** The one-sided 95 % normal quantile of the confidence bound on a measured drop. */
  static final double Z = 1.645;

  /**
   * One candidate: a strategy name, its ledger energy (uJ), its measured drop and the drop's standard
   * error (fractions), and its predicted drop (percent points).
   */
  record Point(String name, double energyUj, double measuredDrop, double standardError, double predictedDropPercent) {
    double upper() {
      return measuredDrop + Z * standardError;
    }

    /** Whether this candidate meets {@code budget} (a fraction; {@code budgetPercent} the same in percent). */
    boolean meets(double budget, double budgetPercent) {
      return measuredDrop <= budget + 1e-12
          && (predictedDropPercent <= budgetPercent + 1e-10 || upper() <= budget + 1e-12);
    }
  }

  /**
   * The candidates that meet {@code budgetPercent} measured ({@link Point#meets}), cheapest first; on equal energy
   * {@code preferred} (the solver's partition) first, then the order of {@code points}.
   */
  static List<Point> withinBudget(List<Point> points, double budgetPercent, String preferred) {
    List<Point> out = new ArrayList<>();
    for (Point p : points) {
      if (p.meets(budgetPercent / 100, budgetPercent)) {
        out.add(p);
      }
    }
    out.sort(Comparator.comparingDouble((Point p) -> p.energyUj() * (1 + (p.name().equals(preferred) ? 0 : 1e-9))));
    return out;
  }

  /** The fixed strategies of {@code baselines} that fit the chip, with their measured {@code drops}, as candidates. */
  static List<Point> of(Map<String, Baseline> baselines, Map<String, Measure.Drop> drops) {
    List<Point> out = new ArrayList<>();
    baselines.forEach((name, b) -> {
      Measure.Drop d = drops.get(name);
      if (b.energyPerInferenceUj() != null && d != null) {
        out.add(new Point(name, b.energyPerInferenceUj(), d.drop(), d.standardError(), b.predictedDropPercent()));
      }
    });
    return out;
  }

  /** The warning that says which fixed strategy replaced the solver's partition, and why. */
  static String replaced(String strategy, Point chosen, Point solver, double budgetPercent) {
    String was = solver == null ? "the solver's partition misses the budget with nothing left to move"
        : String.format(Locale.ROOT, "the solver's partition costs %.4f uJ (measured drop %.2f%%, predicted %.2f%%)",
            solver.energyUj(), 100 * solver.measuredDrop(), solver.predictedDropPercent());
    return String.format(Locale.ROOT, "%s: using the placement of %s (%.4f uJ, measured drop %.2f%% +- %.2f%% on"
        + " the calibration data, mean over the chip instances, 95%% bound %.2f%%): the cheapest candidate whose"
        + " measured drop meets the budget %s%%; %s; the predicted drop of %s (%.2f%%) combines"
        + " per-layer disagreements, a conservative bound", strategy, chosen.name(), chosen.energyUj(),
        100 * chosen.measuredDrop(), 100 * chosen.standardError(), 100 * chosen.upper(), Decisions.pct(budgetPercent),
        was, chosen.name(), chosen.predictedDropPercent());
  }
}
