package ancc.maven;

import ancc.compiler.partition.PartitionOptions;
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

  /** A chip preset name (e.g. {@code default}) or a {@code .yaml}/{@code .yml} chip file. */
  @Parameter(property = "ancc.chip", defaultValue = "default")
  String chip;

  /**
   * The placement strategy: {@code auto} (the default, as for {@code ancc compile}) or
   * {@code auto-greedy} (the partitioner), or a fixed one: {@code all-memristor}, {@code all-sram},
   * {@code all-digital}, {@code first-last-digital}.
   */
  @Parameter(property = "ancc.placement", defaultValue = "auto")
  String placement;

  /** The partitioner's accuracy budget: the allowed top-1 drop with a percent sign, e.g. {@code 1%}; default 0.5%. */
  @Parameter(property = "ancc.budget")
  String budget;

  /**
   * Calibration images. Fixed placements: a {@code .npy} batch that sets quantizer and ADC ranges
   * (default: 16 seeded synthetic samples). {@code auto}/{@code auto-greedy}: labelled images
   * ({@code .npy} or IDX, with {@code calibrationLabels}) the partitioner measures on (default:
   * synthetic inputs, with a warning that accuracy figures are then not meaningful).
   */
  @Parameter(property = "ancc.calibration")
  File calibration;

  /** Labels of the calibration images ({@code auto}, {@code auto-greedy}). */
  @Parameter(property = "ancc.calibrationLabels")
  File calibrationLabels;

  /** Calibration images the partitioner uses (the first ones). */
  @Parameter(property = "ancc.calibrationSamples", defaultValue = "256")
  int calibrationSamples;

  /** Let the partitioner place groups of output channels of a layer separately. */
  @Parameter(property = "ancc.kernelGranular", defaultValue = "false")
  boolean kernelGranular;

  /** Where the partitioner caches sensitivity results between builds. */
  @Parameter(property = "ancc.cacheDirectory", defaultValue = "${project.build.directory}/ancc-cache")
  File cacheDirectory;

  /** Evaluation images ({@code .npy} or IDX, {@code .gz} accepted); needs {@code labels}. */
  @Parameter(property = "ancc.images")
  File images;

  /** Evaluation labels, one integer per image ({@code .npy} or IDX). */
  @Parameter(property = "ancc.labels")
  File labels;

  /** Evaluate the first N images; 0 for all. */
  @Parameter(property = "ancc.samples", defaultValue = "0")
  int samples;

  /** Simulated chip instances, seeds {@code seed .. seed+chips-1}. */
  @Parameter(property = "ancc.chips", defaultValue = "1")
  int chips;

  /** Seed of the first chip instance. */
  @Parameter(property = "ancc.seed", defaultValue = "0")
  long seed;

  /** {@code analog} (the chip's device models) or {@code ideal}. */
  @Parameter(property = "ancc.mode", defaultValue = "analog")
  String mode;

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
    String strategy = placement == null ? "" : placement.trim().toLowerCase(Locale.ROOT);
    if (!ModelCompiler.placements().contains(strategy)) {
      throw new ParameterException("placement '" + placement + "' is not one of "
          + String.join(", ", ModelCompiler.placements()));
    }
    Double budgetPercent = CompileSettings.parseBudget(budget);
    boolean partitions = ModelCompiler.partitions(strategy);
    if (budgetPercent != null && !partitions) {
      getLog().warn("ancc: budget " + budget.trim() + " has no effect with the fixed placement " + strategy);
    }
    if (partitions && calibration != null && calibrationLabels == null) {
      throw new ParameterException("calibration is set but calibrationLabels is not: placement " + strategy
          + " measures accuracy on labelled calibration images");
    }
    if (calibrationSamples < 1) {
      throw new ParameterException("calibrationSamples must be >= 1, got " + calibrationSamples);
    }
    if ((images == null) != (labels == null)) {
      throw new ParameterException(images == null ? "labels is set but images is not: evaluation needs both"
          : "images is set but labels is not: evaluation needs both");
    }
    if (samples < 0 || chips < 1) {
      throw new ParameterException(samples < 0 ? "samples must be >= 0, got " + samples
          : "chips must be >= 1, got " + chips);
    }
    requireFile(calibration, "calibration");
    requireFile(partitions ? calibrationLabels : null, "calibrationLabels");
    requireFile(images, "images");
    requireFile(labels, "labels");
    Chip target = resolveChip();
    CompileSettings.Partitioning partitioning = new CompileSettings.Partitioning(
        budgetPercent == null ? PartitionOptions.DEFAULT_BUDGET_PERCENT : budgetPercent, path(calibrationLabels),
        calibrationSamples, kernelGranular, path(cacheDirectory));
    return new CompileSettings(target, chip, strategy, partitioning, path(calibration), path(images), path(labels),
        samples, chips, seed, CompileSettings.parseMode(mode), CompileSettings.parseNormalize(normalize),
        CompileSettings.parseFormats(formats));
  }

  private Chip resolveChip() {
    String spec = chip == null ? "" : chip.trim();
    String lower = spec.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      Path file = basedir.toPath().resolve(spec);
      if (!Files.isRegularFile(file)) {
        throw new InvalidInputException(file + ": chip file not found (chip '" + spec + "')");
      }
      return Chips.resolve(file.toString());
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
