// Runs an ordered list of passes over a module. Around each pass it adds what no pass should
// do for itself: wall-clock timing (recorded in the PassContext), the verifier (on in tests, so a
// pass that breaks an invariant is named at once) and an IR dump after every pass
// (--print-ir-after-all), in the spirit of MLIR's pass manager and Graal's phase wrapper.
package ancc.compiler.pass;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.Module;
import ancc.ir.graph.Verifier;
import ancc.ir.graph.text.IrPrinter;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** An ordered pipeline of passes with optional verification and IR printing after each pass. */
public final class PassManager {
  private final List<Pass> passes;
  private boolean verifyEach;
  private Consumer<String> irSink;
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
   * Verifies the input module and the result of every pass. A failure on the input is the
   * input's {@link InvalidInputException}; a failure after a pass is a compiler bug, reported as
   * an {@link IllegalStateException} "after pass NAME: problem".
   */
  public PassManager verifyEach(boolean on) {
    this.verifyEach = on;
    return this;
  }

  /** Prints {@link #header(String)} and the IR after every pass to {@code out}. */
  public PassManager printIrAfterAll(PrintStream out) {
    Objects.requireNonNull(out, "out");
    return printIrAfterAll(text -> {
      out.print(text);
      out.flush();
    });
  }

  /** Hands the header line plus the printed IR of every pass's result to {@code sink}. */
  public PassManager printIrAfterAll(Consumer<String> sink) {
    this.irSink = Objects.requireNonNull(sink, "sink");
    return this;
  }

  /**
   * How {@link #printIrAfterAll} prints modules. Default: constants over 16 elements are elided
   * ({@code dense_elided<count>}), which keeps dumps of real models readable.
   */
  public PassManager printOptions(IrPrinter.Options options) {
    this.printOptions = Objects.requireNonNull(options, "options");
    return this;
  }

  /** The line printed before the IR of each pass. */
  public static String header(String passName) {
    return "// -----// IR after " + passName + " //----- //";
  }

  /** Runs every pass in order; timings and remarks go to {@code ctx}. */
  public Module run(Module m, PassContext ctx) {
    Module cur = m;
    if (verifyEach) {
      Verifier.verify(cur);
    }
    for (Pass p : passes) {
      long t0 = System.nanoTime();
      cur = p.run(cur, ctx);
      ctx.recordTiming(new PassTiming(p.name(), System.nanoTime() - t0));
      if (verifyEach) {
        try {
          Verifier.verify(cur);
        } catch (InvalidInputException e) {
          throw new IllegalStateException("after pass " + p.name() + ": " + e.getMessage(), e);
        }
      }
      if (irSink != null) {
        String ir = IrPrinter.print(cur, printOptions, null);
        irSink.accept(header(p.name()) + "\n" + ir + (ir.endsWith("\n") ? "" : "\n"));
      }
    }
    return cur;
  }
}
