package ancc.compiler.partition;

import ancc.compiler.driver.Strategy;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.compiler.driver.Compilation;
import ancc.compiler.driver.Compiler;
import ancc.compiler.eval.Dataset;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.Module;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 12, "One energy model": on the testdata models and the chips {@code default} and
 * {@code hermes-pcm}, at the default budget, the partition {@code auto} picks is never costlier in
 * the energy ledger (per inference, batch 1) than a fixed strategy ({@code all-memristor},
 * {@code all-sram}, {@code all-digital}, {@code first-last-digital}) that also meets the budget.
 *
 * <p>"Meets the budget" is the partitioner's rule ({@link Candidates.Point#meets}): the measured drop
 * on the calibration images within the budget, and either the additive drop model within it too
 * or the measured drop's one-sided 95 % bound. A fixed strategy cheaper than {@code auto} whose plain
 * measured drop is within the budget is therefore allowed only when its bound is not: the test
 * measures that bound again (same seeds, same images) and asserts it.
 *
 * <p>Speed: 64 calibration images (the first of the committed 256) and one chip instance; the
 * property does not depend on the sample size, and {@code docs/partitioning.md} gives the table at
 * the CLI's defaults (256 images, 2 instances).
 */
class AutoVersusFixedTest {
  private static final int IMAGES = 64;
  private static final String[] FIXED = {"all-memristor", "all-sram", "all-digital", "first-last-digital"};

  @ParameterizedTest
  @CsvSource({"mlp,default", "lenet,default", "cnn_bn,default", "resnet_small,default", "mlp,hermes-pcm",
      "lenet,hermes-pcm", "cnn_bn,hermes-pcm", "resnet_small,hermes-pcm"})
  void autoIsNeverCostlierThanAFixedStrategyThatMeetsTheBudget(String model, String chipName) {
    Module m = PartitionBench.model(model);
    Chip chip = Chips.preset(chipName);
    Dataset images = PartitionBench.slice(0, IMAGES);
    PartitionOptions o = new PartitionOptions(Strategy.AUTO, PartitionOptions.DEFAULT_BUDGET_PERCENT, false, IMAGES, 0, 1,
        PartitionBench.options("auto", 0, 0).cacheDir());
    PartitionSummary s = Partitioner.run(m, chip, o, images, null).summary();
    double auto = s.energyPerInferenceUj();
    double budget = o.budgetFraction();
    String source = s.warnings().stream().filter(w -> w.contains("using the placement of ")).findFirst()
        .map(w -> "the placement of " + w.split("using the placement of ")[1].split(" ")[0])
        .orElse("the solver's partition, " + s.repairs() + " repairs");
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "auto vs fixed: %s on %s, budget %s%%:"
        + " auto %.4f uJ (%s), measured drop %.2f%%, objective %.1f pJ%n", model, chipName,
        Decisions.pct(o.budgetPercent()), auto, source, s.measuredDropPercent(), s.estimatedEnergyPj()));
    int compared = 0;
    for (String f : FIXED) {
      Baseline b = s.baselines().get(f);
      if (b.energyPerInferenceUj() == null) {
        table.append(String.format(Locale.ROOT, "  %-19s does not fit%n", f));
        continue;
      }
      double drop = s.referenceTop1() - b.measuredTop1();
      boolean within = drop <= budget + 1e-12;
      boolean cheaper = b.energyPerInferenceUj() < auto * (1 - 1e-9);
      String verdict = within ? "meets" : "misses";
      if (within && cheaper) {
        CalibData data = CalibData.of(m, images, IMAGES);
        Compilation c = Compiler.compile(m, chip, (Strategy.Fixed) Strategy.parse(f), Partitioner.ranges(m, data));
        Measure.Drop d = Measure.simulatedDrop(c, data, Measure.reference(m, data), o.seed(), o.chips());
        Candidates.Point p = new Candidates.Point(f, b.energyPerInferenceUj(), d.drop(), d.standardError(),
            b.predictedDropPercent());
        assertFalse(p.meets(budget, o.budgetPercent()), model + " on " + chipName + ": auto " + auto + " uJ above "
            + f + " " + b.energyPerInferenceUj() + " uJ, which meets the budget");
        verdict = String.format(Locale.ROOT, "within measured, not certified (predicted %.2f%%, 95%% bound %.2f%%)",
            b.predictedDropPercent(), 100 * p.upper());
      } else if (within) {
        compared++;
      }
      table.append(String.format(Locale.ROOT, "  %-19s %.4f uJ, measured drop %.2f%%: %s%n", f,
          b.energyPerInferenceUj(), 100 * drop, verdict));
    }
    System.out.print(table);
    assertTrue(s.measuredDropPercent() <= o.budgetPercent() + 1e-9, "auto misses the budget");
    assertTrue(compared >= 1, "no fixed strategy met the budget (all-digital is exact)");
  }
}
