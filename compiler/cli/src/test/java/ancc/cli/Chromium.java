package ancc.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's chromium, headless, for the browser tests: finds the binary ({@code $CHROMIUM}, else
 * chromium, chromium-browser or google-chrome on the PATH) and runs it with a fresh profile, no
 * network services and console messages logged to stderr.
 */
final class Chromium {
  /** What a run printed. */
  record Output(String stdout, String stderr) {
    /** The page's console messages, as chromium logs them ({@code ...:CONSOLE...] "message", source: ...}). */
    List<String> console() {
      return stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
    }
  }

  private final Path binary;

  private Chromium(Path binary) {
    this.binary = binary;
  }

  /** The installed chromium, or null. */
  static Chromium find() {
    List<Path> candidates = new ArrayList<>();
    String env = System.getenv("CHROMIUM");
    if (env != null && !env.isBlank()) {
      candidates.add(Path.of(env));
    }
    String path = System.getenv("PATH");
    for (String dir : (path == null ? "/usr/bin" : path).split(java.io.File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
        candidates.add(Path.of(dir, name));
      }
    }
    for (Path p : candidates) {
      if (Files.isExecutable(p)) {
        return new Chromium(p);
      }
    }
    return null;
  }

  /** Runs chromium headless on {@code url} with the extra {@code args}; fails after a minute. */
  Output run(String url, List<String> args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("ancc-chromium-");
    Path out = Files.createTempFile("ancc-chromium-", ".out");
    Path err = Files.createTempFile("ancc-chromium-", ".err");
    try {
      List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
          "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
          "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"));
      cmd.addAll(args);
      cmd.add(url);
      Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("chromium did not finish within 60 s: " + cmd);
      }
      return new Output(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      try (Stream<Path> s = Files.walk(profile)) {
        s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
