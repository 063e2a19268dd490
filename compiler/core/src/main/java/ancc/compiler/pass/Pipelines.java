// The pass pipelines, as plain lists, and the registry of passes by name (for CLI flags and the
// golden tests). Canonicalization order and why:
//   remove-identity     first, so no identity/dropout hides a pattern from the passes below;
//   fold-constants      turns exporter shape arithmetic into constants (Reshape targets included);
//   fuse-linear         matmul(+add)/gemm -> linear, before BN folding so that a BN after a
//                       matmul(+add) folds into the resulting linear;
//   fold-batch-norm     BN into the preceding conv/linear/gemm;
//   eliminate-dead-code last, removing the chains and weights the others left unused.
// Each pass runs once: none of them creates work for an earlier one (folding constants never
// creates an identity, fusing and BN folding only consume constants), so no fixpoint is needed.
package ancc.compiler.pass;

import java.util.List;
import java.util.Optional;

/** Named pass lists. */
public final class Pipelines {
  private Pipelines() {}

  /** The default canonicalization pipeline run after import. */
  public static List<Pass> canonicalize() {
    return List.of(
        new RemoveIdentity(),
        new FoldConstants(),
        new FuseLinear(),
        new FoldBatchNorm(),
        new EliminateDeadCode());
  }

  /** One instance of every pass, sorted by name. */
  public static List<Pass> all() {
    return List.of(
        new EliminateDeadCode(),
        new FoldBatchNorm(),
        new FoldConstants(),
        new FuseLinear(),
        new RemoveIdentity());
  }

  /** The pass with kebab-case name {@code name}, if any. */
  public static Optional<Pass> byName(String name) {
    return all().stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
