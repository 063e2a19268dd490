package ancc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Debian's chromium, headless, driven the way developer tools drive it: over the Chrome DevTools
 * Protocol (JSON over a WebSocket, the JDK's client). The page under test carries nothing for the
 * test; the test loads it, reads its DOM and computed layout with scripts it evaluates from outside,
 * collects what the console shows (console calls, uncaught exceptions, browser log entries) and
 * takes screenshots. Finds the binary in {@code $CHROMIUM}, else chromium, chromium-browser or
 * google-chrome on the PATH.
 */
final class Chromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_S = 60;

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final Map<String, Tab> tabs = new ConcurrentHashMap<>();

  private Chromium(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  /** The installed chromium binary, or null. */
  static Path find() {
    List<Path> candidates = new ArrayList<>();
    String env = System.getenv("CHROMIUM");
    if (env != null && !env.isBlank()) {
      candidates.add(Path.of(env));
    }
    String path = System.getenv("PATH");
    for (String dir : (path == null ? "/usr/bin" : path).split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
        candidates.add(Path.of(dir, name));
      }
    }
    return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
  }

  /** Starts {@code binary} headless with a fresh profile and no network services, and connects to it. */
  static Chromium start(Path binary) throws Exception {
    Path profile = Files.createTempDirectory("ancc-chromium-");
    Process p = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    // chromium writes the port it chose and the browser's WebSocket path into the profile
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
    List<String> lines = List.of();
    while (lines.size() < 2) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IllegalStateException("chromium did not open its DevTools port within " + TIMEOUT_S + " s");
      }
      Thread.sleep(50);
      lines = Files.exists(portFile) ? Files.readAllLines(portFile) : List.of();
    }
    URI uri = URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip());
    // nothing arrives before the first call, which is made after the constructor has run
    AtomicReference<Chromium> self = new AtomicReference<>();
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(TIMEOUT_S))
        .buildAsync(uri, new Listener(m -> self.get().receive(m))).get(TIMEOUT_S, TimeUnit.SECONDS);
    self.set(new Chromium(p, profile, ws));
    return self.get();
  }

  /** A new tab of {@code width} x {@code height} CSS pixels, scrollbars hidden, on about:blank. */
  Tab open(int width, int height) throws Exception {
    String target = call(null, "Target.createTarget", JSON.createObjectNode().put("url", "about:blank"))
        .get("targetId").asText();
    String session = call(null, "Target.attachToTarget", JSON.createObjectNode().put("targetId", target)
        .put("flatten", true)).get("sessionId").asText();
    Tab tab = new Tab(session);
    tabs.put(session, tab);
    for (String domain : List.of("Runtime", "Log", "Page")) {
      call(session, domain + ".enable", JSON.createObjectNode());
    }
    call(session, "Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", width)
        .put("height", height).put("deviceScaleFactor", 1).put("mobile", false));
    call(session, "Emulation.setScrollbarsHidden", JSON.createObjectNode().put("hidden", true));
    return tab;
  }

  /** One tab: load a page, evaluate scripts in it, read its console, take screenshots. */
  final class Tab {
    private final String session;
    private final List<String> console = new ArrayList<>();
    private final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();

    private Tab(String session) {
      this.session = session;
    }

    /** Loads {@code url} and waits for its load event; the console starts empty. */
    void load(String url) throws Exception {
      synchronized (console) {
        console.clear();
      }
      events.clear();
      call(session, "Page.navigate", JSON.createObjectNode().put("url", url));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
      String e;
      do {
        e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (e == null) {
          throw new IllegalStateException("no load event within " + TIMEOUT_S + " s: " + url);
        }
      } while (!e.equals("Page.loadEventFired"));
    }

    /** The value of a JavaScript expression evaluated in the page (promises awaited), as JSON. */
    JsonNode evaluate(String expression) throws Exception {
      JsonNode r = call(session, "Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
          .put("returnByValue", true).put("awaitPromise", true));
      if (r.has("exceptionDetails")) {
        throw new IllegalStateException("the probe failed: " + r.get("exceptionDetails"));
      }
      return r.path("result").path("value");
    }

    /** What the console showed since the page was loaded: console calls, uncaught errors, browser log entries. */
    List<String> console() {
      synchronized (console) {
        return List.copyOf(console);
      }
    }

    /** The viewport as PNG. */
    byte[] screenshot() throws Exception {
      JsonNode r = call(session, "Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
      return Base64.getDecoder().decode(r.get("data").asText());
    }

    private void event(String method, JsonNode params) {
      String line = switch (method) {
        case "Runtime.consoleAPICalled" -> params.path("type").asText() + ": " + args(params.path("args"));
        case "Runtime.exceptionThrown" -> "uncaught: " + params.path("exceptionDetails").path("exception")
            .path("description").asText(params.path("exceptionDetails").path("text").asText());
        case "Log.entryAdded" -> params.path("entry").path("level").asText() + ": "
            + params.path("entry").path("text").asText();
        default -> null;
      };
      if (line != null) {
        synchronized (console) {
          console.add(line);
        }
      }
      events.add(method);
    }
  }

  private static String args(JsonNode args) {
    List<String> parts = new ArrayList<>();
    args.forEach(a -> parts.add(a.has("value") ? a.get("value").asText() : a.path("description").asText()));
    return String.join(" ", parts);
  }

  private JsonNode call(String session, String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
    msg.set("params", params);
    if (session != null) {
      msg.put("sessionId", session);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket.sendText(JSON.writeValueAsString(msg), true).get(TIMEOUT_S, TimeUnit.SECONDS);
    JsonNode r = reply.get(TIMEOUT_S, TimeUnit.SECONDS);
    if (r.has("error")) {
      throw new IllegalStateException(method + ": " + r.get("error"));
    }
    return r.path("result");
  }

  private void receive(String text) {
    try {
      JsonNode m = JSON.readTree(text);
      if (m.has("id")) {
        CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
        if (f != null) {
          f.complete(m);
        }
      } else if (m.has("sessionId") && tabs.containsKey(m.get("sessionId").asText())) {
        tabs.get(m.get("sessionId").asText()).event(m.path("method").asText(), m.path("params"));
      }
    } catch (IOException e) {
      pending.values().forEach(f -> f.completeExceptionally(e));
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // the browser is ended below either way
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    try (Stream<Path> s = Files.walk(profile)) {
      s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  /** Joins a message's fragments and hands the whole text on. */
  private static final class Listener implements WebSocket.Listener {
    private final Consumer<String> sink;
    private final StringBuilder text = new StringBuilder();

    Listener(Consumer<String> sink) {
      this.sink = sink;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String whole = text.toString();
        text.setLength(0);
        sink.accept(whole);
      }
      ws.request(1);
      return null;
    }
  }
}
