package ancc.compiler.driver;

import ancc.backends.DoesNotFitException;
import ancc.compiler.eval.Dataset;
import ancc.compiler.partition.CalibrationFiles;
import ancc.compiler.partition.PartitionOptions;
import ancc.compiler.partition.PartitionResult;
import ancc.compiler.partition.PartitionSummary;
import ancc.compiler.partition.SolvedPartition;
import ancc.compiler.pass.Ir;
import ancc.compiler.pass.PassContext;
import ancc.compiler.pass.PassManager;
import ancc.compiler.pass.Pipelines;
import ancc.compiler.report.CostReport;
import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chip;
import ancc.ir.chip.ChipScaling;
import ancc.ir.chip.Chips;
import ancc.ir.graph.Module;
import ancc.ir.graph.Tensor;
import ancc.runtime.sim.energy.ReprogramCharge;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one compile-and-simulate pipeline every front end calls (the {@code ancc} commands, the main
 * job, the Maven plugin): import -> canonicalize -> partition -> calibrate -> lower, then simulate,
 * evaluate and report. Each stage is callable alone and {@link #compile(Path)} chains them. The
 * graph and program stages are steps under the {@link PassManager} (timed, verified, printed on
 * request: {@link Options#printAfter()}); the rest are timed into the same table
 * ({@link #context()}'s timings). Configured by one {@link Options}; progress and warnings go to a
 * {@link Progress}. One pipeline per run (it holds that run's context); not thread-safe.
 */
public final class Pipeline {
  private final Options options;
  private final Progress progress;
  private final PassContext ctx = new PassContext();
  private final PassManager manager;
  private final List<String> notes = new ArrayList<>();
  /** The chip of the options (or of a compiled folder). */
  private Chip base;
  /**
   * The target: {@link #base}, or with {@link Options#scaleToFit()} the chip sized to the model (with
   * {@link Options#reprogram()}, the virtual chip the program is simulated on).
   */
  private Chip chip;
  private Calibrated lastCalibration;
  /** With {@link Options#reprogram()}: the layer groups of the last {@link #lower}ed program on {@link #base}. */
  private ReprogramCharge reprogramming;
  private ancc.ir.program.Program reprogrammed;
  /** The calibration images, once {@link #calibrationData} has looked (null: none given). */
  private Dataset calibData;
  private boolean calibLoaded;

  /** A pipeline reporting to {@code progress}; IR dumps ({@link Options#printAfter()}) go to {@code dumps}. */
  public Pipeline(Options options, Progress progress, Consumer<String> dumps) {
    this.options = options;
    this.progress = progress;
    this.manager = new PassManager(Pipelines.canonicalize()).verifyEach(options.verifyEach());
    if (!options.printAfter().isEmpty()) {
      manager.printIrAfter(options.printAfter().contains(Options.ALL_STEPS) ? allSteps() : options.printAfter(), dumps);
    }
  }

  /** A pipeline with no progress display and no dumps. */
  public Pipeline(Options options) {
    this(options, Progress.NONE, text -> { });
  }

  public Options options() {
    return options;
  }

  /** This run's context: the timing of every step and stage, remarks, analysis results. */
  public PassContext context() {
    return ctx;
  }

  /** What the reader of the results must know: calibration data used, fallbacks, the partitioner's warnings. */
  public List<String> notes() {
    List<String> out = new ArrayList<>(notes);
    ctx.remarks().forEach(r -> out.add(r.message()));
    return out;
  }

  /** The notes the stages did not already show as warnings (e.g. which data calibrated the model). */
  public List<String> unwarnedNotes() {
    return List.copyOf(notes);
  }

  /**
   * The target chip: {@link Options#chip()}, or the default preset; with {@link Options#scaleToFit()},
   * once {@link #place} or {@link #lower} sized it to the model, the scaled chip ({@link #baseChip()}
   * is then the one it was scaled from).
   */
  public Chip chip() {
    if (chip == null) {
      chip = baseChip();
    }
    return chip;
  }

  /** The chip of the options (or of the compiled folder read), before any scaling. */
  public Chip baseChip() {
    if (base == null) {
      base = Chips.resolve(options.chip() == null ? Options.DEFAULT_CHIP : options.chip());
    }
    return base;
  }

  /** The partitioner's decisions and measurements, when the partition step ran it. */
  public Optional<PartitionSummary> partition() {
    return ctx.get(PartitionResult.class).map(PartitionResult::summary);
  }

  /** The partition solved from given sensitivities ({@link Options#sensitivities()}), when the partition step did. */
  public Optional<SolvedPartition> solvedPartition() {
    return ctx.get(SolvedPartition.class);
  }

  /** The calibration the last {@link #lower} used, if any. */
  public Optional<Calibrated> calibration() {
    return Optional.ofNullable(lastCalibration);
  }

  // ------------------------------------------------------------------ stages

  /** A model file as canonical graph IR: an ONNX model imported and canonicalized, or a {@code .air} read. */
  public Module load(Path model) {
    requireFile(model);
    if (isIr(model)) {
      Progress.Stage st = progress.start("read graph IR", 0);
      Module m = manager.apply(new ReadIr(), Ir.GRAPH, model, ctx);
      st.done(m.nodes().size() + " nodes");
      return m;
    }
    return canonicalize(importOnnx(model), model);
  }

  /** import: the ONNX model as verified graph IR. */
  public Module importOnnx(Path onnx) {
    requireFile(onnx);
    Progress.Stage st = progress.start("import", 0);
    Module m = manager.apply(new ImportOnnx(), Ir.GRAPH, onnx, ctx);
    st.done(m.nodes().size() + " nodes");
    return m;
  }

  /** The canonicalization passes on {@code m}; errors name {@code file}. */
  public Module canonicalize(Module m, Path file) {
    Progress.Stage st = progress.start("canonicalize", 0);
    Module out;
    try {
      out = manager.run(m, ctx);
    } catch (InvalidInputException e) {
      throw ImportOnnx.naming(e, file);
    }
    st.done(out.nodes().size() + " nodes");
    return out;
  }

  /**
   * The strategy placing {@code m}: {@link Options#placement()}, else none (null) for a module that
   * is already placed and no {@link Options#sensitivities()} given, else {@link Options#DEFAULT_PLACEMENT}.
   */
  public Strategy strategyFor(Module m) {
    if (options.placement() != null) {
      return options.placement();
    }
    return Lower.placed(m) && options.sensitivities() == null ? null : Options.DEFAULT_PLACEMENT;
  }

  /**
   * partition: {@code m} with every node placed by {@link #strategyFor}; with {@code measure} a fixed
   * strategy is measured by the partitioner too (the main job's strategy points and sensitivities).
   * A placed module and no strategy given: {@code m} itself.
   */
  public Module place(Module m, boolean measure) {
    Strategy s = strategyFor(m);
    if (s == null) {
      return m;
    }
    boolean partitions = s.automatic() || measure || options.calib() != null;
    boolean given = s.automatic() && options.sensitivities() != null;
    Progress.Stage st = progress.start(given ? "partition from given sensitivities" : partitions
        ? "sensitivity and partition" : "placement", 0);
    if (grows()) {
      chip = ChipFit.fit(baseChip(), s instanceof Strategy.Fixed f ? ChipFit.needs(m, f.assign(m), baseChip())
          : ChipFit.hungriest(m, baseChip()));
    }
    Dataset calib = partitions ? calibrationData(m) : null;
    PartitionOptions po = new PartitionOptions(s, options.budgetPercent(),
        options.granularity() == Granularity.KERNEL, options.calibSamples(), options.seed(), options.chips(),
        options.cacheDir(), options.sensitivities());
    Partition step = new Partition(chip(), s, po, calib, partitions, st.asPartitionListener());
    Module placed;
    try {
      placed = manager.apply(step, Ir.GRAPH, m, ctx);
    } catch (DoesNotFitException e) {
      throw grows() ? e : suggestScaling(e);
    }
    Optional<PartitionSummary> summary = partition();
    Optional<SolvedPartition> solved = solvedPartition();
    st.done(s.text() + summary.map(p -> String.format(Locale.ROOT, ", measured drop %.2f%% (budget %s%%)",
        p.measuredDropPercent(), plain(p.budgetPercent()))).or(() -> solved.map(p -> String.format(Locale.ROOT,
        ", predicted drop %.2f%% (budget %s%%), not measured", p.predictedDropPercent(), plain(p.budgetPercent()))))
        .orElse(""));
    return placed;
  }

  /**
   * calibrate and lower: the program of a placed module, named by the strategy that placed it here
   * ({@code as-placed} for a module placed elsewhere, e.g. a placed {@code .air}).
   */
  public Compilation lower(Module placed) {
    String name = ctx.get(Partition.PlacedBy.class).filter(p -> p.module() == placed)
        .map(Partition.PlacedBy::strategy).orElse("as-placed");
    Progress.Stage st = progress.start("calibrate and lower", 0);
    if (!grows()) {
      String shortfall = ChipFit.shortfall(ChipFit.needs(placed, Lower.assignment(placed), chip()), chip());
      if (!shortfall.isEmpty()) { // before the calibration, which takes long on a large model
        throw suggestScaling(new DoesNotFitException(placed.name() + " does not fit chip " + chip().name() + ": "
            + shortfall));
      }
    }
    Calibrated cal = calibrate(placed);
    Compilation c = grows() ? lowerScaled(cal, name) : lowerOn(chip(), cal, name);
    if (options.reprogram()) {
      reprogramming = Reprogram.plan(c.module(), c.program(), c.chip(), baseChip());
      reprogrammed = c.program();
      notes.add(Reprogram.note(reprogramming, c.program(), c.chip()));
    }
    st.done(c.arrayCount() + " arrays on " + c.tilesUsed() + " tiles, " + c.instructionCount() + " instructions");
    return c;
  }

  private Compilation lowerOn(Chip target, Calibrated cal, String name) {
    try {
      return manager.apply(new Lower(target, name), Ir.PROGRAM.on(Compilation::program), cal, ctx);
    } catch (DoesNotFitException e) {
      throw grows() ? e : suggestScaling(e);
    }
  }

  /**
   * lower on the chip sized to the placed module: {@link #baseChip()} grown to the arrays and tiles
   * the placement needs ({@link ChipFit#needs}), then, while a tile's buffer overflows, grown by half
   * the overflowing kind's tiles again, at most {@link ChipFit#BUFFER_ROUNDS} times and only while
   * the largest buffer need falls (a single buffer larger than a tile's never fits).
   */
  private Compilation lowerScaled(Calibrated cal, String name) {
    Module placed = cal.module();
    Chip target = ChipFit.fit(baseChip(), ChipFit.needs(placed, Lower.assignment(placed), baseChip()));
    long overflow = Long.MAX_VALUE;
    for (int round = 0; ; round++) {
      chip = target;
      try {
        Compilation c = lowerOn(target, cal, name);
        if (target != baseChip() && options.scaleToFit()) {
          notes.add("--scale-to-fit: chip " + baseChip().name() + " (" + ChipScaling.shape(baseChip()) + ") grew to "
              + target.name() + ": " + ChipScaling.shape(target) + ", " + String.format(Locale.ROOT, "%.4g",
              ChipScaling.areaMm2(target)) + " mm2 of tiles.");
        }
        return c;
      } catch (DoesNotFitException e) {
        long need = ChipFit.overflowBytes(e);
        boolean helped = need >= 0 && need < overflow; // more tiles lowered the worst tile's need
        overflow = need;
        Chip bigger = round < ChipFit.BUFFER_ROUNDS && helped ? ChipFit.grow(baseChip(), target, e) : null;
        if (bigger == null) {
          throw round == 0 || need < 0 ? e : e.appended(" (scale-to-fit grew the chip "
              + round + " time(s) for buffers, to " + ChipScaling.shape(target) + ", and stopped: more tiles"
              + " did not lower the largest need, and do not help a buffer larger than one tile's)");
        }
        target = bigger;
      }
    }
  }

  /** {@code e} with the scale-to-fit hint, and for arrays (not buffers) the reprogram hint. */
  private static DoesNotFitException suggestScaling(DoesNotFitException e) {
    return e.appended("; --scale-to-fit grows the chip's tile counts to the model" + (e.bufferNeeds().isEmpty()
        ? ", --reprogram reprograms its arrays between layer groups within an inference" : ""));
  }

  /** Whether the model is lowered on a chip grown to it: {@link Options#scaleToFit()}, or the virtual chip of {@link Options#reprogram()}. */
  private boolean grows() {
    return options.scaleToFit() || options.reprogram();
  }

  /** The layer groups and per-inference charge of {@code model} on the physical chip, when {@link Options#reprogram()} lowered it. */
  public Optional<ReprogramCharge> reprogramming(CompiledModel model) {
    return Optional.ofNullable(reprogramming).filter(r -> model.program() == reprogrammed);
  }

  /**
   * calibrate: the activation ranges of {@code m} from the calibration data of {@link #calibrationData}.
   * A module that computes the same values as the one calibrated last (the same nodes, placed
   * differently) reuses its ranges.
   */
  public Calibrated calibrate(Module m) {
    if (lastCalibration != null && sameComputation(lastCalibration.module(), m)) {
      return new Calibrated(m, lastCalibration.calibration(), lastCalibration.source());
    }
    Dataset data = calibrationData(m);
    lastCalibration = manager.apply(new Calibrate(data, dataName(), options.calibSamples()),
        Ir.GRAPH.on(Calibrated::module), m, ctx);
    return lastCalibration;
  }

  /** Whether {@code a} and {@code b} have the same inputs, constants and nodes (placements aside). */
  private static boolean sameComputation(Module a, Module b) {
    if (a == b) {
      return true;
    }
    if (!a.inputs().equals(b.inputs()) || a.nodes().size() != b.nodes().size() || a.constants() != b.constants()
        && !a.constants().equals(b.constants())) {
      return false;
    }
    for (int i = 0; i < a.nodes().size(); i++) {
      ancc.ir.graph.Node x = a.nodes().get(i);
      ancc.ir.graph.Node y = b.nodes().get(i);
      if (!x.op().equals(y.op()) || !x.inputs().equals(y.inputs()) || !x.outputs().equals(y.outputs())) {
        return false;
      }
    }
    return true;
  }

  /** partition, calibrate and lower a canonical module. */
  public Compilation compile(Module canonical, boolean measure) {
    return lower(place(canonical, measure));
  }

  /**
   * A model ready to simulate: a folder written by {@code ancc compile} read as compiled (with the
   * chip its program names, or {@link Options#chip()} checked against it), or a model file
   * ({@code .onnx}, {@code .air}) compiled.
   */
  public CompiledModel compile(Path model) {
    if (Files.isDirectory(model)) {
      Progress.Stage st = progress.start("read program", 0);
      CompiledModel c = timed("read-program", () -> CompiledModel.readFolder(model, options.chip()));
      chip = c.chip();
      base = c.chip();
      st.done(c.program().arrays().size() + " arrays");
      return c;
    }
    Compilation c = compile(load(model), false);
    return timed("model-info", () -> CompiledModel.of(model, c));
  }

  /** The timing model and the energy ledger of {@code model} at {@code batch}. */
  public CostReport costs(CompiledModel model, long batch) {
    return timed("timing-and-energy-batch-" + batch, () -> CostReport.of(model, batch,
        reprogramming(model).orElse(null)));
  }

  /** Runs {@code model} on chip instance {@code k} ({@code seed + k}) of {@link Options#mode()}. */
  public Map<String, Tensor> simulate(CompiledModel model, Map<String, Tensor> inputs, int k) {
    return model.simulate(inputs, options.simulation(k));
  }

  /**
   * The calibration inputs of the model: {@link Options#calib()}, else the labelled
   * {@link Options#images()} (noted: the accuracy is then measured on the data it was calibrated
   * on), else null (synthetic inputs).
   */
  public Dataset calibrationData(Module m) {
    if (calibLoaded) {
      return calibData;
    }
    calibLoaded = true;
    try {
      if (options.calib() != null) {
        calibData = CalibrationFiles.load(options.calib(), options.calibLabels(), options.normalize(),
            options.calibSamples(), m);
      } else if (options.images() != null) {
        calibData = CalibrationFiles.load(options.images(), options.labels(), options.normalize(),
            options.calibSamples(), m);
        notes.add("No --calib: quantizer ranges, the sensitivity analysis and the strategy points used the first "
            + calibData.size() + " of the labelled images, the same data the accuracy is measured on (give --calib"
            + " for held-out calibration data).");
      }
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(e.getFile() + ": no such file or folder");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return calibData;
  }

  private String dataName() {
    Path p = options.calib() != null ? options.calib() : options.images();
    return p == null ? "synthetic" : p.toString();
  }

  /** A graph pass {@link #runPasses} knows, by name. */
  public record PassInfo(String name, String summary) {}

  /** The graph passes by name: {@code canonicalize} (the whole pipeline), each canonicalization pass, {@code partition}. */
  public List<PassInfo> graphPasses() {
    List<PassInfo> out = new ArrayList<>();
    out.add(new PassInfo(CANONICALIZE, "the canonicalization pipeline: " + String.join(", ",
        Pipelines.canonicalize().stream().map(ancc.compiler.pass.Pass::name).toList())));
    Pipelines.all().forEach(pass -> out.add(new PassInfo(pass.name(), pass.summary())));
    out.add(new PassInfo("partition", "place every node on a tile kind: measured or given sensitivities under the"
        + " accuracy budget, or a fixed rule (--placement, --budget, --calib, --sensitivities, --chip)"));
    return out;
  }

  /** Runs the graph passes {@code names} ({@link #graphPasses}) on {@code m}, in order, each verified and timed. */
  public Module runPasses(Module m, List<String> names) {
    Module cur = m;
    for (String name : names) {
      if (name.equals(CANONICALIZE)) {
        cur = manager.run(cur, ctx);
      } else if (name.equals("partition")) {
        cur = place(cur, false);
      } else {
        ancc.compiler.pass.Pass pass = Pipelines.byName(name).orElseThrow(() -> new InvalidInputException(
            "unknown pass '" + name + "' (passes: " + String.join(", ", graphPasses().stream().map(PassInfo::name)
                .toList()) + ")"));
        cur = manager.apply(pass, Ir.GRAPH, cur, ctx);
      }
    }
    return cur;
  }

  private static final String CANONICALIZE = "canonicalize";

  // ------------------------------------------------------------------ helpers

  /** Runs {@code work}, recording its wall time as stage {@code name}. */
  public <T> T timed(String name, Work<T> work) {
    long t0 = System.nanoTime();
    try {
      return work.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      ctx.recordTiming(name, System.nanoTime() - t0);
    }
  }

  /** A stage's work. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws IOException;
  }

  /** Whether {@code model} names a textual graph IR file. */
  public static boolean isIr(Path model) {
    return model.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".air");
  }

  /** A missing model is reported as such, before anything reads it. */
  public static void requireFile(Path file) {
    if (Files.isDirectory(file)) {
      throw new InvalidInputException(file + ": is a folder, not a file");
    }
    if (!Files.exists(file)) {
      throw new InvalidInputException(file + ": no such file or folder");
    }
  }

  /** The names of every step a compile runs, in order: what {@code --print-after} takes. */
  public static java.util.Set<String> allSteps() {
    java.util.Set<String> names = new java.util.LinkedHashSet<>(List.of("import", "read-ir"));
    Pipelines.canonicalize().forEach(p -> names.add(p.name()));
    names.addAll(List.of("partition", "calibrate", "lower"));
    return names;
  }

  static String plain(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
