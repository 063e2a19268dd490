package ancc.compiler.partition;

import ancc.backends.Assignment;
import ancc.backends.DoesNotFitException;
import ancc.backends.mapping.Calibration;
import ancc.compiler.driver.Compilation;
import ancc.compiler.driver.Compiler;
import ancc.compiler.driver.Strategy;
import ancc.compiler.eval.Dataset;
import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import ancc.ir.program.TileKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToDoubleFunction;

/**
 * The partitioner: sensitivity analysis (cached), a placement per unit (weight layer or, in
 * kernel-granular mode, a whole layer or its channel groups) minimizing the modelled ledger energy
 * ({@link Objective}) under the top-1 budget and the chip's capacity, verification by full simulation on the
 * calibration data and repair (move the most sensitive unit still on a CIM kind to a more precise
 * kind) until the measured drop meets the budget, and the energy/accuracy points of the fixed
 * strategies; the automatic strategies then return the cheapest of these candidates whose measured drop
 * meets the budget ({@link Candidates}). docs/partitioning.md describes the algorithms and the evidence.
 */
public final class Partitioner {
  /** Calibration images that set quantizer and ADC ranges (the first ones of the calibration set). */
  static final int RANGE_SAMPLES = 64;

  private Partitioner() {}

  /** A solver's picks and whether they are proven optimal. */
  private record Solution(int[] pick, boolean exact) {}

  /**
   * Partitions and compiles {@code canonical} for {@code chip}.
   *
   * @param calibOrNull labelled calibration images (labels {@link CalibrationFiles#UNLABELLED}: FP32's
   *     classes stand in); null: synthetic inputs, with a warning
   * @throws DoesNotFitException when the measured drop exceeds the budget with nothing left to
   *     move, or the chosen placement does not fit the chip
   */
  public static PartitionResult run(Module canonical, Chip chip, PartitionOptions opts, Dataset calibOrNull,
      ProgressListener listener) {
    return run(canonical, chip, opts, calibOrNull, listener, true);
  }

