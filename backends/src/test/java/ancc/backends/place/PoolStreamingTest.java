package ancc.backends.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.ir.program.Program;
import ancc.runtime.sim.timing.RowStreams;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Pooling windows in a row stream (docs/mapping.md, "Streaming convolutions"). */
class PoolStreamingTest {
  private static final Chip CHIP = Chips.preset("default");

  private static TensorType f32(Object... dims) {
    Dim[] ds = new Dim[dims.length];
    for (int i = 0; i < dims.length; i++) {
      ds[i] = dims[i] instanceof String s ? Dim.sym(s) : Dim.of(((Number) dims[i]).longValue());
    }
    return new TensorType(DType.F32, Arrays.asList(ds));
  }

  private static Tensor random(SplittableRandom rnd, long... shape) {
    float[] d = new float[Math.toIntExact(Tensor.numel(shape))];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (rnd.nextDouble() * 0.6 - 0.3);
    }
    return Tensor.ofFloats(shape, d);
  }

  /**
   * x[N,4,32,32] -> conv 8x4x3x3 pad 1 -> relu -> POOL (3x3, stride 2, pad 1) -> conv 8x8x3x3 pad 1
   * -> relu -> global average pool; POOL is a max or an average pool.
   */
  static Module net(boolean max) {
    SplittableRandom rnd = new SplittableRandom(7);
    Module.Builder b = Module.builder("poolnet");
    Value x = new Value("x", f32("N", 4, 32, 32));
    Value w1 = new Value("c1.w", f32(8, 4, 3, 3));
    Value w2 = new Value("c2.w", f32(8, 8, 3, 3));
    b.input(x);
    b.constant(w1, random(rnd, 8, 4, 3, 3));
    b.constant(w2, random(rnd, 8, 8, 3, 3));
    Op.Conv conv = new Op.Conv(List.of(1L, 1L), List.of(1L, 1L, 1L, 1L), List.of(1L, 1L), 1);
    Value c1 = new Value("c1", f32("N", 8, 32, 32));
    b.node(new Node(conv, Arrays.asList(x, w1, null), c1, "c1"));
    Value r1 = new Value("r1", f32("N", 8, 32, 32));
    b.node(new Node(new Op.Unary(Op.UnaryOp.RELU), List.of(c1), r1, "relu1"));
    List<Long> k = List.of(3L, 3L);
    List<Long> st = List.of(2L, 2L);
    List<Long> pads = List.of(1L, 1L, 1L, 1L);
    Op pool = max ? new Op.MaxPool(k, st, pads, List.of(1L, 1L), false)
        : new Op.AveragePool(k, st, pads, List.of(1L, 1L), false, false);
    Value p = new Value("p", f32("N", 8, 16, 16));
    b.node(new Node(pool, List.of(r1), p, "pool"));
    Value c2 = new Value("c2", f32("N", 8, 16, 16));
    b.node(new Node(conv, Arrays.asList(p, w2, null), c2, "c2"));
    Value r2 = new Value("r2", f32("N", 8, 16, 16));
    b.node(new Node(new Op.Unary(Op.UnaryOp.RELU), List.of(c2), r2, "relu2"));
    Value g = new Value("g", f32("N", 8, 1, 1));
    b.node(new Node(new Op.GlobalAveragePool(), List.of(r2), g, "gap"));
    b.output(g);
    return b.build();
  }

  private static Program lower(Module m) {
    return BufferPlanTest.convsOnMemristor(m, CHIP);
  }

  @Test
  void poolingStreamsItsOutputAndHoldsItsWindowOfInputRows() {
    for (boolean max : new boolean[] {true, false}) {
      Program prog = lower(net(max));
      RowStreams s = RowStreams.of(prog);
      assertTrue(s.streamed("r1"), "the pool's input is held as a line buffer (max " + max + ")");
      assertEquals(3.0 / 32, s.fraction("r1"), 1e-12, "3 input rows of 32: the pooling window");
      assertTrue(s.streamed("p"), "the pool's output streams");
      assertEquals(1.0 / 16, s.fraction("p"), 1e-12, "one row at a time of 16");
      String line = prog.tiles().stream().flatMap(t -> t.instrs().stream())
          .filter(i -> i instanceof ancc.ir.program.Instr.Im2col c && c.dst().startsWith("c2"))
          .map(i -> ((ancc.ir.program.Instr.Im2col) i).src()).findFirst().orElseThrow();
      assertEquals(3.0 / 16, s.fraction(line), 1e-12, "c2's copy " + line + " is its line buffer of 3 rows");
      assertTrue(s.streamed("r2"), "global average pooling sums rows as they come");
      assertFalse(s.streamed("g"), "the pooled vector is whole");
    }
  }

  @Test
  void streamingPoolsLowerThePeakAndChangeNoWork() {
    Program streamed = lower(net(true));
    Program whole = BufferPlanTest.withRowTile(streamed, 0);
    long peakStreamed = BufferPlan.plan(streamed, CHIP).peakBytes().values().stream().mapToLong(Long::longValue).sum();
    long peakWhole = BufferPlan.plan(whole, CHIP).peakBytes().values().stream().mapToLong(Long::longValue).sum();
    assertTrue(peakStreamed * 4 < peakWhole, "streamed " + peakStreamed + " B, whole " + peakWhole + " B");
  }
}
