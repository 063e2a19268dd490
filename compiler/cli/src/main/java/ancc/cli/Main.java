package ancc.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code ancc} command: picocli wiring, streams and exit codes (see {@link ErrorReporter}). */
@Command(
    name = "ancc",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    versionProvider = Main.Version.class,
    description = {
      "ancc: a compiler for analog compute-in-memory chips.",
      "ONNX import and canonicalization, the FP32 reference interpreter, chip descriptions, and compilation"
          + " to crossbar mapping programs for memristor-CIM, SRAM-CIM and digital tiles."
    },
    subcommands = {ImportCommand.class, RunCommand.class, CompileCommand.class, EvalCommand.class, ChipsCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 ok, 1 internal error, 2 usage error, 3 invalid input, 4 model does not fit the chip.",
        "Set ANCC_DEBUG=1 to see stack traces."})
public final class Main implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "missing command (import, run, compile, eval, chips, help)");
  }

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    System.exit(code);
  }

  /** Runs {@code ancc args} in-process and returns the exit code; never calls System.exit. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, System.getenv());
  }

  /** As {@link #run(String[], PrintStream, PrintStream)}, with the environment given (ANCC_DEBUG). */
  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    boolean debug = "1".equals(env.get("ANCC_DEBUG"));
    PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    ErrorReporter reporter = new ErrorReporter(debug);
    try {
      return commandLine(o, e, reporter).execute(args);
    } catch (RuntimeException | Error t) {
      // picocli hands Exceptions to the reporter; what escapes is an Error such as OutOfMemoryError
      return reporter.report(t, e);
    } finally {
      o.flush();
      e.flush();
    }
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err, ErrorReporter reporter) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(reporter);
    cl.setParameterExceptionHandler(reporter);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  /** "ancc VERSION" from the Maven metadata packaged into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = "(development build)";
      try (InputStream in = Main.class.getResourceAsStream(
          "/META-INF/maven/io.github.ancc/ancc-cli/pom.properties")) {
        if (in != null) {
          Properties p = new Properties();
          p.load(in);
          version = p.getProperty("version", version);
        }
      } catch (java.io.IOException ignored) {
        // keep the development label
      }
      return new String[] {
        "ancc " + version,
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }
}
