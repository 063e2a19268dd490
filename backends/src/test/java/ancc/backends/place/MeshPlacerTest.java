package ancc.backends.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ancc.backends.DoesNotFitException;
import ancc.backends.Placer.Slot;
import ancc.ir.chip.Chip;
import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.ir.program.TileKind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The greedy mesh placer on the hand-made 3 x 3 mesh of {@link MeshChips}. */
class MeshPlacerTest {

  private static TensorType f32(long... dims) {
    return new TensorType(DType.F32, java.util.Arrays.stream(dims).mapToObj(Dim::of).toList());
  }

  /** x -> fc1 -> fc2 -> relu -> fc3 (weights are never read by the placer, so zeros do). */
  private static Module chain() {
    Module.Builder b = Module.builder("chain");
    Value x = new Value("x", f32(1, 16));
    b.input(x);
    Value in = x;
    String[] names = {"fc1", "fc2", "relu", "fc3"};
    for (String name : names) {
      Value out = new Value(name, f32(1, 16));
      if (name.equals("relu")) {
        b.node(new Node(new Op.Unary(Op.UnaryOp.RELU), List.of(in), out, name));
      } else {
        Value w = new Value(name + ".w", f32(16, 16));
        b.constant(w, Tensor.zeros(DType.F32, new long[] {16, 16}));
        b.node(new Node(new Op.Linear(), List.of(in, w), out, name));
      }
      in = out;
    }
    b.output(in);
    return b.build();
  }

  private static Node node(Module m, String name) {
    return m.nodes().stream().filter(n -> n.output().name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void threeLayerChainLandsOnNeighbouringTiles() {
    Chip chip = MeshChips.threeByThree();
    Module m = chain();
    MeshPlacer p = new MeshPlacer(chip, m);
    // fc1: no producer on the mesh; no tile holds 3 arrays, so home is tile 0, then its nearest (1 before 3)
    assertEquals(List.of(new Slot(0, 0), new Slot(0, 1), new Slot(1, 0)), p.placeArrays(TileKind.MEMRISTOR, 3, "fc1"));
    // fc2 reads tile 0: tiles 1 and 3 are 1 hop away; only 3 holds both arrays
    assertEquals(List.of(new Slot(3, 0), new Slot(3, 1)), p.placeArrays(TileKind.MEMRISTOR, 2, "fc2"));
    // relu on the only digital tile
    assertEquals(8, p.digitalTile(node(m, "relu"), List.of(3)));
    // fc3 reads tile 8 (row 2, col 2): tiles 5 and 7 are 1 hop away, the lower id wins
    assertEquals(List.of(new Slot(5, 0)), p.placeArrays(TileKind.MEMRISTOR, 1, "fc3"));
    assertEquals(Map.of("fc1", 0, "fc2", 3, "relu", 8, "fc3", 5), p.homes());
  }

  @Test
  void avoidedTilesAreSkippedUnlessNothingElseIsFree() {
    Chip chip = MeshChips.threeByThree();
    Module m = chain();
    MeshPlacer p = new MeshPlacer(chip, m, Map.of("fc2", Set.of(3), "relu", Set.of(8)));
    p.placeArrays(TileKind.MEMRISTOR, 3, "fc1");
    // tile 3 is avoided: tile 1 (1 hop, one free slot) is home, then its nearest free tile 2
    assertEquals(List.of(new Slot(1, 1), new Slot(2, 0)), p.placeArrays(TileKind.MEMRISTOR, 2, "fc2"));
    // the only digital tile is avoided: it is used anyway
    assertEquals(8, p.digitalTile(node(m, "relu"), List.of(1)));
  }

  @Test
  void digitalWorkGoesNearTheLargerInput() {
    // 2 x 2 mesh: memristor tiles 0 and 1 on row 0, digital tiles 2 (below 0) and 3 (below 1)
    Chip chip = MeshChips.chip(2, 2, 2, 2, "16KiB");
    Module.Builder b = Module.builder("add");
    Value x = new Value("x", f32(1, 16));
    b.input(x);
    Value big = new Value("big", f32(1, 64));
    Value small = new Value("small", f32(1, 8));
    Value w1 = new Value("w1", f32(64, 16));
    Value w2 = new Value("w2", f32(8, 16));
    b.constant(w1, Tensor.zeros(DType.F32, new long[] {64, 16}));
    b.constant(w2, Tensor.zeros(DType.F32, new long[] {8, 16}));
    b.node(new Node(new Op.Linear(), List.of(x, w1), small, "a"));
    b.node(new Node(new Op.Linear(), List.of(x, w2), big, "b"));
    Value sum = new Value("sum", f32(1, 64));
    Node add = new Node(new Op.Binary(Op.BinaryOp.ADD), List.of(small, big), sum, "add");
    b.node(add);
    b.output(sum);
    Module m = b.build();
    MeshPlacer p = new MeshPlacer(chip, m);
    assertEquals(0, p.placeArrays(TileKind.MEMRISTOR, 2, "small").get(0).tile());
    assertEquals(1, p.placeArrays(TileKind.MEMRISTOR, 2, "big").get(0).tile());
    // 64 floats from tile 1 outweigh 8 from tile 0: tile 3 (256 B x 1 + 32 B x 2 hops) beats tile 2
    // (256 x 2 + 32 x 1), although the first input is on tile 0 (the sequential placer's choice: 2)
    assertEquals(3, p.digitalTile(add, List.of(0, 1)));
    assertEquals(2, new ancc.backends.SequentialPlacer(chip).digitalTile(add, List.of(0, 1)));
  }

  @Test
  void runningOutOfArraysIsDoesNotFit() {
    Chip chip = MeshChips.threeByThree();
    MeshPlacer p = new MeshPlacer(chip, chain());
    p.placeArrays(TileKind.MEMRISTOR, 15, "fc1");
    DoesNotFitException e = assertThrows(DoesNotFitException.class, () -> p.placeArrays(TileKind.MEMRISTOR, 2, "fc2"));
    assertEquals("layer fc2 needs 2 memristor arrays, chip mesh-test has 1 free", e.getMessage());
  }
}
