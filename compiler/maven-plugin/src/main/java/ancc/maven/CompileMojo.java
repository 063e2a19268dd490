package ancc.maven;

import ancc.compiler.driver.Granularity;
import ancc.compiler.driver.Options;
import ancc.compiler.driver.Strategy;
import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code ancc:compile}: compiles every ONNX model of the build for the target chip and writes,
 * per model, the graph IR with placements, the crossbar program, {@code report.json} and, when
 * evaluation images and labels are given, {@code eval.json} with the simulated accuracy. A model
 * whose inputs (model bytes, chip, data files, settings, plugin version) did not change since its
 * last successful build is not rebuilt. Documented in docs/maven-plugin.md.
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.PROCESS_RESOURCES, threadSafe = true)
public final class CompileMojo extends AbstractMojo {
  /** Skip both goals. */
  @Parameter(property = "ancc.skip", defaultValue = "false")
  boolean skip;

  /** The folder the models are searched in. */
  @Parameter(property = "ancc.modelDirectory", defaultValue = "${project.basedir}/src/main/onnx")
  File modelDirectory;

  /** Ant-style patterns of models below {@code modelDirectory}; default {@code **}{@code /*.onnx}. */
  @Parameter
  List<String> includes;

  /** Ant-style patterns of files to leave out. */
  @Parameter
  List<String> excludes;

  /**
   * A chip preset name or a {@code .yaml}/{@code .yml} chip file (relative to the project); default
   * {@code default}. The parameters below mirror the {@code ancc} command's options of the same names
   * and share their defaults ({@code ancc.compiler.driver.Options}).
   */
  @Parameter(property = "ancc.chip")
  String chip;

  /**
   * The placement strategy: {@code auto} (the default) or {@code auto-greedy} (the partitioner), or a
   * fixed one: {@code all-memristor}, {@code all-sram}, {@code all-digital}, {@code first-last-digital}.
   */
  @Parameter(property = "ancc.placement")
  String placement;

  /** The partitioner's accuracy budget: the allowed top-1 drop with a percent sign, e.g. {@code 1%}; default 0.5%. */
  @Parameter(property = "ancc.budget")
  String budget;

  /** What the partitioner places: {@code layer} (default) or {@code kernel} (groups of output channels). */
  @Parameter(property = "ancc.granularity")
  String granularity;

  /**
   * Calibration images ({@code .npy} or IDX): quantizer and ADC ranges, the sensitivity analysis and the
   * partition's verification; default: the evaluation {@code images} when given, else synthetic inputs
   * (with a warning that the partitioner's figures are then not meaningful).
   */
  @Parameter(property = "ancc.calib")
  File calib;

  /** Labels of the calibration images; without them drops are measured against FP32's own classes. */
  @Parameter(property = "ancc.calibLabels")
  File calibLabels;

  /** Calibration images used (the first ones); default 256. */
  @Parameter(property = "ancc.calibSamples")
  Integer calibSamples;

  /**
   * Given sensitivities (the JSON scores file of {@code --sensitivities}, docs/partitioning.md): the
   * automatic strategies then only solve, without analysis or simulation.
   */
  @Parameter(property = "ancc.sensitivities")
  File sensitivities;

  /**
   * Grow the tile counts of the chip (the same tiles on a larger mesh) until the model fits, as
   * {@code --scale-to-fit} does (docs/mapping.md, "Scaling a chip to the model"); default false.
   */
  @Parameter(property = "ancc.scaleToFit")
  Boolean scaleToFit;

  /**
   * Time-multiplex a chip too small for the model, reprogramming its arrays between layer groups
   * within every inference and charging that per inference, as {@code --reprogram} does
   * (docs/mapping.md, "Reprogramming (time-multiplexing)"); excludes {@code scaleToFit}; default false.
   */
  @Parameter(property = "ancc.reprogram")
  Boolean reprogram;

  /** Where the partitioner caches sensitivity results between builds. */
  @Parameter(property = "ancc.cacheDir", defaultValue = "${project.build.directory}/ancc-cache")
  File cacheDir;

