package ancc.cli;

import ancc.compiler.driver.Options;
import ancc.compiler.driver.Pipeline;
import ancc.ir.graph.Module;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ancc opt IN.air --passes a,b[,...] [-o OUT.air]}: runs graph passes by name on a textual
 * module, each verified and timed like in a compile; {@code --list} prints the passes.
 */
@Command(
    name = "opt",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    abbreviateSynopsis = true,
    versionProvider = Main.Version.class,
    description = {
      "Run graph passes by name on a textual graph IR module (.air), in the order given, verifying after each.",
      "A pass's name is its name here, in --print-after and in the --timings table ('ancc opt --list' lists them;"
          + " 'canonicalize' is the whole canonicalization pipeline, 'partition' places every node with"
          + " --placement, --budget, --calib, ... on --chip).",
      "Without -o the result goes to stdout with large constants elided (display only); with -o it is written as"
          + " OUT.air plus its OUT.air.bin weights sidecar."
    })
final class OptCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "IN.air", description = "The textual graph IR module.")
  Path input;

  @Option(names = "--passes", paramLabel = "P", split = ",", description = "The passes to run, in order.")
  List<String> passes = new ArrayList<>();

  @Option(names = "--list", description = "List the graph passes with their summaries and exit.")
  boolean list;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT.air", description = "Write the result here (and OUT.air.bin).")
  Path output;

  @Mixin
  ChipOption chip;

  @Mixin
  PlacementOptions placement;

  @Mixin
  InstanceOptions instances;

  @Mixin
  DiagnosticOptions diagnostics;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Options o = Commands.build(spec, Options.builder().chip(chip.chip), placement, instances, diagnostics);
    Pipeline p = Commands.pipeline(spec, o, diagnostics, false);
    if (list) {
      for (Pipeline.PassInfo s : p.graphPasses()) {
        out.printf(Locale.ROOT, "%-20s %s%n", s.name(), s.summary());
      }
      out.flush();
      return ErrorReporter.OK;
    }
    if (input == null) {
      throw new ParameterException(spec.commandLine(), "missing IN.air (or --list)");
    }
    if (passes.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "no passes: give --passes NAME[,NAME...] (see --list)");
    }
    List<String> known = p.graphPasses().stream().map(Pipeline.PassInfo::name).toList();
    for (String name : passes) {
      if (!known.contains(name)) {
        throw new ParameterException(spec.commandLine(), "unknown pass '" + name + "' (passes: "
            + String.join(", ", known) + ")");
      }
    }
    if (output != null) {
      OutputFiles.requireWritableTarget(output);
    }
    Module m = p.runPasses(p.load(input), passes);
    Commands.emitIr(p, m, output, out, err);
    Commands.timings(p, diagnostics, err);
    err.flush();
    return ErrorReporter.OK;
  }
}
