package ancc.maven;

import ancc.compiler.BuildInfo;
import java.io.File;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.descriptor.PluginDescriptor;

/**
 * The plugin's identity for fingerprints: its version, the git commit ancc was built from (as
 * {@code ancc --version} shows it, {@link BuildInfo}) and, for a SNAPSHOT (whose code changes
 * under the same version), the size and time of every ancc jar on its class path, so a rebuilt
 * ancc rebuilds the models.
 */
final class PluginVersion {
  private PluginVersion() {}

  static String of(PluginDescriptor plugin) {
    if (plugin == null) {
      return "unknown";
    }
    StringBuilder sb = new StringBuilder(plugin.getVersion()).append(" commit ").append(BuildInfo.current().commit());
    if (plugin.getVersion().endsWith("-SNAPSHOT") && plugin.getArtifacts() != null) {
      java.util.List<Artifact> all = new java.util.ArrayList<>();
      if (plugin.getPluginArtifact() != null) {
        all.add(plugin.getPluginArtifact());
      }
      all.addAll(plugin.getArtifacts());
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (Artifact a : all) {
        File f = a.getFile();
        if ("io.github.ancc".equals(a.getGroupId()) && f != null && f.isFile() && seen.add(a.getArtifactId())) {
          sb.append(' ').append(a.getArtifactId()).append(':').append(f.length()).append('@')
              .append(f.lastModified());
        }
      }
    }
    return sb.toString();
  }
}