  /** Evaluation images ({@code .npy} or IDX, {@code .gz} accepted); needs {@code labels}. */
  @Parameter(property = "ancc.images")
  File images;

  /** Evaluation labels, one integer per image ({@code .npy} or IDX). */
  @Parameter(property = "ancc.labels")
  File labels;

  /** Evaluate the first N images; default all. */
  @Parameter(property = "ancc.samples")
  Integer samples;

  /** Chip instances (seeds {@code seed .. seed+chips-1}) the partitioner and the evaluation average over; default 3. */
  @Parameter(property = "ancc.chips")
  Integer chips;

  /** Seed of the first chip instance; default 0. */
  @Parameter(property = "ancc.seed")
  Long seed;

  /** {@code analog} (the chip's device models, the default) or {@code ideal}. */
  @Parameter(property = "ancc.mode")
  String mode;

  /** Time since programming at which the evaluation reads the chip, e.g. {@code 1h} or {@code 1d}; default 0. */
  @Parameter(property = "ancc.driftTime")
  String driftTime;

  /** Apply global drift compensation when reading a drifted chip; default true. */
  @Parameter(property = "ancc.driftCompensation")
  Boolean driftCompensation;

  /** {@code MEAN,STD}: map each image value x to (x-MEAN)/STD after scaling integer pixels to [0,1]. */
  @Parameter(property = "ancc.normalize")
  String normalize;

  /** Report formats, comma-separated; this version writes {@code json}. */
  @Parameter(property = "ancc.formats", defaultValue = "json")
  String formats;

