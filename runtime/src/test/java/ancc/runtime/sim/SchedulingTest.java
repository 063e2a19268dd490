package ancc.runtime.sim;

import static ancc.runtime.sim.TestPrograms.floats;
import static ancc.runtime.sim.TestPrograms.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chips;
import ancc.ir.graph.DType;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileKind;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tile streams, send/recv and barriers, and the checks on inputs and the target chip. */
class SchedulingTest {

  /** Tile 1 (listed first) waits for tile 0's send, applies relu and stores. */
  private static Program relay() {
    return relay(List.of(0L, 1L));
  }

  private static Program relay(List<Long> route) {
    return new TestPrograms(TestPrograms.DEFAULT)
        .input("x", rows(DType.F32, 3)).output("out", rows(DType.F32, 3))
        .buffer("a", 0, rows(DType.F32, 3)).buffer("b", 1, rows(DType.F32, 3)).buffer("r", 1, rows(DType.F32, 3))
        .tile(1, TileKind.DIGITAL, new Instr.Barrier(0), new Instr.Recv("b", 0),
            new Instr.Digital(new Op.Unary(Op.UnaryOp.RELU), List.of("b"), List.of("r")), new Instr.Store("r", "out"))
        .tile(0, TileKind.MEMRISTOR, new Instr.Load("a", "x"), new Instr.Barrier(0),
            new Instr.Send("a", 1, "b", route))
        .build();
  }

  @Test
  void recvWaitsForTheSendOfAnotherTile() {
    float[] out = TestPrograms.run(relay(), TestPrograms.DEFAULT, SimOptions.ideal(),
        floats(new long[] {2, 3}, 1, -2, 3, -4, 5, -6));
    assertArrayEquals(new float[] {1, 0, 3, 0, 5, 0}, out);
  }

  @Test
  void routesStepBetweenMeshNeighbours() {
    // default chip: 6 x 6 mesh, tile 7 is row 1, column 1, two hops from tile 0
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> TestPrograms.run(
        relay(List.of(0L, 7L, 1L)), TestPrograms.DEFAULT, SimOptions.ideal(), floats(new long[] {1, 3}, 1, 2, 3)));
    assertEquals("program @test: tile 0 instr 2 (send %a -> tile 1 %b route [0, 7, 1]): route hop 0 -> 7 is not"
        + " between mesh neighbours", e.getMessage());
  }

  @Test
  void aRecvWithoutSendIsADeadlock() {
    Program ok = relay();
    Program p = new Program(ok.name(), ok.chipName(), ok.chipHash(), ok.inputs(), ok.outputs(), ok.constants(),
        ok.arrays(), ok.buffers(), List.of(ok.tiles().get(0)));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> TestPrograms.run(p,
        TestPrograms.DEFAULT, SimOptions.ideal(), floats(new long[] {1, 3}, 1, 2, 3)));
    assertEquals("program @test: deadlock: tile 1 waits at instr 1 (recv)", e.getMessage());
  }

  @Test
  void inputsAreCheckedLikeTheInterpreterChecksThem() {
    Simulator sim = new Simulator();
    Program p = relay();
    InvalidInputException missing = assertThrows(InvalidInputException.class,
        () -> sim.run(p, TestPrograms.DEFAULT, Map.of(), SimOptions.ideal()));
    assertEquals("missing input 'x' of type f32[N,3]", missing.getMessage());
    InvalidInputException shape = assertThrows(InvalidInputException.class, () -> sim.run(p,
        TestPrograms.DEFAULT, Map.of("x", floats(new long[] {1, 2}, 1, 2)), SimOptions.ideal()));
    assertEquals("input 'x': expected shape [N,3] but got [1,2] (dim 1 must be 3)", shape.getMessage());
    InvalidInputException unknown = assertThrows(InvalidInputException.class, () -> sim.run(p,
        TestPrograms.DEFAULT, Map.of("x", floats(new long[] {1, 3}, 1, 2, 3), "y", Tensor.scalar(1)),
        SimOptions.ideal()));
    assertEquals("unknown input 'y' (program @test takes: x)", unknown.getMessage());
  }

  @Test
  void aProgramRunsOnlyOnItsChip() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> TestPrograms.run(relay(),
        Chips.preset("hermes-pcm"), SimOptions.ideal(), floats(new long[] {1, 3}, 1, 2, 3)));
    assertEquals(true, e.getMessage().startsWith("program @test was compiled for chip 'default'"), e.getMessage());
  }

  @Test
  void digitalOpsFailWithTheTileAndInstruction() {
    Program p = new TestPrograms(TestPrograms.DEFAULT)
        .input("x", rows(DType.F32, 3)).output("out", rows(DType.F32, 3))
        .constant("shape", Tensor.vector(4, -1))
        .buffer("a", 0, rows(DType.F32, 3)).buffer("r", 0, rows(DType.F32, 3))
        .tile(0, TileKind.DIGITAL, new Instr.Load("a", "x"),
            new Instr.Digital(new Op.Reshape(false), Arrays.asList("a", "shape"), List.of("r")),
            new Instr.Store("r", "out"))
        .build();
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> TestPrograms.run(p,
        TestPrograms.DEFAULT, SimOptions.ideal(), floats(new long[] {1, 3}, 1, 2, 3)));
    assertEquals(true, e.getMessage().startsWith("program @test: tile 0 instr 1 (digital reshape"), e.getMessage());
    assertEquals(false, e.getMessage().contains("\n"));
  }
}
