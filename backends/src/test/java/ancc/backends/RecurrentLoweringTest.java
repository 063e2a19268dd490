package ancc.backends;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.backends.cim.CimBackend;
import ancc.backends.mapping.Calibration;
import ancc.backends.mapping.CellCodec;
import ancc.backends.mapping.QuantizedWeights;
import ancc.backends.place.Estimator;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Op.RnnDirection;
import ancc.ir.graph.Op.RnnKind;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.ProgramVerifier;
import ancc.ir.program.TileKind;
import ancc.runtime.interp.Interpreter;
import ancc.runtime.sim.SimOptions;
import ancc.runtime.sim.Simulator;
import ancc.runtime.sim.energy.Action;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Recurrent layers (RNN, GRU, LSTM) on CIM arrays, step by step: W and R on arrays, per step one
 * mvm of x_t through W and one of h_{t-1} through R, ideal-mode numerics against
 * the FP32 reference, an analog run, the one-line refusals, and the digital placement's MACs.
 *
 * <p>Tolerance: ideal mode keeps the 8-bit weight and input quantization of both products (the
 * hidden state quantized at every step), so Y is within 5% of the largest |Y| of the reference (the
 * CIM bound of {@code IdealModeTest}); measured errors are printed.
 */
class RecurrentLoweringTest {
  private static final Chip CHIP = Chips.preset("default");
  private static final double RELATIVE_BOUND = 0.05;
  private static final int SEQ = 6;
  private static final int IN = 10;
  private static final int HIDDEN = 16;

  /** Options of the recurrent node under test. */
  record Spec(RnnKind kind, RnnDirection direction, boolean batchFirst, boolean initialState, boolean peepholes,
      float clip, boolean linearBeforeReset) {
    static Spec of(RnnKind kind) {
      return new Spec(kind, RnnDirection.FORWARD, false, false, false, 0f, kind == RnnKind.GRU);
    }
  }

  private static TensorType f32(Object... dims) {
    return TestNets.f32(dims);
  }

  /** X -> recurrent node (outputs Y, Y_h[, Y_c]) -> relu of Y; random seeded weights of scale 0.4. */
  static Module recurrent(Spec s, long seed) {
    return recurrent(s, seed, SEQ, IN, HIDDEN);
  }

