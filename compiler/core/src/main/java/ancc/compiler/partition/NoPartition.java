package ancc.compiler.partition;

import ancc.backends.DoesNotFitException;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import ancc.ir.program.TileKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Why a solver found no partition ({@link Infeasible}), as a one-line {@link DoesNotFitException}
 * (the CLI's exit 4): a unit that fits none of the chip's kinds alone, else a least predicted drop
 * above the budget (every unit on its most accurate kind), else the greedy solver's start (a unit
 * without a choice free of drop), else the chip's arrays.
 */
final class NoPartition {
  private NoPartition() {}

  static DoesNotFitException explain(Module m, Chip chip, PartitionOptions opts, List<PartitionUnit> units,
      List<List<Choice>> choices, Infeasible e) {
    String head = "model " + m.name() + " on chip " + chip.name() + ": ";
    List<String> none = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      if (choices.get(i).isEmpty()) {
        none.add(units.get(i).name());
      }
    }
    String noDigital = chip.has(TileKind.DIGITAL) ? "" : "; the chip has no digital tile";
    if (!none.isEmpty()) {
      return new DoesNotFitException(head + "layer(s) " + String.join(", ", none) + " fit no tile kind of the chip"
          + " alone" + noDigital);
    }
    double least = 0;
    List<String> lossy = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      Choice best = choices.get(i).stream().min((a, b) -> Double.compare(a.drop(), b.drop())).orElseThrow();
      least = Drops.combine(least, best.drop());
      if (best.drop() > 0) {
        lossy.add(String.format(Locale.ROOT, "%s %s%% on %s", units.get(i).name(), Decisions.pct(round(100 * best
            .drop())), best.kind() == null ? "its groups" : best.kind().text()));
      }
    }
    String budget = Decisions.pct(opts.budgetPercent()) + "%";
    if (least > opts.budgetFraction() + 1e-12) {
      return new DoesNotFitException(String.format(Locale.ROOT, "%sno partition meets the budget %s: the least"
          + " predicted drop is %s%% (%s)%s", head, budget, Decisions.pct(round(100 * least)),
          String.join(", ", lossy), noDigital));
    }
    if (e.unit() >= 0) {
      return new DoesNotFitException(head + opts.strategy().text() + " starts every layer on a kind without predicted drop"
          + " and " + units.get(e.unit()).name() + " has none that fits" + noDigital);
    }
    Map<TileKind, Long> cap = Choices.capacity(chip);
    return new DoesNotFitException(String.format(Locale.ROOT, "%sno partition within the budget %s fits the chip's"
        + " %d crossbars and %d SRAM macros%s (%s)", head, budget, cap.get(TileKind.MEMRISTOR),
        cap.get(TileKind.SRAM), noDigital, opts.strategy().text()));
  }

  /** Four decimals, so percentages print without binary noise. */
  private static double round(double v) {
    return Math.round(v * 1e4) / 1e4;
  }
}
