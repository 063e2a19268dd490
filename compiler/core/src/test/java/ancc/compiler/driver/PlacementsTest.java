package ancc.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    return Compiler.frontend(Paths.get(System.getProperty("ancc.repo.root"), "testdata/models/lenet.onnx"));
  }

  @Test
  void firstLastDigitalKeepsTheEndsDigitalAndTheMiddleOnMemristor() {
    Module m = lenet();
    List<Node> layers = Placements.weightLayers(m);
    assertEquals(5, layers.size());
    Assignment a = Placements.named(m, "First-Last-Digital");
    assertEquals(TileKind.DIGITAL, a.kindOf(layers.get(0)));
    assertEquals(TileKind.MEMRISTOR, a.kindOf(layers.get(1)));
    assertEquals(TileKind.MEMRISTOR, a.kindOf(layers.get(3)));
    assertEquals(TileKind.DIGITAL, a.kindOf(layers.get(4)));
    Compilation c = Compiler.compile(m, Chips.preset("default"), "first-last-digital", CalibrationSource.synthetic());
    assertEquals("first-last-digital", c.placement());
    assertEquals(7, c.arrays(TileKind.MEMRISTOR), "conv2 1 + fc1 4 + fc2 2 crossbars");
  }

  @Test
  void anAssignmentCompilesUnderItsOwnName() {
    Module m = lenet();
    Node fc1 = Placements.weightLayers(m).get(2);
    Assignment a = new Assignment(Map.of(fc1.output().name(), TileKind.SRAM));
    Compilation c = Compiler.compile(m, Chips.preset("default"), a, "mine", CalibrationSource.synthetic());
    assertEquals("mine", c.placement());
    assertEquals(0, c.arrays(TileKind.MEMRISTOR));
    assertTrue(c.arrays(TileKind.SRAM) > 0);
  }

  @Test
  void autoAndUnknownPlacementsAreErrors() {
    Module m = lenet();
    InvalidInputException auto = assertThrows(InvalidInputException.class, () -> Placements.named(m, "auto"));
    assertTrue(auto.getMessage().contains("chosen by the partitioner"), auto.getMessage());
    InvalidInputException gpu = assertThrows(InvalidInputException.class, () -> Placements.named(m, "all-gpu"));
    assertEquals("unknown placement 'all-gpu' (all-memristor, all-sram, all-digital, first-last-digital, auto,"
        + " auto-greedy)", gpu.getMessage());
  }
}