  /** As the public {@code run}; without the baselines (and so the ledger fallback) when not {@code withBaselines}. */
  static PartitionResult run(Module canonical, Chip chip, PartitionOptions opts, Dataset calibOrNull,
      ProgressListener listener, boolean withBaselines) {
    ProgressListener l = listener == null ? ProgressListener.NONE : listener;
    if (canonical.inputs().isEmpty() || canonical.outputs().isEmpty()) {
      throw new InvalidInputException("model " + canonical.name() + ": partitioning needs graph inputs and an"
          + " output, the model has " + canonical.inputs().size() + " inputs");
    }
    List<String> warnings = new ArrayList<>();
    CalibData data = calibOrNull == null
        ? CalibData.synthetic(canonical, opts.calibSamples(), CalibData.SYNTHETIC_SEED)
        : CalibData.of(canonical, calibOrNull, opts.calibSamples());
    Measure.Reference ref = Measure.reference(canonical, data);
    if (data.synthetic() || data.unlabelled()) {
      data = data.withLabels(Arrays.stream(ref.samples()).asLongStream().toArray());
    }
    if (data.synthetic()) {
      warn(l, warnings, "no calibration data: measured on " + data.size() + " synthetic noise inputs labelled by"
          + " the FP32 model itself; accuracy figures and the budget are NOT meaningful for real data (give --calib)");
    }
    double refTop1 = ref.top1(data.labels());
    // a top-1 drop cannot exceed the reference's top-1: predicted drops are capped there, and a budget
    // at or above it admits every partition
    double solverBudget = opts.budgetFraction() >= refTop1 ? 1 : opts.budgetFraction();
    ToDoubleBiFunction<List<List<Choice>>, int[]> predicted = (cs, p) -> 100 * Math.min(refTop1, Choices.drop(cs, p));

    KernelSplit.Split layerSplit = KernelSplit.layers(canonical);
    Calibration cal = ranges(canonical, data);
    boolean[] cached = {true};
    Map<String, Map<TileKind, Score>> scores = new LinkedHashMap<>(analyse(canonical, layerSplit.units(), chip, cal,
        data, opts.withKernelGranular(false), l, warnings, cached));
    List<PartitionUnit> layerUnits = layerSplit.units();
    CostTable costs = new CostTable(chip);
    List<List<Choice>> layerChoices = Choices.of(canonical, layerUnits, scores, costs, cal);
    Objective layerObjective = Objective.of(canonical, layerUnits, layerChoices, costs, cal);
    Map<TileKind, Long> capacity = Choices.capacity(chip);
    Module m = canonical;
    List<PartitionUnit> units = layerUnits;
    List<List<Choice>> choices = layerChoices;
    Objective objective = layerObjective;
    int[] pick;
    boolean exact = false;
    if (opts.automatic() && opts.kernelGranular()) {
      KernelSplit.Split groups = KernelSplit.split(canonical);
      Calibration groupCal = ranges(groups.module(), data);
      scores.putAll(analyse(groups.module(), groups.units(), chip, groupCal, data, opts, l, warnings, cached));
      KernelPlan plan = KernelPlan.build(layerUnits, layerChoices, groups,
          Choices.of(groups.module(), groups.units(), scores, costs, groupCal), costs, groupCal);
      Solution s = solve(opts, Objective.of(canonical, layerUnits, plan.choices(), costs, cal).problem(capacity),
          solverBudget);
      KernelPlan.Realized r = plan.realize(canonical, s.pick(), scores, costs, groupCal);
      m = r.split().module();
      units = r.split().units();
      choices = r.choices();
      pick = r.pick();
      exact = s.exact();
      cal = groupCal;
      objective = Objective.of(m, units, choices, costs, groupCal);
    } else if (opts.automatic()) {
      Solution s = solve(opts, objective.problem(capacity), solverBudget);
      pick = s.pick();
      exact = s.exact();
    } else {
      pick = Choices.fixed((Strategy.Fixed) opts.strategy(), units, choices);
    }

    String[] repaired = new String[units.size()];
    int repairs = 0;
    l.progress("verify", 0, 1);
    Compilation c = compile(m, chip, units, choices, pick, opts, cal);
    double top1 = Measure.simulatedTop1(c, data, ref, opts.seed(), opts.chips());
    boolean solverMeets = true;
    while (opts.automatic() && refTop1 - top1 > opts.budgetFraction() + 1e-12) {
      int worst = Repair.mostSensitive(units, choices, pick, scores);
      if (worst < 0) {
        if (!withBaselines) {
          throw exhausted(canonical, refTop1 - top1, opts);
        }
        solverMeets = false;
        break;
      }
      TileKind from = choices.get(worst).get(pick[worst]).kind();
      pick[worst] = Repair.morePrecise(choices, pick, worst, capacity);
      repaired[worst] = String.format(Locale.ROOT, "repair: moved off %s (measured drop %.2f%% > budget %s%%)",
          from.text(), 100 * (refTop1 - top1), Decisions.pct(opts.budgetPercent()));
      repairs++;
      c = compile(m, chip, units, choices, pick, opts, cal);
      top1 = Measure.simulatedTop1(c, data, ref, opts.seed(), opts.chips());
    }
    l.progress("verify", 1, 1);

    Map<String, Measure.Drop> drops = new LinkedHashMap<>();
    Map<String, Baseline> baselines = !withBaselines ? new LinkedHashMap<>() : baselines(canonical, chip, opts, data,
        ranges(canonical, data), l, s -> predicted.applyAsDouble(layerChoices, Choices.fixed(s, layerUnits, layerChoices)),
        ref, drops);
    double energy = Measure.energyUj(c);
    if (opts.automatic() && withBaselines) {
      Candidates.Point solver = solverMeets ? new Candidates.Point(opts.strategy().text(), energy, refTop1 - top1, 0,
          predicted.applyAsDouble(choices, pick)) : null;
      Replacement r = select(canonical, chip, opts, data, ref, layerUnits, layerChoices, solver,
          Candidates.of(baselines, drops));
      if (r == null && solver == null) {
        throw exhausted(canonical, refTop1 - top1, opts);
      }
      if (r != null) {
        warn(l, warnings, Candidates.replaced(opts.strategy().text(), r.point(), solver, opts.budgetPercent()));
        units = layerUnits;
        choices = layerChoices;
        objective = layerObjective;
        pick = r.pick();
        c = r.compilation();
        top1 = r.top1();
        energy = r.point().energyUj();
        exact = false;
        repairs = 0;
        repaired = new String[units.size()];
        Arrays.fill(repaired, String.format(Locale.ROOT, "placement of %s: the cheapest candidate whose measured"
            + " drop meets the budget", r.point().name()));
      }
    }
    baselines.put(opts.strategy().text(), new Baseline(energy, top1, predicted.applyAsDouble(choices, pick), ""));
    List<LayerDecision> decisions = Decisions.of(units, choices, pick, scores, repaired, objective);
    PartitionSummary summary = new PartitionSummary(opts.strategy().text(), opts.budgetPercent(),
        predicted.applyAsDouble(choices, pick), objective.energyPj(pick), 100 * (refTop1 - top1), refTop1, top1,
        data.size(), data.synthetic(), opts.kernelGranular(), exact, repairs, cached[0], warnings, decisions,
        baselines);
    return new PartitionResult(c, summary);
  }

