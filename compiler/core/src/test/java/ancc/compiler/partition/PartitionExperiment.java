package ancc.compiler.partition;

import ancc.compiler.driver.Strategy;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.compiler.eval.Dataset;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The experiment of docs/partitioning.md (not part of the default test run: surefire runs only
 * {@code *Test} classes). Run it with
 * {@code ./mvnw -pl compiler/core test -Dtest=PartitionExperiment -Dsurefire.failIfNoSpecifiedTests=false}
 * (options: {@code -Dancc.experiment.models=mlp,lenet}, {@code -Dancc.experiment.chip=default},
 * {@code -Dancc.experiment.heldout=1000}, {@code -Dancc.experiment.seeds=5},
 * {@code -Dancc.experiment.calib=256}).
 *
 * <p>Calibration: the first 256 (or {@code ancc.experiment.calib}) Fashion-MNIST training images;
 * held out: the first N test images, both from the Debian package {@code dataset-fashion-mnist}
 * (/usr/share/datasets/fashion-mnist). Per model and chip seed: {@code auto} at a 1 % budget (layer
 * granularity, with its choice among the solver's partition and the fixed strategies), its held-out
 * drop on that chip instance, the ledger energy of auto and of every baseline, and the Spearman
 * correlation of the memristor sensitivity ranking between seeds; then kernel against layer
 * granularity on seed 0 (the solver's kernel-granular partition, without the baselines).
 * It prints a Markdown table and asserts the held-out budget.
 */
class PartitionExperiment {
  private static final Path DATA = Paths.get("/usr/share/datasets/fashion-mnist");
  private static final Dataset.Normalize NORM = new Dataset.Normalize(0.2860, 0.3530);
  private static final double BUDGET = 1.0;

  @Test
  void experiment() throws IOException {
    List<String> models = List.of(System.getProperty("ancc.experiment.models", "mlp,lenet,cnn_bn,resnet_small")
        .split(","));
    Chip chip = Chips.preset(System.getProperty("ancc.experiment.chip", "default"));
    int heldOutN = Integer.getInteger("ancc.experiment.heldout", 1000);
    int seeds = Integer.getInteger("ancc.experiment.seeds", 5);
    int calibN = Integer.getInteger("ancc.experiment.calib", 256);
    Path cache = Files.createTempDirectory("ancc-experiment");
    StringBuilder table = new StringBuilder();
    table.append("| model | chip | auto uJ | all-memristor | all-sram | all-digital | first-last-digital |"
        + " held-out drop of auto, seeds 0..").append(seeds - 1).append(" (max) | Spearman (mean/min) |"
        + " kernel-granular uJ (held-out drop) |\n|---|---|---|---|---|---|---|---|---|---|\n");
    List<String> failures = new ArrayList<>();
    for (String name : models) {
      Module m = PartitionBench.model(name);
      Dataset calib = CalibrationFiles.load(DATA.resolve("train-images-idx3-ubyte.gz"),
          DATA.resolve("train-labels-idx1-ubyte.gz"), NORM, calibN, m);
      Dataset held = CalibrationFiles.load(DATA.resolve("t10k-images-idx3-ubyte.gz"),
          DATA.resolve("t10k-labels-idx1-ubyte.gz"), NORM, heldOutN, m);
      CalibData heldData = CalibData.of(m, held, held.size());
      Measure.Reference heldRef = Measure.reference(m, heldData);
      double ref = heldRef.top1(heldData.labels());
      List<double[]> ranks = new ArrayList<>();
      List<String> drops = new ArrayList<>();
      double maxDrop = Double.NEGATIVE_INFINITY;
      PartitionSummary first = null;
      for (long seed = 0; seed < seeds; seed++) {
        long t0 = System.nanoTime();
        PartitionOptions o = new PartitionOptions(Strategy.AUTO, BUDGET, false, calibN, seed, 2, cache);
        PartitionResult r = Partitioner.run(m, chip, o, calib, null, true);
        double drop = 100 * (ref - Measure.simulatedTop1(r.compilation(), heldData, heldRef, seed, 1));
        maxDrop = Math.max(maxDrop, drop);
        drops.add(String.format(Locale.ROOT, "%.2f", drop));
        ranks.add(r.summary().layers().stream().mapToDouble(d -> d.sensitivity().getOrDefault("memristor",
            Score.EXACT).logitNmse()).toArray());
        if (seed == 0) {
          first = r.summary();
          System.out.print(PartitionBench.describe(first));
        }
        System.out.printf(Locale.ROOT, "experiment: %s seed %d: placements %s, %.4f uJ, calibration drop %.2f%%,"
            + " held-out drop %.2f%% (%.1f s)%s%n", name, seed,
            r.summary().layers().stream().map(LayerDecision::placement).toList(), r.summary().energyPerInferenceUj(),
            r.summary().measuredDropPercent(), drop, (System.nanoTime() - t0) / 1e9,
            r.summary().warnings().isEmpty() ? "" : "\n  " + String.join("\n  ", r.summary().warnings()));
        if (drop > BUDGET + 1e-9) {
          failures.add(name + " seed " + seed + ": held-out drop " + drop + "%");
        }
      }
      double sum = 0;
      double min = 1;
      int pairs = 0;
      for (int a = 0; a < ranks.size(); a++) {
        for (int b = a + 1; b < ranks.size(); b++) {
          double rho = PartitionBench.spearman(ranks.get(a), ranks.get(b));
          sum += rho;
          min = Math.min(min, rho);
          pairs++;
        }
      }
      PartitionOptions ko = new PartitionOptions(Strategy.AUTO, BUDGET, true, calibN, 0, 2, cache);
      PartitionResult k = Partitioner.run(m, chip, ko, calib, null, false);
      double kDrop = 100 * (ref - Measure.simulatedTop1(k.compilation(), heldData, heldRef, 0, 1));
      Map<String, Baseline> b = new LinkedHashMap<>(first.baselines());
      table.append(String.format(Locale.ROOT, "| %s | %s | **%s**%s | %s | %s | %s | %s | %s (%.2f) | %.2f / %.2f |"
          + " %s (%.2f) |%n", name, chip.name(), uj(b.get("auto")), chosen(first),
          point(b.get("all-memristor"), ref, first),
          point(b.get("all-sram"), ref, first), point(b.get("all-digital"), ref, first),
          point(b.get("first-last-digital"), ref, first), String.join(", ", drops), maxDrop,
          pairs == 0 ? 1.0 : sum / pairs, min, uj(k.summary().baselines().get("auto")), kDrop));
    }
    System.out.println("experiment table (held-out reference top-1 per model, " + heldOutN + " images):");
    System.out.print(table);
    assertTrue(failures.isEmpty(), failures.toString());
  }

  /** " (= STRATEGY)" when the candidate selection replaced the solver's partition by a fixed strategy. */
  private static String chosen(PartitionSummary s) {
    String mark = "using the placement of ";
    for (String w : s.warnings()) {
      int i = w.indexOf(mark);
      if (i >= 0) {
        return " (= " + w.substring(i + mark.length(), w.indexOf(' ', i + mark.length())) + ")";
      }
    }
    return "";
  }

  private static String uj(Baseline b) {
    return b == null || b.energyPerInferenceUj() == null ? "-" : String.format(Locale.ROOT, "%.4f",
        b.energyPerInferenceUj());
  }

  /** Energy and the calibration-set predicted drop of a baseline. */
  private static String point(Baseline b, double ref, PartitionSummary s) {
    if (b == null || b.energyPerInferenceUj() == null) {
      return "does not fit";
    }
    return String.format(Locale.ROOT, "%.4f (pred. %.1f%%, meas. %.1f%%)", b.energyPerInferenceUj(),
        b.predictedDropPercent(), 100 * (s.referenceTop1() - b.measuredTop1()));
  }
}
