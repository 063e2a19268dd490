package ancc.backends.cim;

import ancc.backends.Fragment;
import ancc.backends.LoweringContext;
import ancc.backends.Support;
import ancc.backends.TileBackend;
import ancc.backends.target.CimParams;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.program.TileKind;
import java.util.Optional;

/**
 * The compute-in-memory backends (memristor crossbars, SRAM macros): conv (any group, strides,
 * pads, dilations), linear, gemm and matmul whose weight operand is a constant 2-D tensor (for
 * conv, the constant kernel), and recurrent layers (RNN, GRU, LSTM) with constant weights and a
 * fixed sequence length, run step by step ({@link RecurrentLowerer}). The weights are quantized per output channel and mapped with the
 * chip's encoding, slicing and array size (see docs/mapping.md); everything around the arrays
 * runs on the tile's digital side.
 */
public abstract class CimBackend implements TileBackend {
  private final TileKind kind;

  protected CimBackend(TileKind kind) {
    this.kind = kind;
  }

  @Override
  public TileKind kind() {
    return kind;
  }

  @Override
  public Support supportsOp(Node node, Module m) {
    if (node.op() instanceof Op.Recurrent) {
      RecurrentNode.Analysis r = RecurrentNode.analyze(node, m);
      return r.ok() ? Support.yes() : Support.no(r.reason());
    }
    MatrixNode.Analysis a = MatrixNode.analyze(node, m);
    return a.ok() ? Support.yes() : Support.no(a.reason());
  }

  @Override
  public Support supports(Node node, Module m, Chip chip) {
    Support s = supportsOp(node, m);
    if (!s.supported()) {
      return s;
    }
    Optional<CimParams> p = CimParams.of(chip, kind);
    if (p.isEmpty()) {
      return Support.no("chip " + chip.name() + " has no " + kind.text() + " tiles");
    }
    if (p.get().outputsPerArray() == 0) {
      return Support.no("one output needs " + p.get().format().columnsPerOutput() + " columns, arrays have "
          + p.get().cols());
    }
    return Support.yes();
  }

  @Override
  public Fragment lower(Node node, LoweringContext ctx) {
    if (node.op() instanceof Op.Recurrent) {
      return RecurrentLowerer.lower(recurrent(node, ctx.module()), params(ctx.chip()), ctx);
    }
    return CimLowerer.lower(matrix(node, ctx.module()), params(ctx.chip()), ctx);
  }

  /** Arrays the node needs on this chip. */
  public long arrays(Node node, Module m, Chip chip) {
    CimParams p = params(chip);
    if (node.op() instanceof Op.Recurrent) {
      return RecurrentLowerer.arrays(recurrent(node, m), p);
    }
    MatrixNode mn = matrix(node, m);
    return Blocks.of(mn.outputs(), mn.inputsPerGroup(), mn.groups(), p.rows(), p.cols(),
        p.format().columnsPerOutput()).blocks().size();
  }

  /**
   * Weights the node holds on arrays when it maps to them: M x K (K of one group for a grouped
   * conv, so the zero blocks of a packed layer do not count; a recurrent layer's W and R); 0 when
   * the arrays cannot hold it.
   */
  public static long weights(Node node, Module m) {
    if (node.op() instanceof Op.Recurrent) {
      RecurrentNode.Analysis r = RecurrentNode.analyze(node, m);
      return r.ok() ? r.node().weights() : 0;
    }
    MatrixNode.Analysis a = MatrixNode.analyze(node, m);
    return a.ok() ? (long) a.matrix().outputs() * a.matrix().inputsPerGroup() : 0;
  }

  private static RecurrentNode recurrent(Node node, Module m) {
    RecurrentNode.Analysis a = RecurrentNode.analyze(node, m);
    if (!a.ok()) {
      throw new IllegalArgumentException(node.describe() + ": " + a.reason());
    }
    return a.node();
  }

  private CimParams params(Chip chip) {
    return CimParams.of(chip, kind).orElseThrow(
        () -> new IllegalArgumentException("chip " + chip.name() + " has no " + kind.text() + " tiles"));
  }

  private static MatrixNode matrix(Node node, Module m) {
    MatrixNode.Analysis a = MatrixNode.analyze(node, m);
    if (!a.ok()) {
      throw new IllegalArgumentException(node.describe() + ": " + a.reason());
    }
    return a.matrix();
  }
}
