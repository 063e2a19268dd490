package ancc.compiler.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.backends.Assignment;
import ancc.backends.Lowering;
import ancc.backends.mapping.Calibration;
import ancc.compiler.onnx.OnnxImporter;
import ancc.compiler.pass.PassContext;
import ancc.compiler.pass.PassManager;
import ancc.compiler.pass.Pipelines;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.Module;
import ancc.ir.graph.Tensor;
import ancc.ir.program.Program;
import ancc.ir.program.ProgramVerifier;
import ancc.ir.program.TileKind;
import ancc.ir.program.text.ProgramEquality;
import ancc.ir.program.text.ProgramFiles;
import ancc.runtime.io.Npy;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every testdata model compiles with each uniform placement on the {@code default} chip:
 * import, canonicalize, calibrate on the 16 test images, lower, verify the program, and
 * round-trip it through its text form and sidecar.
 */
class CompileModelsTest {
  private static final Chip CHIP = Chips.preset("default");

  private static Path repoRoot() {
    String root = System.getProperty("ancc.repo.root");
    assertTrue(root != null && !root.isEmpty(), "system property ancc.repo.root is not set (surefire sets it)");
    return Paths.get(root);
  }

  private static Module load(String model) {
    Module m = OnnxImporter.importModel(repoRoot().resolve("testdata/models/" + model + ".onnx"));
    return new PassManager(Pipelines.canonicalize()).run(m, new PassContext());
  }

  private static Calibration calibrate(Module m) throws IOException {
    Tensor images = Npy.read(repoRoot().resolve("testdata/fashion_mnist/images_16.npy"));
    return Calibration.run(m, Map.of(m.inputs().get(0).name(), images));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "lenet", "cnn_bn", "resnet_small"})
  void compilesWithEveryPlacement(String model, @TempDir Path dir) throws IOException {
    Module m = load(model);
    Calibration cal = calibrate(m);
    for (TileKind kind : TileKind.values()) {
      Program p = Lowering.lower(m, CHIP, Assignment.uniform(m, kind), cal);
      assertEquals(List.of(), ProgramVerifier.check(p), model + " all-" + kind.text());
      int instrs = p.tiles().stream().mapToInt(t -> t.instrs().size()).sum();
      System.out.println("compile: " + model + " all-" + kind.text() + ": " + p.arrays().size() + " arrays, "
          + p.tiles().size() + " tiles, " + instrs + " instructions");
      long cimLayers = m.nodes().stream().filter(n -> Assignment.uniform(m, kind).kindOf(n) == kind).count();
      if (kind == TileKind.DIGITAL) {
        assertTrue(p.arrays().isEmpty());
      } else {
        assertTrue(cimLayers > 0 && p.arrays().size() >= cimLayers, model + ": " + p.arrays().size() + " arrays");
        assertTrue(p.arrays().stream().allMatch(a -> a.kind() == kind));
      }
      Path xbp = dir.resolve(model + "-" + kind.text() + ".xbp");
      ProgramFiles.write(p, xbp);
      Optional<String> diff = ProgramEquality.firstDifference(p, ProgramFiles.read(xbp));
      assertEquals(Optional.empty(), diff, model + " all-" + kind.text() + " text round trip");
    }
  }
}
