package ancc.compiler.partition;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.Module;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 5 evidence on the testdata models: {@code auto} at a 1 % budget, calibrated on the first 128
 * committed test images, meets the budget on the other 128 (held out) on each of 5 chip instances
 * (the partitioner's analysis uses instances seed, seed+1; the held-out check uses instance seed), and
 * its ledger energy is at most that of every fixed strategy that meets the budget both measured and
 * on the additive model (among them {@code all-digital}, and {@code all-sram} on {@code default});
 * the printed lines give the others.
 *
 * <p>Speed: the baselines (four more compilations and simulations) and with them the candidate
 * selection run for seed 0 only; seeds 1-4 check the budget of the solver's partition after
 * verification and repair.
 *
 * <p>Tolerance: the held-out drop is a difference of two top-1 figures over 128 images (one image
 * is 0.78 points); the budget is asserted as is, without slack.
 */
class PartitionerBudgetTest {
  private static final double BUDGET = 1.0;

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "lenet"})
  void autoMeetsTheBudgetOnHeldOutImagesForFiveChipsAndBeatsTheBaselines(String model) {
    Module m = PartitionBench.model(model);
    Chip chip = Chips.preset("default");
    for (long seed = 0; seed < 5; seed++) {
      PartitionResult r = Partitioner.run(m, chip, PartitionBench.options("auto", BUDGET, seed),
          PartitionBench.calibration(), null, seed == 0);
      PartitionSummary s = r.summary();
      double heldOut = PartitionBench.heldOutDrop(r.compilation(), seed);
      System.out.printf(Locale.ROOT, "budget: %s seed %d: measured drop %.2f%% (calibration), %.2f%% (held out),"
          + " auto %.4f uJ%n", model, seed, s.measuredDropPercent(), 100 * heldOut, s.energyPerInferenceUj());
      assertTrue(s.measuredDropPercent() <= BUDGET + 1e-9, "calibration drop " + s.measuredDropPercent());
      boolean replaced = s.warnings().stream().anyMatch(w -> w.contains("using the placement of"));
      assertTrue(replaced || s.predictedDropPercent() <= BUDGET + 1e-9, "predicted drop " + s.predictedDropPercent());
      assertTrue(100 * heldOut <= BUDGET + 1e-9, model + " seed " + seed + ": held-out drop " + 100 * heldOut
          + "% over the " + BUDGET + "% budget");
      if (seed > 0) {
        continue;
      }
      System.out.print(PartitionBench.describe(s));
      double auto = s.energyPerInferenceUj();
      int compared = 0;
      for (String baseline : new String[] {"all-memristor", "all-sram", "all-digital", "first-last-digital"}) {
        Baseline b = s.baselines().get(baseline);
        if (b.energyPerInferenceUj() == null) {
          continue;
        }
        double drop = s.referenceTop1() - b.measuredTop1();
        // within the budget both on the additive model and measured: a candidate the selection must take
        // (one over the budget on the additive model also needs its confidence bound, CandidatesTest)
        boolean meets = drop <= BUDGET / 100 + 1e-12 && b.predictedDropPercent() <= BUDGET + 1e-10;
        if (meets) {
          compared++;
          assertTrue(auto <= b.energyPerInferenceUj() * (1 + 1e-9), model + ": auto " + auto + " uJ above " + baseline
              + " " + b.energyPerInferenceUj() + ", which meets the budget");
        } else {
          System.out.printf(Locale.ROOT, "budget: %s: %s measured %.2f%%, predicted %.2f%%: no alternative%n", model,
              baseline, 100 * drop, b.predictedDropPercent());
        }
      }
      assertTrue(compared >= 1, "all-digital always meets the budget");
    }
  }
}
