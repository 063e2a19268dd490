package ancc.backends;

import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.program.TileKind;

/**
 * One kind of tile as a compilation target: which graph nodes it can run, what they cost there
 * (the partitioner's cost model), and how they lower to program fragments. Implementations are
 * stateless; per-compilation state lives in the {@link LoweringContext}.
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

  /**
   * Arrays used, action counts, energy (pJ) and latency (clock cycles) of {@code node} on this
   * kind of tile, per inference at batch 1, counted by the simulator's energy-ledger rules for
   * the instructions {@link #lower} emits (docs/energy-model.md, "Estimates"), without the
   * placement-dependent transfers between tiles and without leakage. The node must be supported.
   */
  Cost estimate(Node node, Module m, Chip chip);

  /** The program fragment computing {@code node}; the node must be supported. */
  Fragment lower(Node node, LoweringContext ctx);
}
