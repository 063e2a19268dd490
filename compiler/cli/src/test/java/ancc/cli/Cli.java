package ancc.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs {@code ancc} in-process and captures its exit code, stdout and stderr. */
final class Cli {
  record Result(int code, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  private Cli() {}

  static Result run(String... args) {
    return run(Map.of(), args);
  }

  static Result run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The repository root: the {@code ancc.repo.root} property set by Surefire, else the nearest parent with testdata/. */
  static Path repoRoot() {
    String prop = System.getProperty("ancc.repo.root");
    if (prop != null && Files.isDirectory(Path.of(prop, "testdata"))) {
      return Path.of(prop);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("testdata/models"))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find the repository root (set -Dancc.repo.root)");
  }

  static Path testdata(String relative) {
    return repoRoot().resolve("testdata").resolve(relative);
  }
}
