// A stage of the pipeline under the pass manager: a pass (graph IR to graph IR) or a conversion
// (ONNX file to graph IR, graph IR to program). Like a pass it is a small stateless object with a
// kebab-case name that is also its name on the command line (--print-after NAME, --passes NAME)
// and in the --timings table; its typed options are fixed when it is constructed, and all
// per-run data (timings, remarks, analysis results) lives in the PassContext.
package ancc.compiler.pass;

/** A named, stateless transformation from {@code I} to {@code O}. */
public interface Step<I, O> {

  /** Kebab-case name, e.g. {@code fold-constants} or {@code lower}. */
  String name();

  /** One-line description for {@code --help}, {@code ancc opt --list} and docs. */
  String summary();

  /**
   * The result of this step on {@code input}, which is never modified.
   *
   * @throws ancc.ir.InvalidInputException when the input is invalid in a way the step detects
   */
  O run(I input, PassContext ctx);
}
