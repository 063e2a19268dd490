// A Pass is one graph-to-graph rewrite of the canonicalization (or later) pipeline. It is a
// small stateless class: all per-compilation data (diagnostics, fresh names, timings) lives in
// the PassContext, so one instance can be shared by every pipeline and every thread.
package ancc.compiler.pass;

import ancc.ir.graph.Module;

/** A stateless module-to-module transformation with a kebab-case name that doubles as its CLI flag. */
public interface Pass {

  /** Kebab-case name, e.g. {@code fold-constants}; also the pass's CLI flag and golden-test folder. */
  String name();

  /** One-line description for {@code --help} and docs. */
  String summary();

  /**
   * Returns the transformed module ({@code m} itself when nothing changed). The input is never
   * modified (modules are immutable).
   *
   * @throws ancc.ir.InvalidInputException when the module is invalid in a way the pass detects
   */
  Module run(Module m, PassContext ctx);
}
