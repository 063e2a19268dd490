package ancc.maven;

import ancc.ir.InvalidInputException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code ancc:verify}: applies the quality gates to every model the last {@code ancc:compile}
 * built, from its reports, and fails the build with one message per failed gate naming the model,
 * the measured value and the limit. When neither the reports nor the gates changed since the last
 * successful check, it does no work. Documented in docs/maven-plugin.md.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class VerifyMojo extends AbstractMojo {
  static final String FINGERPRINT = ".ancc-verified";

  /** Skip both goals. */
  @Parameter(property = "ancc.skip", defaultValue = "false")
  boolean skip;

  /** The folder {@code ancc:compile} wrote. */
  @Parameter(property = "ancc.outputDirectory", defaultValue = "${project.build.directory}/ancc")
  File outputDirectory;

  /** Lowest simulated top-1 accuracy (mean over chip instances): {@code 85%} or {@code 0.85}. */
  @Parameter(property = "ancc.minAccuracy")
  String minAccuracy;

  /** Largest drop of simulated top-1 below the FP32 reference, in points: {@code 1%} or {@code 0.01}. */
  @Parameter(property = "ancc.maxAccuracyDrop")
  String maxAccuracyDrop;

  /** Largest energy of one inference, with a unit: {@code 2 uJ}, {@code 500 nJ} (pJ, nJ, uJ, mJ, J). */
  @Parameter(property = "ancc.maxEnergyPerInference")
  String maxEnergyPerInference;

  /** Largest latency of one inference, with a unit: {@code 150 us}, {@code 1 ms} (ns, us, ms, s). */
  @Parameter(property = "ancc.maxLatency")
  String maxLatency;

  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  PluginDescriptor plugin;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("ancc: skipped (ancc.skip)");
      return;
    }
    Gates gates;
    try {
      gates = Gates.parse(minAccuracy, maxAccuracyDrop, maxEnergyPerInference, maxLatency);
    } catch (ParameterException e) {
      throw new MojoExecutionException("ancc: " + e.getMessage());
    }
    if (gates.isEmpty()) {
      getLog().info("ancc: no quality gate set (minAccuracy, maxAccuracyDrop, maxEnergyPerInference, maxLatency);"
          + " nothing to verify");
      return;
    }
    try {
      verify(gates);
    } catch (InvalidInputException e) {
      throw new MojoFailureException("ancc: " + e.getMessage());
    } catch (IOException e) {
      throw new MojoExecutionException("ancc: " + e, e);
    }
  }

  private void verify(Gates gates) throws IOException, MojoFailureException {
    Path out = outputDirectory.toPath();
    List<String> names = ModelIndex.read(out);
    if (names == null) {
      throw new InvalidInputException(out + ": no ancc:compile output here (" + ModelIndex.FILE + " is missing);"
          + " run ancc:compile before ancc:verify");
    }
    Fingerprint f = new Fingerprint();
    f.add("ancc", PluginVersion.of(plugin));
    f.add("gates", gates.describe());
    f.add("models", String.join(",", names));
    for (String name : names) {
      Path dir = out.resolve(name);
      Path eval = dir.resolve(ModelBuild.EVAL);
      f.addFile(name + "/" + ModelBuild.REPORT, existing(dir.resolve(ModelBuild.REPORT)));
      f.addFile(name + "/" + ModelBuild.EVAL, Files.isRegularFile(eval) ? eval : null);
    }
    Path stored = out.resolve(FINGERPRINT);
    if (f.changedSince(Fingerprint.read(stored)).isEmpty()) {
      getLog().info("ancc: quality gates up to date, nothing to verify (no report or gate changed since the last"
          + " successful check)");
      return;
    }
    Files.deleteIfExists(stored);
    List<String> failed = new ArrayList<>();
    int passed = 0;
    for (String name : names) {
      Path dir = out.resolve(name);
      Path eval = dir.resolve(ModelBuild.EVAL);
      ModelMetrics m = ModelMetrics.read(name, dir.resolve(ModelBuild.REPORT), Files.isRegularFile(eval) ? eval : null);
      for (Gates.Result r : gates.check(m)) {
        if (r.passed()) {
          passed++;
          getLog().info("ancc: " + r.message());
        } else {
          failed.add(r.message());
          getLog().error("ancc: " + r.message());
        }
      }
    }
    if (!failed.isEmpty()) {
      throw new MojoFailureException("ancc: " + failed.size() + " quality gate" + (failed.size() == 1 ? "" : "s")
          + " failed:\n  " + String.join("\n  ", failed));
    }
    f.write(stored);
    getLog().info("ancc: " + passed + " quality gate" + (passed == 1 ? "" : "s") + " passed for " + names.size()
        + (names.size() == 1 ? " model" : " models"));
  }

  private static Path existing(Path report) {
    if (!Files.isRegularFile(report)) {
      throw new InvalidInputException(report + ": missing; run ancc:compile before ancc:verify");
    }
    return report;
  }
}
