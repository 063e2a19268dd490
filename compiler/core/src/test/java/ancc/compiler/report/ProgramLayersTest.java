package ancc.compiler.report;

import ancc.compiler.driver.TestCompile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.compiler.driver.Compilation;
import ancc.compiler.driver.Compiler;
import ancc.compiler.driver.LayerRow;
import ancc.ir.chip.Chips;
import ancc.ir.program.Instr;
import ancc.ir.program.TileProgram;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Layers rebuilt from the placed graph IR and the program agree with the compiler's own summary rows. */
class ProgramLayersTest {

  private static Path model(String name) {
    String root = System.getProperty("ancc.repo.root");
    assertTrue(root != null && !root.isEmpty(), "system property ancc.repo.root is not set (surefire sets it)");
    return Path.of(root, "testdata/models", name + ".onnx");
  }

  @ParameterizedTest
  @ValueSource(strings = {"all-memristor", "all-sram", "all-digital"})
  void lenetLayersMatchTheCompileSummary(String placement) {
    Compilation c = TestCompile.compile(model("lenet"), Chips.preset("default"), placement);
    List<ProgramLayers.Layer> layers = ProgramLayers.of(c.module(), c.program());
    List<LayerRow> rows = c.layers();
    assertEquals(rows.size(), layers.size());
    for (int i = 0; i < rows.size(); i++) {
      LayerRow r = rows.get(i);
      LayerEntry e = layers.get(i).entry();
      assertEquals(r.layer(), e.name());
      assertEquals(r.op(), e.op());
      assertEquals(r.kind().text(), e.placement());
      assertEquals(r.arrays(), e.arrays());
      assertEquals(r.utilization(), e.utilization(), 1e-12);
      assertEquals(r.tiles(), e.tiles(), r.layer());
    }
    Set<String> keys = new HashSet<>();
    layers.forEach(l -> keys.add(l.key()));
    int attributed = 0;
    int mvms = 0;
    for (TileProgram tp : c.program().tiles()) {
      for (Instr in : tp.instrs()) {
        String key = ProgramLayers.keyOf(c.program(), in, keys);
        attributed += key != null ? 1 : 0;
        if (in instanceof Instr.Mvm m) {
          mvms++;
          assertEquals(c.program().array(m.array()).layout().layer(), key);
        }
      }
    }
    assertTrue(attributed > 0);
    assertEquals(!placement.equals("all-digital"), mvms > 0, "mvm instructions exactly when layers are on arrays");
  }

  @Test
  void buffersMapToTheirLayerKey() {
    Set<String> keys = Set.of("conv1", "conv1.x", "fc");
    assertEquals("conv1", ProgramLayers.layerKey("conv1", keys));
    assertEquals("conv1", ProgramLayers.layerKey("conv1@t3", keys));
    assertEquals("conv1.x", ProgramLayers.layerKey("conv1.x.cols", keys), "the longest matching key wins");
    assertEquals("fc", ProgramLayers.layerKey("fc.q", keys));
    assertNull(ProgramLayers.layerKey("input", keys));
    assertNull(ProgramLayers.layerKey("fcx", keys));
  }
}
