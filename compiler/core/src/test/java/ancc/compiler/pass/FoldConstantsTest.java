package ancc.compiler.pass;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.text.IrParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit tests of fold-constants beyond the golden cases: the size limit and Reshape targets. */
class FoldConstantsTest {
  private static final String TILE = String.join("\n",
      "module @m {",
      "  input %x : f32[2,3]",
      "  const %a : f32[3] = dense<[1.0, 2.0, 3.0]>",
      "  const %b : f32[2,1] = dense<[1.0, 2.0]>",
      "  %w = add(%a, %b) : f32[2,3]",
      "  %y = add(%x, %w) : f32[2,3]",
      "  output %y",
      "}",
      "");

  @Test
  void leavesResultsAboveTheLimitAloneWithARemark() {
    Module in = IrParser.parse(TILE, "tile.air");
    PassContext ctx = new PassContext();
    Module out = PassManager.of(new FoldConstants(5)).verifyEach(true).run(in, ctx);
    assertSame(in, out);
    assertEquals(1, ctx.remarks().size());
    String remark = ctx.remarks().get(0).toString();
    assertTrue(remark.startsWith("fold-constants: not folding add %w: its results have 6 elements"), remark);
  }

  @Test
  void foldsResultsAtTheLimit() {
    Module out = PassManager.of(new FoldConstants(6)).verifyEach(true)
        .run(IrParser.parse(TILE, "tile.air"), new PassContext());
    assertEquals(1, out.nodes().size());
    assertTrue(out.constants().keySet().stream().anyMatch(v -> v.name().equals("w")));
  }

  private static TensorType f32(Dim... dims) {
    return new TensorType(DType.F32, List.of(dims));
  }

  @Test
  void reshapeTargets() {
    Dim n = Dim.sym("N");
    Dim m = Dim.sym("M");
    // Same symbol at the same index: copied with 0.
    assertArrayEquals(new long[] {0, 400}, FoldConstants.reshapeTarget(f32(n, Dim.of(16), Dim.of(25)),
        f32(n, Dim.of(400)), false));
    // With allowzero a 0 would mean size zero: -1 instead.
    assertArrayEquals(new long[] {-1, 400}, FoldConstants.reshapeTarget(f32(n, Dim.of(16), Dim.of(25)),
        f32(n, Dim.of(400)), true));
    // Another symbol, or another index: inferred with -1.
    assertArrayEquals(new long[] {400, -1}, FoldConstants.reshapeTarget(f32(n, Dim.of(400)),
        f32(Dim.of(400), n), false));
    assertArrayEquals(new long[] {-1, 2}, FoldConstants.reshapeTarget(f32(n, Dim.of(2)), f32(m, Dim.of(2)), false));
    assertArrayEquals(new long[] {-1, 8}, FoldConstants.reshapeTarget(f32(n, Dim.of(8)),
        f32(Dim.UNKNOWN, Dim.of(8)), false));
    assertArrayEquals(new long[] {2, 3}, FoldConstants.reshapeTarget(f32(Dim.of(6)), f32(Dim.of(2), Dim.of(3)), false));
    // Two dims not fixed: not derivable.
    assertNull(FoldConstants.reshapeTarget(f32(n, m), f32(n, m), false));
    // A zero-size output dim: 0 without allowzero would copy the input dim (not 0 here) ...
    assertNull(FoldConstants.reshapeTarget(f32(Dim.of(3), Dim.of(0)), f32(Dim.of(0), Dim.of(3)), false));
    assertArrayEquals(new long[] {0, 3}, FoldConstants.reshapeTarget(f32(Dim.of(3), Dim.of(0)),
        f32(Dim.of(0), Dim.of(3)), true));
    // ... and -1 next to a zero-size dim is ambiguous.
    assertNull(FoldConstants.reshapeTarget(f32(n, Dim.of(0)), f32(Dim.UNKNOWN, Dim.of(0)), true));
  }

  @Test
  void refinesOnlyUnknownDims() {
    Dim n = Dim.sym("N");
    assertEquals(f32(n, Dim.of(3)), FoldConstants.refine(f32(n, Dim.UNKNOWN), f32(Dim.UNKNOWN, Dim.of(3))));
    assertEquals(f32(n, Dim.of(3)), FoldConstants.refine(f32(n, Dim.of(3)), f32(Dim.of(7), Dim.of(3))));
    assertEquals(f32(Dim.UNKNOWN), FoldConstants.refine(f32(Dim.UNKNOWN), f32(Dim.of(1), Dim.of(3))));
  }
}