  /**
   * Partitions {@code canonical} for {@code chip} from the sensitivities in {@link
   * PartitionOptions#sensitivities()} instead of measuring them: the same choices and objective as
   * {@link #run} (estimates with the quantizer and ADC ranges of {@code calibOrNull}, else of the
   * seeded synthetic inputs), the configured solver under the budget and the chip's capacity, and
   * nothing simulated: no verification, repair or baselines. Deterministic for a given module, chip,
   * file and options.
   *
   * @throws InvalidInputException when the file is malformed or does not match the model's layers
   * @throws DoesNotFitException when no partition meets the budget within the chip's capacity
   */
  public static SolvedPartition solve(Module canonical, Chip chip, PartitionOptions opts, Dataset calibOrNull) {
    if (opts.sensitivities() == null || !opts.automatic()) {
      throw new IllegalArgumentException("solve: an automatic strategy with a sensitivities file, got "
          + opts.strategy() + ", " + opts.sensitivities());
    }
    SensitivityFile file = SensitivityFile.read(opts.sensitivities());
    KernelSplit.Split layerSplit = KernelSplit.layers(canonical);
    KernelSplit.Split groups = KernelSplit.split(canonical);
    List<PartitionUnit> layerUnits = layerSplit.units();
    List<PartitionUnit> required = opts.kernelGranular() ? allUnits(layerUnits, groups.units()) : layerUnits;
    Map<String, Map<TileKind, Score>> scores = file.scores(canonical.name(), required, groups.units());
    Calibration cal = CalibrationRanges.of(canonical, calibOrNull, opts.calibSamples());
    CostTable costs = new CostTable(chip);
    Map<TileKind, Long> capacity = Choices.capacity(chip);
    List<List<Choice>> layerChoices = Choices.of(canonical, layerUnits, scores, costs, cal);
    Module m = canonical;
    List<PartitionUnit> units = layerUnits;
    List<List<Choice>> choices = layerChoices;
    Solution s;
    if (opts.kernelGranular()) {
      Calibration groupCal = CalibrationRanges.of(groups.module(), calibOrNull, opts.calibSamples());
      KernelPlan plan = KernelPlan.build(layerUnits, layerChoices, groups,
          Choices.of(groups.module(), groups.units(), scores, costs, groupCal), costs, groupCal);
      s = solveGiven(canonical, chip, opts, layerUnits, plan.choices(),
          Objective.of(canonical, layerUnits, plan.choices(), costs, cal).problem(capacity));
      KernelPlan.Realized r = plan.realize(canonical, s.pick(), scores, costs, groupCal);
      m = r.split().module();
      units = r.split().units();
      choices = r.choices();
      s = new Solution(r.pick(), s.exact());
      cal = groupCal;
    } else {
      s = solveGiven(canonical, chip, opts, units, choices,
          Objective.of(canonical, units, choices, costs, cal).problem(capacity));
    }
    Objective objective = Objective.of(m, units, choices, costs, cal);
    double energy = objective.energyPj(s.pick());
    if (Double.isInfinite(energy)) {
      throw new DoesNotFitException("model " + canonical.name() + ": the " + opts.strategy().text() + " partition does not"
          + " fit chip " + chip.name() + " (mesh placement)");
    }
    List<LayerDecision> decisions = Decisions.of(units, choices, s.pick(), scores, new String[units.size()],
        objective);
    Module placed = Compiler.withPlacements(m, Choices.assignment(m, units, choices, s.pick()));
    return new SolvedPartition(placed, opts.strategy().text(), opts.sensitivities(), opts.budgetPercent(),
        100 * Choices.drop(choices, s.pick()), energy, s.exact(), opts.kernelGranular(), decisions);
  }

