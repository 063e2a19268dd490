package ancc.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.backends.Assignment;
import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chips;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.program.TileKind;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fixed placements by name and the compile overload taking an assignment. */
class PlacementsTest {
  private static Module lenet() {
    return TestCompile.load(Paths.get(System.getProperty("ancc.repo.root"), "testdata/models/lenet.onnx"));
  }

  @Test
  void firstLastDigitalKeepsTheEndsDigitalAndTheMiddleOnMemristor() {
    Module m = lenet();
    List<Node> layers = Placements.weightLayers(m);
    assertEquals(5, layers.size());
    Assignment a = ((Strategy.Fixed) Strategy.parse("First-Last-Digital")).assign(m);
    assertEquals(TileKind.DIGITAL, a.kindOf(layers.get(0)));
    assertEquals(TileKind.MEMRISTOR, a.kindOf(layers.get(1)));
    assertEquals(TileKind.MEMRISTOR, a.kindOf(layers.get(3)));
    assertEquals(TileKind.DIGITAL, a.kindOf(layers.get(4)));
    Compilation c = TestCompile.compile(m, Chips.preset("default"), "first-last-digital");
    assertEquals("first-last-digital", c.placement());
    assertEquals(7, c.arrays(TileKind.MEMRISTOR), "conv2 1 + fc1 4 + fc2 2 crossbars");
  }

  @Test
  void anAssignmentCompilesUnderItsOwnName() {
    Module m = lenet();
    Node fc1 = Placements.weightLayers(m).get(2);
    Assignment a = new Assignment(Map.of(fc1.output().name(), TileKind.SRAM));
    Compilation c = TestCompile.compile(m, Chips.preset("default"), a, "mine");
    assertEquals("mine", c.placement());
    assertEquals(0, c.arrays(TileKind.MEMRISTOR));
    assertTrue(c.arrays(TileKind.SRAM) > 0);
  }

  @Test
  void autoIsNoFixedRuleAndUnknownPlacementsAreErrors() {
    assertTrue(Strategy.parse("auto").automatic());
    assertFalse(Strategy.parse("auto-greedy") instanceof Strategy.Fixed);
    InvalidInputException gpu = assertThrows(InvalidInputException.class, () -> Strategy.parse("all-gpu"));
    assertEquals("unknown placement 'all-gpu' (auto, auto-greedy, all-memristor, all-sram, all-digital,"
        + " first-last-digital)", gpu.getMessage());
  }
}
