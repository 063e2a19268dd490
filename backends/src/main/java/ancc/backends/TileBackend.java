package ancc.backends;

import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.program.TileKind;

/**
 * One kind of tile as a compilation target: which graph nodes it can run and how they lower to
 * program fragments. What a node costs there is the ledger of its fragment
 * ({@link ancc.backends.place.Estimator}). Implementations are stateless; per-compilation state
 * lives in the {@link LoweringContext}.
 */
public interface TileBackend {

  TileKind kind();

  /**
   * Whether the op itself can be mapped to this kind of tile, whatever the chip (e.g. a conv with
   * a constant weight). {@link #supports} adds the checks against a chip.
   */
  Support supportsOp(Node node, Module m);

  /** Whether {@code node} of {@code m} can run on this chip's tiles of this kind. */
  Support supports(Node node, Module m, Chip chip);

  /** The program fragment computing {@code node}; the node must be supported. */
  Fragment lower(Node node, LoweringContext ctx);
}
