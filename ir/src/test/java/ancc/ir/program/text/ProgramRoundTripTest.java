package ancc.ir.program.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.graph.DType;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.ir.graph.text.OpSchema;
import ancc.ir.program.Buffer;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.ProgramSamples;
import ancc.ir.program.ProgramVerifier;
import ancc.ir.program.TileKind;
import ancc.ir.program.TileProgram;
import ancc.ir.program.WeightEncoding;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProgramRoundTripTest {

  @Test
  void sampleCoversTheWholeInstructionSet() {
    Program p = ProgramSamples.everything();
    Set<Class<?>> used = p.tiles().stream().flatMap(t -> t.instrs().stream()).map(Object::getClass)
        .collect(Collectors.toSet());
    TreeSet<String> missing = new TreeSet<>();
    for (Class<?> c : Instr.class.getPermittedSubclasses()) {
      if (c.isRecord() && !used.contains(c)) {
        missing.add(c.getSimpleName());
      }
    }
    assertEquals(new TreeSet<>(), missing, "instructions missing from ProgramSamples.everything()");
    assertEquals(EnumSet.allOf(TileKind.class), p.tiles().stream().map(TileProgram::kind)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(TileKind.class))));
    assertEquals(EnumSet.allOf(WeightEncoding.class), p.arrays().stream().map(a -> a.layout().encoding())
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(WeightEncoding.class))));
    assertEquals(EnumSet.allOf(Instr.InputMode.class), p.tiles().stream().flatMap(t -> t.instrs().stream())
        .filter(i -> i instanceof Instr.Mvm).map(i -> ((Instr.Mvm) i).mode())
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Instr.InputMode.class))));
    assertEquals(List.of(), ProgramVerifier.check(p));
  }

  @Test
  void everythingRoundTrips() {
    String text = ProgramRoundTrip.assertRoundTrip(ProgramSamples.everything());
    assertTrue(text.startsWith(ProgramPrinter.HEADER + "program @everything chip \"default\" sha256 \"3f2a9c0e\" {\n"));
    assertTrue(text.contains("\n    shift_add #1 %c1 inputs %q -> %acc accumulate\n"), text);
    assertTrue(text.contains("\n    digital gemm(%cat, @fc2.w, _) {alpha = 1.0, beta = 0.0, trans_a = false,"
        + " trans_b = false} -> %g\n"), text);
    assertTrue(text.contains("\n    dequantize %acc1 -> %z1 input_scale 0.0015 scale @\"fc1 scale \\\"v2\\\"\"\n"), text);
  }

  @Test
  void everyInstructionPrintsOnOneLineThatParsesBack() {
    Program p = ProgramSamples.everything();
    for (TileProgram t : p.tiles()) {
      for (Instr i : t.instrs()) {
        String line = ProgramPrinter.instr(i, p);
        assertTrue(line.startsWith(i.name() + " ") && !line.contains("\n"), line);
        Program one = ProgramSamples.withInstrs(p, t.tile(), List.of(i));
        Program back = ProgramParser.parse(ProgramPrinter.print(one), "one.xbp");
        assertEquals(List.of(i), back.tiles().get(p.tiles().indexOf(t)).instrs(), line);
      }
    }
  }

  /** Every graph IR op, as a digital instruction, prints and parses exactly as in the graph IR. */
  @Test
  void everyGraphOpRoundTripsAsDigitalInstruction() {
    TensorType f = TensorType.of(DType.F32, 2, 3);
    List<Buffer> buffers = new ArrayList<>(List.of(new Buffer("a", 7, f), new Buffer("b", 7, f)));
    List<Instr> instrs = new ArrayList<>();
    Set<String> ops = new TreeSet<>();
    int k = 0;
    for (OpSchema s : OpSchema.all()) {
      Op op = sampleOp(s);
      List<String> ins = new ArrayList<>();
      for (int i = 0; i < Math.min(op.arity().minIn() + 1, op.arity().maxIn()); i++) {
        ins.add(i == 0 ? "a" : i == 1 ? "c" : i % 2 == 0 ? null : "b");
      }
      List<String> outs = new ArrayList<>();
      for (int i = 0; i < op.arity().minOut(); i++) {
        outs.add("out " + k + "." + i);
        buffers.add(new Buffer("out " + k + "." + i, 7, f));
      }
      k++;
      instrs.add(new Instr.Digital(op, ins, outs));
      ops.add(op.name());
    }
    Map<String, Tensor> constants = Map.of("c", Tensor.ofFloats(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}));
    Program p = new Program("ops", "digital-only", "00", List.of(new Value("in", f)), List.of(), constants,
        List.of(), buffers, List.of(new TileProgram(7, TileKind.DIGITAL, instrs)));
    assertEquals(OpSchema.all().size(), ops.size());
    String text = ProgramRoundTrip.assertRoundTrip(p);
    assertTrue(text.contains("\n    digital add(%a, @c) -> %\"out "), text);
    assertTrue(text.contains("\n    digital relu(%a) -> %\"out "), text);
  }

  /** An op of schema s with non-default attribute values where its constructor accepts them. */
  private static Op sampleOp(OpSchema s) {
    List<Object> values = new ArrayList<>();
    List<Object> zeros = new ArrayList<>();
    for (OpSchema.Attribute a : s.attributes()) {
      switch (a.kind()) {
        case LONG -> { values.add(1L); zeros.add(0L); }
        case FLOAT -> { values.add(0.1f); zeros.add(0f); }
        case BOOL -> { values.add(true); zeros.add(false); }
        case DTYPE -> { values.add(DType.F16); zeros.add(DType.F32); }
        case ENUM -> {
          Object[] c = a.enumType().getEnumConstants();
          values.add(c[c.length - 1]);
          zeros.add(c[0]);
        }
        case LONG_LIST -> { values.add(List.of(1L, 2L)); zeros.add(List.of()); }
        default -> throw new IllegalStateException(a.kind().toString());
      }
    }
    try {
      return s.create(values);
    } catch (RuntimeException e) {
      return s.create(zeros);
    }
  }

  @Test
  void equalityNamesTheFirstDifference() {
    Program p = ProgramSamples.everything();
    List<Instr> instrs = new ArrayList<>(p.tiles().get(0).instrs());
    instrs.set(3, new Instr.Mvm(0, "q", "c0", Instr.InputMode.BIT_SERIAL, 4, 7, 12.0f));
    assertEquals("tile 0 instr 3: mvm #0 %q -> %c0 bit_serial input_bits 4 adc_bits 6 full_scale 12.0"
            + " vs mvm #0 %q -> %c0 bit_serial input_bits 4 adc_bits 7 full_scale 12.0",
        ProgramEquality.firstDifference(p, ProgramSamples.withInstrs(p, 0, instrs)).orElseThrow());
    assertTrue(ProgramEquality.equal(p, ProgramSamples.everything()));
  }
}
