package ancc.cli;

import ancc.cli.job.Stages;
import ancc.compiler.driver.Options;
import ancc.compiler.driver.Pipeline;
import ancc.ir.graph.Module;
import ancc.ir.graph.text.IrFiles;
import ancc.ir.graph.text.IrPrinter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** What the commands share: building the one {@link Pipeline} from their options, and its --timings table. */
final class Commands {
  private Commands() {}

  /**
   * The pipeline of a command: progress bars on a terminal; elsewhere a line per finished stage when
   * {@code lines} (the main job), else only warnings (the single-step commands); IR dumps on stderr.
   */
  static Pipeline pipeline(CommandSpec spec, Options options, DiagnosticOptions diagnostics, boolean lines) {
    PrintWriter err = spec.commandLine().getErr();
    return new Pipeline(options, progress(spec, diagnostics, lines), text -> {
      err.print(text);
      err.flush();
    });
  }

  /** The options of a command, its option groups over {@code b}: an invalid value is a usage error (exit 2). */
  static Options build(CommandSpec spec, Options.Builder b, OptionGroup... groups) {
    for (OptionGroup g : groups) {
      g.applyTo(b);
    }
    try {
      return b.build();
    } catch (ancc.ir.InvalidInputException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** Bars on a terminal, else a line per stage when {@code lines}; only warnings with --quiet. */
  static Stages progress(CommandSpec spec, DiagnosticOptions diagnostics, boolean lines) {
    boolean terminal = terminal(spec);
    return Stages.of(diagnostics.quiet || (!lines && !terminal), terminal, spec.commandLine().getErr(), System.err);
  }

  /**
   * The graph IR {@code m}: printed on stdout with large constants elided (display only) when
   * {@code output} is null, else written as {@code output} plus its {@code .air.bin} sidecar.
   */
  static void emitIr(Pipeline p, Module m, Path output, PrintWriter out, PrintWriter err) {
    if (output == null) {
      out.print(p.timed("print", () -> IrPrinter.print(m, IrPrinter.Options.DEFAULT.withElide(true), null)));
      out.flush();
      return;
    }
    p.timed("write", () -> {
      IrFiles.write(m, output);
      return null;
    });
    Path sidecar = IrFiles.sidecarPath(output);
    err.println("ancc: wrote " + output + (Files.exists(sidecar) ? " and " + sidecar : "") + " (" + m.nodes().size()
        + " nodes, " + m.constants().size() + " constants)");
  }

  /** The pipeline's notes not already shown as warnings, on stderr ({@code ancc: note: ...}). */
  static void notes(Pipeline p, PrintWriter err) {
    for (String n : p.unwarnedNotes()) {
      err.println("ancc: note: " + n);
    }
    err.flush();
  }

  /**
   * A compiled folder takes none of the options that place or calibrate a model: each given is an
   * invalid-input error naming it.
   */
  static void rejectPlacementOptions(CommandSpec spec, Path model) {
    if (!Files.isDirectory(model)) {
      return;
    }
    for (picocli.CommandLine.Model.OptionSpec o
        : picocli.CommandLine.Model.CommandSpec.forAnnotatedObject(new PlacementOptions()).options()) {
      if (spec.commandLine().getParseResult().hasMatchedOption(o.longestName())) {
        throw new ancc.ir.InvalidInputException(model + ": is already compiled; " + o.longestName()
            + " applies only to model files");
      }
    }
  }

  /** {@code report} with the partitioner's decisions when it ran. */
  static ancc.compiler.report.Report withPartition(Pipeline p, ancc.compiler.report.Report report) {
    return p.partition().map(s -> ancc.compiler.partition.PartitionReports.attach(report, s)).orElse(report);
  }

  /** The partitioner's table on stderr when it ran or solved (run and eval; compile prints it on stdout). */
  static void partitionTable(Pipeline p, PrintWriter err) {
    p.solvedPartition().ifPresent(s -> {
      err.print(PartitionTable.format(s));
      err.flush();
    });
    p.partition().ifPresent(s -> {
      err.print(PartitionTable.format(s));
      err.flush();
    });
  }

  /** Prints the --timings table of {@code p} when asked. */
  static void timings(Pipeline p, DiagnosticOptions diagnostics, PrintWriter err) {
    if (diagnostics.timings) {
      Timings.print(p.context().timings(), err);
    }
  }

  /** Whether the command runs with the process's stderr on a terminal (the root command knows). */
  static boolean terminal(CommandSpec spec) {
    CommandSpec root = spec;
    while (root.parent() != null) {
      root = root.parent();
    }
    return root.userObject() instanceof Main m && m.terminal();
  }
}
