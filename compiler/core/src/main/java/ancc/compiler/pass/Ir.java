// The kinds of IR a step can produce, with what the pass manager needs to handle each one
// generically: its verifier (run after every step when verification is on) and its display
// printer (for --print-after). Graph IR and program are the two; a step whose result bundles an
// IR with side data (the compile driver's Compilation) views it through on(...).
package ancc.compiler.pass;

import ancc.ir.graph.Module;
import ancc.ir.graph.Verifier;
import ancc.ir.graph.text.IrPrinter;
import ancc.ir.program.Program;
import ancc.ir.program.ProgramVerifier;
import ancc.ir.program.text.ProgramPrinter;
import java.util.List;
import java.util.function.Function;

/**
 * An IR kind: its name in diagnostics, its verifier (every problem, empty when valid) and its
 * display printer (large constants elided: a dump for people, not a file to parse back).
 */
public record Ir<T>(String kind, Function<T, List<String>> verifier, Function<T, String> printer) {
  /** Constants over 16 elements elided, as the dumps of real models stay readable. */
  private static final IrPrinter.Options DISPLAY = IrPrinter.Options.DEFAULT.withElide(true);

  /** The graph IR: {@link Verifier#check}, {@link IrPrinter}. */
  public static final Ir<Module> GRAPH =
      new Ir<>("graph IR", m -> prefixed("module @" + m.name() + ": ", Verifier.check(m)),
          m -> IrPrinter.print(m, DISPLAY, null));

  /** The crossbar mapping program: {@link ProgramVerifier#check}, {@link ProgramPrinter}. */
  public static final Ir<Program> PROGRAM =
      new Ir<>("program", p -> prefixed("program: ", ProgramVerifier.check(p)),
          p -> ProgramPrinter.print(p, DISPLAY, null));

  private static List<String> prefixed(String prefix, List<String> problems) {
    return problems.stream().map(p -> prefix + p).toList();
  }

  /** This kind seen through {@code view}, for results that carry an IR of this kind. */
  public <S> Ir<S> on(Function<S, T> view) {
    return new Ir<>(kind, s -> verifier.apply(view.apply(s)), s -> printer.apply(view.apply(s)));
  }
}
