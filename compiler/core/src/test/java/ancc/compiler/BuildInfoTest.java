package ancc.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BuildInfoTest {

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  @Test
  void describesTheCommitAndItsDate() {
    BuildInfo b = BuildInfo.of(props("git.build.version", "0.1.0-SNAPSHOT", "git.commit.id.abbrev", "3a9b946",
        "git.commit.time", "2026-12-07", "git.dirty", "false"), props());
    assertEquals("0.1.0-SNAPSHOT (commit 3a9b946, 2026-12-07)", b.describe());
    BuildInfo dirty = BuildInfo.of(props("git.build.version", "0.1.0", "git.commit.id.abbrev", "3a9b946",
        "git.commit.time", "2026-12-07", "git.dirty", "true"), props());
    assertEquals("0.1.0 (commit 3a9b946-dirty, 2026-12-07)", dirty.describe());
  }

  @Test
  void withoutGitTheCommitIsUnknown() {
    assertEquals("0.2.0 (commit unknown)", BuildInfo.of(props(), props("version", "0.2.0")).describe());
    assertEquals("(development build) (commit unknown)", BuildInfo.of(props(), props()).describe());
  }

  /** The build wrote this checkout's HEAD; outside a git checkout it wrote nothing. */
  @Test
  void theBuildRecordedThisCheckoutsHead() throws Exception {
    String root = System.getProperty("ancc.repo.root");
    assertTrue(root != null && !root.isEmpty(), "system property ancc.repo.root is not set (surefire sets it)");
    String head = gitHead(Path.of(root));
    BuildInfo b = BuildInfo.current();
    if (head == null) {
      assertEquals("unknown", b.commit(), "no git checkout, yet a commit was recorded");
      return;
    }
    String id = b.commit().replace("-dirty", "");
    assertEquals(7, id.length(), b.describe());
    assertTrue(head.startsWith(id), "recorded " + b.commit() + ", HEAD is " + head);
    assertTrue(b.commitDate().matches("\\d{4}-\\d{2}-\\d{2}"), b.describe());
    assertTrue(b.version().matches("\\d+\\.\\d+\\.\\d+.*"), b.describe());
  }

  /** HEAD of the checkout at {@code root} by native git, or null when it is none (or git is missing). */
  private static String gitHead(Path root) throws InterruptedException {
    if (!Files.exists(root.resolve(".git"))) {
      return null;
    }
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(root.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    }
  }
}
