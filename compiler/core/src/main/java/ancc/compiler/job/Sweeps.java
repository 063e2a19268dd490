package ancc.compiler.job;

import ancc.compiler.report.html.ReportData.DriftFigures;
import ancc.compiler.report.html.ReportData.DriftPoint;
import ancc.compiler.report.html.ReportData.StrategyPoint;
import ancc.backends.mapping.Calibration;
import ancc.compiler.driver.Compilation;
import ancc.compiler.driver.CompiledModel;
import ancc.compiler.driver.Compiler;
import ancc.compiler.driver.Options;
import ancc.compiler.driver.Progress;
import ancc.compiler.driver.Strategy;
import ancc.compiler.eval.Measure;
import ancc.compiler.report.CostReport;
import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chip;
import ancc.ir.chip.MemristorTile;
import ancc.ir.chip.NoiseModel;
import ancc.ir.graph.Module;
import ancc.ir.program.TileKind;
import ancc.runtime.sim.SimOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The job's sweeps: the energy and accuracy of every uniform placement strategy beside the chosen
 * one (the Pareto section), and the accuracy against the time since programming, with and without
 * drift compensation, when the chip's devices drift.
 */
final class Sweeps {
  /** Drift times: label and seconds (a month is 30 days, a year 365). */
  static final List<DriftPoint> TIMES = List.of(new DriftPoint("1 s", 1, 0, 0), new DriftPoint("1 h", 3600, 0, 0),
      new DriftPoint("1 day", 86400, 0, 0), new DriftPoint("1 month", 30 * 86400.0, 0, 0),
      new DriftPoint("1 year", 365 * 86400.0, 0, 0));

  private Sweeps() {}

  /** A uniform strategy compiled: its model and costs (one inference, batch 1), or why it does not fit. */
  record Compiled(String strategy, CompiledModel model, CostReport costs, String failure) {}

  /** Compiles {@code strategy}; a model that does not fit (or an unsupported op) is recorded, not thrown. */
  static Compiled compile(Path model, Module canonical, Chip chip, Strategy.Fixed strategy, Calibration cal) {
    try {
      Compilation c = Compiler.compile(canonical, chip, strategy.assign(canonical), strategy.text(), cal);
      CompiledModel m = CompiledModel.of(model, c);
      return new Compiled(strategy.text(), m, CostReport.of(m, 1), null);
    } catch (InvalidInputException e) {
      return new Compiled(strategy.text(), null, null, e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The strategy points: the chosen program's (figure already measured) and each uniform strategy
   * other than it, measured on {@code measure} with chip seed {@code seed}.
   */
  static List<StrategyPoint> strategies(String chosen, double chosenEnergyUj, double chosenFigure,
      List<Compiled> others, Measure measure, Options o, Progress.Stage stage) {
    List<StrategyPoint> out = new ArrayList<>();
    out.add(new StrategyPoint(chosen, true, chosenEnergyUj, chosenFigure, true, "the compiled program"));
    for (Compiled c : others) {
      if (c.model() == null) {
        out.add(new StrategyPoint(c.strategy(), false, Double.NaN, null, false, oneLine(c.failure())));
        stage.step(measure.data().size());
        continue;
      }
      int[] predicted = measure.simulate(c.model(), o.simulation(0), stage);
      out.add(new StrategyPoint(c.strategy(), true, c.costs().energyPerInferenceUj(), measure.figure(predicted),
          false, ""));
    }
    return out;
  }

  /** The drifting device model of the chip's memristor tiles, if its devices drift. */
  static Optional<NoiseModel.PcmNandakumar2019> drifting(Chip chip) {
    Optional<MemristorTile> m = chip.memristor();
    if (m.isPresent() && m.get().noise().model() instanceof NoiseModel.PcmNandakumar2019 p && p.drift()) {
      return Optional.of(p);
    }
    return Optional.empty();
  }

  /** Steps the drift sweep takes on {@code measure}: two passes per time, or 0 when there is none. */
  static long driftSteps(Chip chip, Compilation c, Measure measure) {
    return drifting(chip).isPresent() && c.arrays(TileKind.MEMRISTOR) > 0 ? 2L * TIMES.size() * measure.data().size()
        : 0;
  }

  /** Why there is no drift sweep for {@code model} on {@code chip}. */
  static DriftFigures withoutSweep(Chip chip, CompiledModel model, String metric) {
    Optional<NoiseModel.PcmNandakumar2019> pcm = drifting(chip);
    if (pcm.isEmpty()) {
      String name = chip.memristor().map(m -> m.noise().model().modelName()).orElse(null);
      return new DriftFigures(false, name == null ? "Chip " + chip.name() + " has no memristor tiles: nothing"
          + " drifts, so there is no drift sweep." : "The devices of chip " + chip.name() + " (" + name + ") do"
          + " not drift: accuracy does not depend on the time since programming, so there is no drift sweep.",
          metric, List.of());
    }
    if (model.program().arrays().stream().noneMatch(a -> a.kind() == TileKind.MEMRISTOR)) {
      return new DriftFigures(false, "Chip " + chip.name() + " has drifting PCM devices, but this program places"
          + " nothing on memristor tiles: drift does not affect it.", metric, List.of());
    }
    return new DriftFigures(false, "Chip " + chip.name() + " has drifting PCM devices, but the drift sweep was not"
        + " run (the model could not be evaluated, or --no-sweeps).", metric, List.of());
  }

  /** The drift sweep; only when {@link #driftSteps} is positive. */
  static DriftFigures drift(Chip chip, CompiledModel model, Measure measure, long seed, Progress.Stage stage) {
    String metric = measure.data().metric();
    NoiseModel.PcmNandakumar2019 pcm = drifting(chip).orElseThrow();
    List<DriftPoint> points = new ArrayList<>();
    for (DriftPoint t : TIMES) {
      double with = measure.figure(measure.simulate(model, new SimOptions(SimOptions.Mode.ANALOG, seed,
          t.seconds(), true), stage));
      double without = measure.figure(measure.simulate(model, new SimOptions(SimOptions.Mode.ANALOG, seed,
          t.seconds(), false), stage));
      points.add(new DriftPoint(t.label(), t.seconds(), with, without));
    }
    return new DriftFigures(true, "The PCM devices of chip " + chip.name() + " drift (pcm_nandakumar2019, t0 = "
        + pcm.t0() + "): " + measure.data().metric() + " on " + measure.data().size() + " inputs, chip seed "
        + seed + ".", metric, points);
  }

  static String oneLine(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