  /** The layers and the channel groups of the split module that are not whole layers. */
  private static List<PartitionUnit> allUnits(List<PartitionUnit> layers, List<PartitionUnit> groups) {
    List<PartitionUnit> out = new ArrayList<>(layers);
    groups.stream().filter(u -> !u.whole()).forEach(out::add);
    return out;
  }

  /** {@link #solve(PartitionOptions, Problem, double)} at the budget; no feasible partition is a diagnostic naming why. */
  private static Solution solveGiven(Module canonical, Chip chip, PartitionOptions opts, List<PartitionUnit> units,
      List<List<Choice>> choices, Problem problem) {
    try {
      return solve(opts, problem, opts.budgetFraction());
    } catch (Infeasible e) {
      throw NoPartition.explain(canonical, chip, opts, units, choices, e);
    }
  }

  /** A fixed strategy's placement that replaces the solver's partition. */
  private record Replacement(Candidates.Point point, int[] pick, Compilation compilation, double top1) {}

  /**
   * The cheapest candidate that meets the budget measured, when it is a fixed strategy (null when it is
   * the solver's partition, or when no candidate meets the budget). The fixed strategy's placement is
   * compiled on the unsplit model under the run's strategy name and measured again.
   */
  private static Replacement select(Module canonical, Chip chip, PartitionOptions opts, CalibData data,
      Measure.Reference ref, List<PartitionUnit> units, List<List<Choice>> choices, Candidates.Point solver,
      List<Candidates.Point> fixed) {
    List<Candidates.Point> points = new ArrayList<>();
    if (solver != null) {
      points.add(solver);
    }
    points.addAll(fixed);
    for (Candidates.Point p : Candidates.withinBudget(points, opts.budgetPercent(), opts.strategy().text())) {
      if (p == solver) {
        return null;
      }
      int[] pick = Choices.fixed((Strategy.Fixed) Strategy.parse(p.name()), units, choices);
      Compilation c = compile(canonical, chip, units, choices, pick, opts, ranges(canonical, data));
      Measure.Drop d = Measure.simulatedDrop(c, data, ref, opts.seed(), opts.chips());
      Candidates.Point q = new Candidates.Point(p.name(), Measure.energyUj(c), d.drop(), d.standardError(),
          p.predictedDropPercent());
      boolean cheaper = solver == null || q.energyUj() < solver.energyUj();
      if (cheaper && q.meets(opts.budgetFraction(), opts.budgetPercent())) {
        return new Replacement(q, pick, c, d.top1());
      }
    }
    return null;
  }

