package ancc.compiler.report;

import ancc.compiler.driver.TestCompile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.compiler.driver.CompiledModel;
import ancc.compiler.driver.Compiler;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.TileKind;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** The report's totals carry the one-time programming cost of the memristor arrays. */
class ProgrammingInfoTest {
  private static Path lenet() {
    String root = System.getProperty("ancc.repo.root");
    assertTrue(root != null && !root.isEmpty(), "system property ancc.repo.root is not set (surefire sets it)");
    return Paths.get(root, "testdata/models/lenet.onnx");
  }

  private static ProgrammingInfo programming(String placement) throws IOException {
    Chip chip = Chips.preset("default");
    CompiledModel m = CompiledModel.of(lenet(),
        TestCompile.compile(lenet(), chip, placement));
    ProgrammingInfo p = CostReport.of(m, 1).report("compile", null, null).totals().programming();
    assertTrue(p != null, placement + ": no programming section");
    long cells = 0;
    for (ArrayImage a : m.program().arrays()) {
      if (a.kind() == TileKind.MEMRISTOR) {
        cells += (long) a.layout().inCount() * a.layout().columnsUsed();
      }
    }
    assertEquals(cells, p.cells(), placement + ": cells programmed");
    return p;
  }

  @Test
  void memristorArraysCostProgrammingEnergyAndTime() throws IOException {
    ProgrammingInfo p = programming("all-memristor");
    assertTrue(p.described());
    assertTrue(p.cells() > 0 && p.pulses() >= p.cells(), "pulses " + p.pulses() + " for " + p.cells() + " cells");
    assertTrue(p.energyUj() > 0 && p.timeMs() > 0, p.toString());
  }

  @Test
  void aProgramWithoutMemristorArraysProgramsNothing() throws IOException {
    ProgrammingInfo p = programming("all-digital");
    assertEquals(0, p.cells());
    assertEquals(0.0, p.energyUj());
  }
}