  static Module recurrent(Spec s, long seed, int SEQ, int IN, int HIDDEN) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int gates = s.kind() == RnnKind.RNN ? 1 : s.kind() == RnnKind.GRU ? 3 : 4;
    int dirs = s.direction() == RnnDirection.BIDIRECTIONAL ? 2 : 1;
    Module.Builder b = Module.builder(s.kind().name().toLowerCase());
    Value x = new Value("x", s.batchFirst() ? f32("N", SEQ, IN) : f32(SEQ, "N", IN));
    Value w = new Value("W", f32(dirs, gates * HIDDEN, IN));
    Value r = new Value("R", f32(dirs, gates * HIDDEN, HIDDEN));
    Value bias = new Value("B", f32(dirs, 2 * gates * HIDDEN));
    b.input(x);
    b.constant(w, TestNets.random(rnd, 0.4, dirs, gates * HIDDEN, IN));
    b.constant(r, TestNets.random(rnd, 0.4, dirs, gates * HIDDEN, HIDDEN));
    b.constant(bias, TestNets.random(rnd, 0.2, dirs, 2 * gates * HIDDEN));
    List<Value> ins = new ArrayList<>(Arrays.asList(x, w, r, bias, null));
    TensorType stateType = s.batchFirst() ? f32("N", dirs, HIDDEN) : f32(dirs, "N", HIDDEN);
    if (s.initialState()) {
      Value h0 = new Value("h0", stateType);
      b.input(h0);
      ins.add(h0);
      if (s.kind() == RnnKind.LSTM) {
        Value c0 = new Value("c0", stateType);
        b.input(c0);
        ins.add(c0);
      }
    }
    if (s.peepholes()) {
      while (ins.size() < 7) {
        ins.add(null);
      }
      Value p = new Value("P", f32(dirs, 3 * HIDDEN));
      b.constant(p, TestNets.random(rnd, 0.3, dirs, 3 * HIDDEN));
      ins.add(p);
    }
    Value y = new Value("y", s.batchFirst() ? f32("N", SEQ, dirs, HIDDEN) : f32(SEQ, dirs, "N", HIDDEN));
    List<Value> outs = new ArrayList<>(List.of(y, new Value("y_h", stateType)));
    if (s.kind() == RnnKind.LSTM) {
      outs.add(new Value("y_c", stateType));
    }
    Op.Recurrent op = new Op.Recurrent(s.kind(), s.direction(), HIDDEN, s.clip(), s.linearBeforeReset(), false,
        s.batchFirst());
    b.node(new Node(op, ins, outs, "rnn"));
    Value relu = new Value("out", y.type());
    b.node(new Node(new Op.Unary(Op.UnaryOp.RELU), List.of(y), relu, "relu"));
    b.output(relu);
    b.output(outs.get(1));
    return b.build();
  }

  private static Map<String, Tensor> inputs(Module m, int batch, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Map<String, Tensor> in = new java.util.LinkedHashMap<>();
    for (Value v : m.inputs()) {
      long[] shape = new long[v.type().rank()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = v.type().dim(i).isFixed() ? v.type().dim(i).size() : batch;
      }
      float[] d = new float[Math.toIntExact(Tensor.numel(shape))];
      for (int i = 0; i < d.length; i++) {
        d[i] = (float) (rnd.nextDouble() * 2 - 1);
      }
      in.put(v.name(), Tensor.ofFloats(shape, d));
    }
    return in;
  }

  private static Program lower(Module m, TileKind kind) {
    Program p = Lowering.lower(m, CHIP, Assignment.uniform(m, kind), Calibration.run(m, inputs(m, 8, 21)));
    assertEquals(List.of(), ProgramVerifier.check(p), m.name());
    return p;
  }

  private static long count(Program p, Class<? extends Instr> type) {
    return p.tiles().stream().flatMap(t -> t.instrs().stream()).filter(type::isInstance).count();
  }

  @Test
  void lstmHoldsWAndROnCrossbarsAndStepsThroughR() {
    Module m = recurrent(Spec.of(RnnKind.LSTM), 1);
    Node lstm = m.nodes().get(0);
    assertTrue(Backends.of(TileKind.MEMRISTOR).supports(lstm, m, CHIP).supported());
    // W [64][10] and R [64][16]: 64 outputs x 4 columns = one 256x256 crossbar each.
    assertEquals(2, ((CimBackend) Backends.of(TileKind.MEMRISTOR)).arrays(lstm, m, CHIP));
    Program p = lower(m, TileKind.MEMRISTOR);
    assertEquals(2, p.arrays().size());
    float[] w = m.constant(lstm.input(1)).floats();
    float[] r = m.constant(lstm.input(2)).floats();
    QuantizedWeights qw = QuantizedWeights.quantize(w, 64, IN, 1, 8);
    QuantizedWeights qr = QuantizedWeights.quantize(r, 64, HIDDEN, 1, 8);
    ArrayImage wa = p.arrays().get(0);
    ArrayImage ra = p.arrays().get(1);
    assertEquals("y", wa.layout().layer());
    assertEquals(IN, wa.layout().inCount());
    assertEquals(HIDDEN, ra.layout().inCount());
    long[][] dw = CellCodec.decode(wa.layout(), wa.cells());
    long[][] dr = CellCodec.decode(ra.layout(), ra.cells());
    for (int o = 0; o < 64; o++) {
      for (int i = 0; i < IN; i++) {
        assertEquals(qw.at(o, i), dw[o][i]);
      }
      for (int i = 0; i < HIDDEN; i++) {
        assertEquals(qr.at(o, i), dr[o][i]);
      }
    }
    // Per step one mvm of x_t through W and one of h_{t-1} through R, except at the first step (zero initial state).
    List<Instr.Mvm> mvms = p.tiles().stream().flatMap(t -> t.instrs().stream()).filter(i -> i instanceof Instr.Mvm)
        .map(i -> (Instr.Mvm) i).toList();
    assertEquals(SEQ, mvms.stream().filter(i -> i.array() == wa.id()).count());
    assertEquals(SEQ - 1, mvms.stream().filter(i -> i.array() == ra.id()).count());
    // No lstm instruction: the gates are element ops on the crossbar tile's digital periphery.
    assertTrue(p.tiles().stream().flatMap(t -> t.instrs().stream())
        .noneMatch(i -> i instanceof Instr.Digital d && d.op() instanceof Op.Recurrent));
    // Utilization counts W's and R's weights, 4 cells each (two 4-bit slices, +/- pair).
    assertEquals(64L * (IN + HIDDEN) * 4,
        ancc.ir.program.ArrayUsage.of(p.arrays(), CimBackend.weights(lstm, m)).usedCells());
  }

  @Test
  void idealModeMatchesTheReferenceAndAnalogRuns() {
    List<Spec> specs = List.of(
        Spec.of(RnnKind.LSTM),
        Spec.of(RnnKind.GRU),
        new Spec(RnnKind.GRU, RnnDirection.FORWARD, false, false, false, 0f, false),
        Spec.of(RnnKind.RNN),
        new Spec(RnnKind.LSTM, RnnDirection.BIDIRECTIONAL, true, true, true, 0f, false),
        new Spec(RnnKind.GRU, RnnDirection.REVERSE, false, true, false, 0.8f, true),
        new Spec(RnnKind.LSTM, RnnDirection.REVERSE, false, false, false, 1.5f, false));
    Simulator sim = new Simulator();
    long seed = 3;
    for (Spec s : specs) {
      Module m = recurrent(s, seed++);
      Map<String, Tensor> in = inputs(m, 3, seed);
      Map<String, Tensor> ref = new Interpreter().run(m, in);
      for (TileKind kind : List.of(TileKind.MEMRISTOR, TileKind.SRAM)) {
        Program p = lower(m, kind);
        Map<String, Tensor> ideal = sim.run(p, CHIP, in, SimOptions.ideal());
        for (String out : List.of("out", "y_h")) {
          Tensor a = ref.get(out);
          Tensor b = ideal.get(out);
          assertArrayEquals(a.shape(), b.shape(), s + " " + out);
          double err = TestNets.maxError(a, b);
          double max = TestNets.maxAbs(a);
          System.out.printf("recurrent %s on %s, %s: %d arrays, max abs error %.4g of max |y| %.4g%n", s,
              kind.text(), out, p.arrays().size(), err, max);
          assertTrue(err <= RELATIVE_BOUND * max, s + " " + kind.text() + " " + out + ": error " + err + " vs " + max);
        }
        if (kind == TileKind.MEMRISTOR) {
          Tensor analog = sim.run(p, CHIP, in, SimOptions.analog(5)).get("out");
          for (float v : analog.floats()) {
            assertTrue(Float.isFinite(v));
          }
          assertFalse(analog.contentEquals(ideal.get("out")), "the default chip's RRAM noise changes Y");
        }
      }
    }
  }

  @Test
  void layerSpanningTilesQuantizesOnItsHomeTile() {
    // LSTM(28 -> 128), the scratch model's layer: W [512][28] and R [512][128] are 8 crossbars each,
    // so R's arrays sit on the second tile; h_{t-1} is quantized home and sent there every step.
    Module m = recurrent(Spec.of(RnnKind.LSTM), 4, 3, 28, 128);
    Program p = lower(m, TileKind.MEMRISTOR);
    assertEquals(16, p.arrays().size());
    assertEquals(2, p.arrays().stream().map(ArrayImage::tile).distinct().count());
    assertTrue(count(p, Instr.Send.class) >= 2 * 2, "codes out and partial sums back, per R product");
    Map<String, Tensor> in = inputs(m, 2, 5);
    Tensor ref = new Interpreter().run(m, in).get("out");
    Tensor ideal = new Simulator().run(p, CHIP, in, SimOptions.ideal()).get("out");
    double err = TestNets.maxError(ref, ideal);
    System.out.printf("recurrent LSTM(28 -> 128) spanning tiles: max abs error %.4g of max |y| %.4g%n", err,
        TestNets.maxAbs(ref));
    assertTrue(err <= RELATIVE_BOUND * TestNets.maxAbs(ref), "error " + err);
  }

  @Test
  void unsupportedFormsAreRefusedNamingTheNode() {
    Module m = recurrent(Spec.of(RnnKind.LSTM), 2);
    Node n = m.nodes().get(0);
    // A symbolic sequence length.
    Value xs = new Value("x", f32("S", "N", IN));
    List<Value> ins = new ArrayList<>(n.inputs());
    ins.set(0, xs);
    Node symbolic = new Node(n.op(), ins, n.outputs(), "rnn");
    Support s = Backends.of(TileKind.MEMRISTOR).supportsOp(symbolic, m);
    assertFalse(s.supported());
    assertTrue(s.reason().contains("sequence length is not fixed"), s.reason());
    // sequence_lens given as a graph input.
    Value lens = new Value("lens", new TensorType(DType.I32, List.of(Dim.sym("N"))));
    ins = new ArrayList<>(n.inputs());
    ins.set(4, lens);
    Support l = Backends.of(TileKind.SRAM).supportsOp(new Node(n.op(), ins, n.outputs(), "rnn"), m);
    assertFalse(l.supported());
    assertTrue(l.reason().contains("sequence_lens"), l.reason());
    assertFalse(l.reason().contains("\n"));
  }

  @Test
  void digitalPlacementChargesMacsProportionalToTheLayer() {
    for (Spec s : List.of(Spec.of(RnnKind.LSTM), Spec.of(RnnKind.GRU))) {
      Module m = recurrent(s, 9);
      Node n = m.nodes().get(0);
      Calibration cal = Calibration.synthetic(m, 2, 1);
      Cost dig = Estimator.estimate(n, m, CHIP, TileKind.DIGITAL, cal);
      int gates = s.kind() == RnnKind.LSTM ? 4 : 3;
      long macs = (long) SEQ * gates * HIDDEN * (IN + HIDDEN);
      assertEquals(macs, dig.actions().get(Action.MAC_OP), s.kind() + " MACs at batch 1");
      assertTrue(dig.componentPj(Action.MAC_OP) > 0);
      long gateOps = (long) SEQ * HIDDEN * (s.kind() == RnnKind.LSTM ? 13 : 10);
      assertTrue(dig.actions().getOrDefault(Action.VECTOR_OP, 0L) >= gateOps, s.kind() + " gate element ops");
      Cost mem = Estimator.estimate(n, m, CHIP, TileKind.MEMRISTOR, cal);
      assertEquals(2, mem.arrays());
      assertTrue(mem.componentPj(Action.ADC_CONVERSION) > 0);
    }
  }
}
