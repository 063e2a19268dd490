package ancc.maven;

import ancc.compiler.driver.Artifacts;
import ancc.compiler.driver.Compilation;
import ancc.compiler.driver.CompiledModel;
import ancc.compiler.driver.Pipeline;
import ancc.compiler.partition.PartitionSummary;
import ancc.compiler.report.CostReport;
import ancc.compiler.report.Report;
import ancc.compiler.report.ReportWriter;
import ancc.compiler.report.Throughput;
import ancc.runtime.io.StagedFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugin.logging.Log;

/**
 * Builds one model into its output folder {@code OUT/NAME/}: the graph IR with placements
 * ({@code BASE.air} + {@code .air.bin}), the program ({@code BASE.xbp} + {@code .xbp.bin}),
 * {@code report.json} (one inference, batch 1) and, with evaluation data, {@code eval.json}
 * (accuracy, timing and energy at the evaluated batch), and for {@code auto}/{@code auto-greedy}
 * {@code partition.json} (the partitioner's decisions); then the fingerprint {@code
 * .ancc-inputs}, last, so that a failed build is never taken for an up-to-date one.
 */
final class ModelBuild {
  static final String REPORT = "report.json";
  static final String EVAL = "eval.json";
  static final String PARTITION = "partition.json";
  static final String FINGERPRINT = ".ancc-inputs";

  private final ModelFiles.Model model;
  private final Path dir;
  private final String base;

  ModelBuild(ModelFiles.Model model, Path outputDirectory) {
    this.model = model;
    this.dir = outputDirectory.resolve(model.name());
    this.base = CompiledModel.baseName(model.file());
  }

  Path dir() {
    return dir;
  }

  /** Everything this model's outputs depend on. */
  Fingerprint fingerprint(String pluginVersion, CompileSettings s) throws IOException {
    Fingerprint f = new Fingerprint();
    f.add("ancc", pluginVersion);
    f.addFile("model", model.file());
    s.fingerprint(f);
    return f;
  }

  /** The keys that changed since the last successful build (empty: up to date), or {@code outputs}. */
  List<String> changes(Fingerprint current, CompileSettings s) throws IOException {
    List<String> changed = new ArrayList<>(current.changedSince(Fingerprint.read(dir.resolve(FINGERPRINT))));
    List<String> needed = new ArrayList<>(List.of(base + ".air", base + ".xbp", REPORT));
    if (s.evaluates()) {
      needed.add(EVAL);
    }
    if (changed.isEmpty() && needed.stream().anyMatch(n -> !Files.isRegularFile(dir.resolve(n)))) {
      changed.add("outputs");
    }
    return changed;
  }

  /** Compiles on the one pipeline, reports, evaluates if asked, writes every output and then the fingerprint. */
  void run(CompileSettings s, Fingerprint fingerprint, Log log) throws IOException {
    long start = System.nanoTime();
    Path file = model.file();
    Pipeline p = new Pipeline(s.options(), new LogProgress(log, model.name()), text -> log.info(text));
    Compilation c = p.compile(p.load(file), false);
    PartitionSummary partition = p.partition().orElse(null);
    if (partition != null) {
      log.info(String.format(Locale.ROOT, "ancc: %s: %s at budget %s%%: measured drop %.2f%% (predicted %.2f%%) on %d"
          + " calibration images, %d repair%s%s", model.name(), partition.strategy(),
          Quantity.plain(partition.budgetPercent()), partition.measuredDropPercent(),
          partition.predictedDropPercent(), partition.calibrationSamples(), partition.repairs(),
          partition.repairs() == 1 ? "" : "s", partition.cached() ? ", sensitivities from the cache" : ""));
    }
    Artifacts artifacts = Artifacts.render(c, base);
    CompiledModel compiled = CompiledModel.of(file, c);
    CostReport one = p.costs(compiled, 1);
    Map<Path, StagedFiles.Content> files = new LinkedHashMap<>(artifacts.files(dir));
    files.put(dir.resolve(REPORT), StagedFiles.bytes(json(one.report("compile", null, null))));
    List<Path> stale = new ArrayList<>(artifacts.staleSidecars(dir));
    if (partition != null) {
      files.put(dir.resolve(PARTITION), StagedFiles.bytes(PartitionJson.render(partition)));
    } else {
      stale.add(dir.resolve(PARTITION));
    }
    Evaluation.Result eval = null;
    if (s.evaluates()) {
      eval = Evaluation.run(p, file, compiled, model.name(), log);
      Report r = eval.single().report("eval", eval.simulation(), eval.accuracy());
      files.put(dir.resolve(EVAL), StagedFiles.bytes(json(eval.batch().batch() == 1 ? r
          : r.withThroughput(Throughput.of(eval.batch())))));
    } else {
      stale.add(dir.resolve(EVAL));
    }
    Files.deleteIfExists(dir.resolve(FINGERPRINT));
    ModelOutputs.write(dir, files, stale);
    fingerprint.write(dir.resolve(FINGERPRINT));
    log.info(summary(c, one, eval, (System.nanoTime() - start) / 1e9));
  }

  private String summary(Compilation c, CostReport one, Evaluation.Result eval, double seconds) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "ancc: %s: %s on chip %s: %d arrays on %d tiles, %s uJ and %s us per"
        + " inference", model.name(), c.placement(), c.chip().name(), c.arrayCount(), c.tilesUsed(),
        Quantity.plain(one.energyPerInferenceUj()), Quantity.plain(one.latencyUs())));
    if (eval != null) {
      sb.append(String.format(Locale.ROOT, "; top-1 %.2f%% (reference %.2f%%, %d samples, %d chip%s)",
          100 * eval.accuracy().simulatedTop1Mean(), 100 * eval.accuracy().referenceTop1(),
          eval.accuracy().samples(), eval.accuracy().chips(), eval.accuracy().chips() == 1 ? "" : "s"));
    }
    return sb.append(String.format(Locale.ROOT, " (%.1f s)", seconds)).toString();
  }

  private static byte[] json(Report r) {
    return ReportWriter.toJson(r).getBytes(StandardCharsets.UTF_8);
  }
}
