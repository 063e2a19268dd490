// A Pass is one graph-to-graph rewrite of the canonicalization (or later) pipeline. It is a
// small stateless class: all per-compilation data (diagnostics, fresh names, timings) lives in
// the PassContext, so one instance can be shared by every pipeline and every thread.
package ancc.compiler.pass;

import ancc.ir.graph.Module;

/**
 * A stateless module-to-module transformation (a {@link Step} on the graph IR) with a kebab-case
 * name that is also its name in {@code ancc opt --passes} and its golden-test folder.
 */
public interface Pass extends Step<Module, Module> {

  /**
   * Returns the transformed module ({@code m} itself when nothing changed). The input is never
   * modified (modules are immutable).
   *
   * @throws ancc.ir.InvalidInputException when the module is invalid in a way the pass detects
   */
  @Override
  Module run(Module m, PassContext ctx);
}
