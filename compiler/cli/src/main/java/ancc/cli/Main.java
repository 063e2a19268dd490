package ancc.cli;

import ancc.cli.job.Stages;
import ancc.compiler.BuildInfo;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code ancc} command: picocli wiring, streams and exit codes (see {@link ErrorReporter}).
 * {@code ancc MODEL.onnx [OPTIONS]} runs the main job ({@link MainJob}); {@code ancc COMMAND ...}
 * runs a subcommand (a first argument naming a command is that command).
 */
@Command(
    name = "ancc",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    versionProvider = Main.Version.class,
    description = {
      "ancc: a compiler for analog compute-in-memory chips.",
      "'ancc MODEL.onnx' runs the whole job on a chip: import, canonicalize, sensitivity analysis and placement,"
          + " lowering, mesh placement, program emission and simulation (accuracy with --images/--labels; energy"
          + " and latency always), and writes ancc-out/MODEL/ (or -o DIR): MODEL.air, MODEL.xbp, report.html,"
          + " report.json and layers.csv. The commands below run single steps."
    },
    subcommands = {ImportCommand.class, OptCommand.class, RunCommand.class, CompileCommand.class, EvalCommand.class,
        ChipsCommand.class, CompareCommand.class, CommandLine.HelpCommand.class, AutoComplete.GenerateCompletion.class},
    footer = {"", "Exit codes: 0 ok, 1 internal error, 2 usage error, 3 invalid input, 4 model does not fit the chip.",
        "Set ANCC_DEBUG=1 to see stack traces."})
public final class Main implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL.onnx|MODEL.air",
      description = "The model to run the whole job on: ONNX, or textual graph IR (a placed .air keeps its placements).")
  Path model;

  @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR",
      description = "Folder for the outputs, created if missing (default: ancc-out/MODEL).")
  Path outputDir;

  @Mixin
  ChipOption chip;

  @Mixin
  PlacementOptions placement;

  @Mixin
  DataOptions data;

  @Mixin
  InstanceOptions instances;

  @Option(names = "--sweep-samples", paramLabel = "N",
      description = "Inputs the drift sweep (and, without the partitioner's points, the strategy sweep) uses: the"
          + " first of the evaluation data, at most 128 for drift (default: 256).")
  Integer sweepSamples;

  @Option(names = "--no-sweeps", description = "Skip the drift sweep, and the strategy sweep when the partitioner"
      + " did not run (faster; the report says so).")
  boolean noSweeps;

  @Mixin
  DiagnosticOptions diagnostics;

  private final boolean terminal;

  Main() {
    this(false);
  }

  /** {@code terminal}: stderr is this process's terminal (progress bars instead of stage lines). */
  Main(boolean terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    if (model == null) {
      throw new ParameterException(spec.commandLine(),
          "missing command or model: give MODEL.onnx or a command (import, opt, run, compile, eval, chips, compare,"
              + " help)");
    }
    String arg = model.toString();
    if (!Files.exists(model) && !arg.contains("/") && !arg.contains(".")) {
      throw new UnmatchedArgumentException(spec.commandLine(), "Unmatched argument: '" + arg + "' is neither a"
          + " command (import, opt, run, compile, eval, chips, compare, help) nor a model file");
    }
    return MainJob.run(this);
  }

  /** Whether stderr is this process's terminal (progress bars instead of stage lines). */
  boolean terminal() {
    return terminal;
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
    boolean terminal = err == System.err && Stages.stderrIsTerminal();
    try {
      return commandLine(o, e, reporter, terminal).execute(args);
    } catch (RuntimeException | Error t) {
      // picocli hands Exceptions to the reporter; what escapes is an Error such as OutOfMemoryError
      return reporter.report(t, e);
    } finally {
      o.flush();
      e.flush();
    }
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err, ErrorReporter reporter) {
    return commandLine(out, err, reporter, false);
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err, ErrorReporter reporter, boolean terminal) {
    CommandLine cl = new CommandLine(new Main(terminal));
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(reporter);
    cl.setParameterExceptionHandler(reporter);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    // `ancc generate-completion` prints the bash/zsh completion script (docs/cli.md); hidden from
    // the command list, as picocli's manual shows, since a user runs it once when installing
    cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
    return cl;
  }

  /** "ancc VERSION (commit ID, DATE)" from what the build recorded ({@link BuildInfo}), and the Java runtime. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "ancc " + BuildInfo.current().describe(),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }
}