  private static DoesNotFitException exhausted(Module canonical, double drop, PartitionOptions opts) {
    return new DoesNotFitException(String.format(Locale.ROOT, "model %s: measured top-1 drop %.2f%% exceeds the"
        + " budget %s%% with no layer left to move to a more precise tile kind", canonical.name(), 100 * drop,
        Decisions.pct(opts.budgetPercent())));
  }

  private static void warn(ProgressListener l, List<String> warnings, String w) {
    warnings.add(w);
    l.warn(w);
  }

  private static Solution solve(PartitionOptions opts, Problem problem, double budget) {
    if (opts.greedy()) {
      return new Solution(GreedySolver.solve(problem, budget), false);
    }
    ExactSolver.Result r = ExactSolver.solve(problem, budget);
    return new Solution(r.choice(), r.exact());
  }

  private static Compilation compile(Module m, Chip chip, List<PartitionUnit> units, List<List<Choice>> choices,
      int[] pick, PartitionOptions opts, Calibration cal) {
    return Compiler.compile(m, chip, Choices.assignment(m, units, choices, pick), opts.strategy().text(), cal);
  }

  /** The scores of {@code units} from the cache, or from a fresh analysis stored in it (clearing {@code cached[0]}). */
  private static Map<String, Map<TileKind, Score>> analyse(Module m, List<PartitionUnit> units, Chip chip,
      Calibration cal, CalibData data, PartitionOptions opts, ProgressListener l, List<String> warnings,
      boolean[] cached) {
    Path dir = opts.resolvedCacheDir();
    String key = SensitivityCache.key(m, chip, data, opts);
    Map<String, Map<TileKind, Score>> scores = SensitivityCache.load(dir, key);
    if (scores != null) {
      return scores;
    }
    cached[0] = false;
    scores = SensitivityAnalysis.run(m, units, chip, cal, data, opts, l);
    if (!SensitivityCache.save(dir, key, scores)) {
      warn(l, warnings, "cannot write the sensitivity cache in " + dir + "; the next run repeats the analysis");
    }
    return scores;
  }

  /** Quantizer and ADC ranges from the first {@value #RANGE_SAMPLES} calibration images. */
  static Calibration ranges(Module m, CalibData data) {
    return Calibration.run(m, data.batch(0, Math.min(RANGE_SAMPLES, data.size())));
  }

  /**
   * The fixed strategies compiled on the unsplit model: energy and measured top-1, or why they are
   * missing; their measured drops against the FP32 reference {@code ref} go into {@code drops}.
   */
  private static Map<String, Baseline> baselines(Module canonical, Chip chip, PartitionOptions opts, CalibData data,
      Calibration cal, ProgressListener l, ToDoubleFunction<Strategy.Fixed> predicted, Measure.Reference ref,
      Map<String, Measure.Drop> drops) {
    Map<String, Baseline> out = new LinkedHashMap<>();
    List<Strategy.Fixed> fixed = Strategy.fixed();
    for (int i = 0; i < fixed.size(); i++) {
      Strategy.Fixed s = fixed.get(i);
      l.progress("baselines", i, fixed.size());
      if (s.equals(opts.strategy())) {
        continue;
      }
      try {
        Compilation c = Compiler.compile(canonical, chip, s.assign(canonical), s.text(), cal);
        Measure.Drop d = Measure.simulatedDrop(c, data, ref, opts.seed(), opts.chips());
        drops.put(s.text(), d);
        out.put(s.text(), new Baseline(Measure.energyUj(c), d.top1(), predicted.applyAsDouble(s), ""));
      } catch (DoesNotFitException e) {
        out.put(s.text(), new Baseline(null, null, predicted.applyAsDouble(s), e.getMessage()));
      }
    }
    l.progress("baselines", fixed.size(), fixed.size());
    return out;
  }
}
