package ancc.compiler;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What this build of ancc is: the project version and the git commit it was built from, as the
 * build wrote them (git-commit-id-maven-plugin writes {@value #GIT_RESOURCE} in compiler/core; a
 * build outside a git checkout writes none, and the commit is {@code unknown}). Shown by
 * {@code ancc --version} and by the Maven plugin.
 *
 * @param version the project version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param commit the abbreviated commit id, with {@code -dirty} when the working tree had changes,
 *     or {@code unknown}
 * @param commitDate the commit's date (UTC, yyyy-MM-dd), or null when unknown
 */
public record BuildInfo(String version, String commit, String commitDate) {
  /** The class-path resource the build writes. */
  public static final String GIT_RESOURCE = "/ancc/compiler/git.properties";
  /** The Maven metadata that jars carry (absent when running from target/classes). */
  static final String POM_RESOURCE = "/META-INF/maven/io.github.ancc/ancc-compiler-core/pom.properties";
  static final String UNKNOWN = "unknown";
  static final String DEVELOPMENT = "(development build)";

  private static final BuildInfo CURRENT = read();

  /** This build's information, read once from the class path. */
  public static BuildInfo current() {
    return CURRENT;
  }

  /** {@code 0.1.0-SNAPSHOT (commit 3a9b946, 2026-12-07)}, or {@code ... (commit unknown)}. */
  public String describe() {
    return version + " (commit " + commit + (commitDate == null ? "" : ", " + commitDate) + ")";
  }

  static BuildInfo read() {
    Properties git = load(GIT_RESOURCE);
    Properties pom = load(POM_RESOURCE);
    return of(git, pom);
  }

  /** From the git properties and the Maven metadata, either possibly empty. */
  static BuildInfo of(Properties git, Properties pom) {
    String version = git.getProperty("git.build.version", pom.getProperty("version", DEVELOPMENT));
    String id = git.getProperty("git.commit.id.abbrev", "");
    if (id.isBlank()) {
      return new BuildInfo(version, UNKNOWN, null);
    }
    String commit = "true".equals(git.getProperty("git.dirty")) ? id + "-dirty" : id;
    String date = git.getProperty("git.commit.time", "");
    return new BuildInfo(version, commit, date.isBlank() ? null : date);
  }

  private static Properties load(String resource) {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(resource)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // an unreadable resource is the same as none: the fields read as unknown
    }
    return p;
  }
}