  /** Where the outputs go, one folder per model. */
  @Parameter(property = "ancc.outputDirectory", defaultValue = "${project.build.directory}/ancc")
  File outputDirectory;

  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  File basedir;

  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  PluginDescriptor plugin;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("ancc: skipped (ancc.skip)");
      return;
    }
    try {
      CompileSettings settings = settings();
      List<ModelFiles.Model> models = models();
      Path out = outputDirectory.toPath();
      String version = PluginVersion.of(plugin);
      List<String> built = new ArrayList<>();
      List<String> upToDate = new ArrayList<>();
      for (ModelFiles.Model model : models) {
        ModelBuild build = new ModelBuild(model, out);
        Fingerprint f = build.fingerprint(version, settings);
        List<String> changed = build.changes(f, settings);
        if (changed.isEmpty()) {
          upToDate.add(model.name());
          getLog().debug("ancc: " + model.name() + ": up to date in " + build.dir());
          continue;
        }
        getLog().debug("ancc: " + model.name() + ": building, changed: " + String.join(", ", changed));
        build.run(settings, f, getLog());
        built.add(model.name());
      }
      ModelIndex.write(out, models.stream().map(ModelFiles.Model::name).toList());
      if (built.isEmpty()) {
        getLog().info("ancc: " + count(upToDate.size()) + " up to date, nothing to compile (no input changed since"
            + " the last build): " + String.join(", ", upToDate));
      } else {
        getLog().info("ancc: compiled " + count(built.size()) + " into " + out
            + (upToDate.isEmpty() ? "" : "; " + upToDate.size() + " up to date"));
      }
    } catch (ParameterException e) {
      throw new MojoExecutionException("ancc: " + e.getMessage());
    } catch (InvalidInputException e) {
      throw new MojoFailureException("ancc: " + e.getMessage());
    } catch (java.nio.file.NoSuchFileException e) {
      throw new MojoFailureException("ancc: " + e.getFile() + ": no such file");
    } catch (IOException e) {
      throw new MojoExecutionException("ancc: " + e, e);
    }
  }

  /** Checks every setting; throws {@link ParameterException} or {@link InvalidInputException}. */
  CompileSettings settings() throws IOException {
    Options.Builder b = Options.builder().cacheDir(path(cacheDir));
    if (placement != null && !placement.isBlank()) {
      try {
        b.placement(Strategy.parse(placement));
      } catch (InvalidInputException e) {
        throw new ParameterException("placement '" + placement + "' is not one of " + String.join(", ",
            Strategy.names()));
      }
    }
    Double budgetPercent = CompileSettings.parseBudget(budget);
    if (budgetPercent != null) {
      b.budgetPercent(budgetPercent);
    }
    if (granularity != null && !granularity.isBlank()) {
      try {
        b.granularity(Granularity.parse(granularity));
      } catch (InvalidInputException e) {
        throw new ParameterException("granularity '" + granularity + "' is not layer or kernel");
      }
    }
    if (calibLabels != null && calib == null) {
      throw new ParameterException("calibLabels is set but calib is not");
    }
    if ((images == null) != (labels == null)) {
      throw new ParameterException(images == null ? "labels is set but images is not: evaluation needs both"
          : "images is set but labels is not: evaluation needs both");
    }
    requireFile(calib, "calib");
    requireFile(calibLabels, "calibLabels");
    requireFile(sensitivities, "sensitivities");
    requireFile(images, "images");
    requireFile(labels, "labels");
    Chip target = resolveChip();
    b.chip(chipSpec()).sensitivities(path(sensitivities)).calib(path(calib)).calibLabels(path(calibLabels)).images(path(images)).labels(path(labels))
        .normalize(CompileSettings.parseNormalize(normalize));
    if (calibSamples != null) {
      b.calibSamples(calibSamples);
    }
    if (samples != null) {
      b.samples(samples);
    }
    if (chips != null) {
      b.chips(chips);
    }
    if (seed != null) {
      b.seed(seed);
    }
    if (mode != null && !mode.isBlank()) {
      b.mode(CompileSettings.parseMode(mode));
    }
    if (driftTime != null && !driftTime.isBlank()) {
      b.driftSeconds(CompileSettings.parseDuration(driftTime, "driftTime"));
    }
    if (driftCompensation != null) {
      b.driftCompensation(driftCompensation);
    }
    if (scaleToFit != null) {
      b.scaleToFit(scaleToFit);
    }
    if (reprogram != null) {
      b.reprogram(reprogram);
    }
    Options options;
    try {
      options = b.build();
    } catch (InvalidInputException e) {
      throw new ParameterException(e.getMessage());
    }
    if (budgetPercent != null && options.placement() instanceof Strategy.Fixed f) {
      getLog().warn("ancc: budget " + budget.trim() + " has no effect with the fixed placement " + f.text());
    }
    return new CompileSettings(options, target, CompileSettings.parseFormats(formats));
  }

  /** The chip as the pipeline takes it: a preset name, or the chip file resolved against the project. */
  private String chipSpec() {
    String spec = chip == null || chip.isBlank() ? Options.DEFAULT_CHIP : chip.trim();
    String lower = spec.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml") ? basedir.toPath().resolve(spec).toString() : spec;
  }

  private Chip resolveChip() {
    String spec = chipSpec();
    String lower = spec.toLowerCase(Locale.ROOT);
    if ((lower.endsWith(".yaml") || lower.endsWith(".yml")) && !Files.isRegularFile(Path.of(spec))) {
      throw new InvalidInputException(spec + ": chip file not found (chip '" + chip.trim() + "')");
    }
    return Chips.resolve(spec);
  }

  /** The models of the build; none is an error that says where ancc looked. */
  private List<ModelFiles.Model> models() throws IOException {
    Path dir = modelDirectory.toPath();
    List<String> in = includes == null || includes.isEmpty() ? List.of("**/*.onnx") : includes;
    List<String> ex = excludes == null ? List.of() : excludes;
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException(dir + ": model directory not found; put the ONNX models there, set"
          + " modelDirectory, or skip with -Dancc.skip");
    }
    List<ModelFiles.Model> found = ModelFiles.scan(dir, in, ex);
    if (found.isEmpty()) {
      throw new InvalidInputException(dir + ": no model matches includes " + in
          + (ex.isEmpty() ? "" : " and excludes " + ex) + "; add a model or fix the patterns");
    }
    return found;
  }

  private static void requireFile(File f, String parameter) {
    if (f != null && !f.isFile()) {
      throw new InvalidInputException(f + ": no such file (" + parameter + ")");
    }
  }

  private static Path path(File f) {
    return f == null ? null : f.toPath();
  }

  private static String count(int n) {
    return n + (n == 1 ? " model" : " models");
  }
}
