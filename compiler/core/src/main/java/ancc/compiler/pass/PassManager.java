// Runs passes and conversions. Around each step it adds what no step should do for itself:
// wall-clock timing (recorded in the PassContext for --timings), the verifier of the step's
// result (a failure after a step is a compiler bug naming the step) and a dump of the result
// after the steps the user named (--print-after NAME, --print-after-all), in the spirit of MLIR's
// pass manager and Graal's phase wrapper. The graph pipelines (canonicalization) are lists of
// passes; the driver chains the conversions and passes of a whole compile through apply().
package ancc.compiler.pass;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.Module;
import ancc.ir.graph.Verifier;
import ancc.ir.graph.text.IrPrinter;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** An ordered pipeline of passes, and the wrapper every pipeline step runs in. */
public final class PassManager {
  private final List<Pass> passes;
  private boolean verifyEach;
  private Consumer<String> irSink;
  private Predicate<String> printAfter = name -> true;
  private IrPrinter.Options printOptions = IrPrinter.Options.DEFAULT.withElide(true);

  public PassManager(List<? extends Pass> passes) {
    this.passes = List.copyOf(passes);
  }

  public static PassManager of(Pass... passes) {
    return new PassManager(List.of(passes));
  }

  /** The pipeline, in run order. */
  public List<Pass> passes() {
    return passes;
  }

  /**
   * Verifies the input module and the result of every step. A failure on the input is the
   * input's {@link InvalidInputException}; a failure after a step is a compiler bug, reported as
   * an {@link IllegalStateException} "after pass NAME: problem".
   */
  public PassManager verifyEach(boolean on) {
    this.verifyEach = on;
    return this;
  }

  /** Prints {@link #header(String)} and the IR after every step to {@code out}. */
  public PassManager printIrAfterAll(PrintStream out) {
    Objects.requireNonNull(out, "out");
    return printIrAfterAll(text -> {
      out.print(text);
      out.flush();
    });
  }

  /** Hands the header line plus the printed IR of every step's result to {@code sink}. */
  public PassManager printIrAfterAll(Consumer<String> sink) {
    this.irSink = Objects.requireNonNull(sink, "sink");
    this.printAfter = name -> true;
    return this;
  }

  /** Hands the header line plus the printed IR to {@code sink} after the steps named in {@code names} only. */
  public PassManager printIrAfter(Set<String> names, Consumer<String> sink) {
    this.irSink = Objects.requireNonNull(sink, "sink");
    Set<String> copy = Set.copyOf(names);
    this.printAfter = copy::contains;
    return this;
  }

  /**
   * How graph passes' results are printed. Default: constants over 16 elements are elided
   * ({@code dense_elided<count>}), which keeps dumps of real models readable.
   */
  public PassManager printOptions(IrPrinter.Options options) {
    this.printOptions = Objects.requireNonNull(options, "options");
    return this;
  }

  /** The line printed before the IR of each step. */
  public static String header(String stepName) {
    return "// -----// IR after " + stepName + " //----- //";
  }

  /** Runs every pass in order; timings and remarks go to {@code ctx}. */
  public Module run(Module m, PassContext ctx) {
    Module cur = m;
    if (verifyEach) {
      Verifier.verify(cur);
    }
    Ir<Module> graph = new Ir<>(Ir.GRAPH.kind(), Ir.GRAPH.verifier(), mod -> IrPrinter.print(mod, printOptions, null));
    for (Pass p : passes) {
      cur = apply(p, graph, cur, ctx);
    }
    return cur;
  }

  /**
   * Runs one step (a pass or a conversion) on {@code input}: timed into {@code ctx}, its result
   * verified as {@code kind} when verification is on, and printed when asked for.
   */
  public <I, O> O apply(Step<I, O> step, Ir<O> kind, I input, PassContext ctx) {
    long t0 = System.nanoTime();
    O out = step.run(input, ctx);
    ctx.recordTiming(new PassTiming(step.name(), System.nanoTime() - t0));
    if (verifyEach) {
      List<String> problems = kind.verifier().apply(out);
      if (!problems.isEmpty()) {
        throw new IllegalStateException("after pass " + step.name() + ": " + problems.get(0));
      }
    }
    if (irSink != null && printAfter.test(step.name())) {
      String ir = kind.printer().apply(out);
      irSink.accept(header(step.name()) + "\n" + ir + (ir.endsWith("\n") ? "" : "\n"));
    }
    return out;
  }
}
