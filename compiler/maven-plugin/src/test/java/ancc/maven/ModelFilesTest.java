package ancc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
  @TempDir
  Path dir;

  @Test
  void antPatterns() {
    assertTrue(ModelFiles.compile("**/*.onnx").matcher("mlp.onnx").matches());
    assertTrue(ModelFiles.compile("**/*.onnx").matcher("a/b/mlp.onnx").matches());
    assertFalse(ModelFiles.compile("*.onnx").matcher("a/mlp.onnx").matches());
    assertTrue(ModelFiles.compile("a/**").matcher("a/b/c.onnx").matches());
    assertTrue(ModelFiles.compile("a/").matcher("a/c.onnx").matches());
    assertTrue(ModelFiles.compile("m?p.onnx").matcher("mlp.onnx").matches());
    assertFalse(ModelFiles.compile("m?p.onnx").matcher("m/p.onnx").matches());
    assertFalse(ModelFiles.compile("**/*.onnx").matcher("mlp.onnx.bak").matches());
    assertTrue(ModelFiles.compile("a\\*.onnx").matcher("a/x.onnx").matches());
  }

  @Test
  void scanFindsIncludedFilesSortedWithNames() throws Exception {
    Files.createDirectories(dir.resolve("vision/small"));
    Files.write(dir.resolve("mlp.onnx"), new byte[0]);
    Files.write(dir.resolve("vision/small/lenet.onnx"), new byte[0]);
    Files.write(dir.resolve("vision/old.onnx"), new byte[0]);
    Files.write(dir.resolve("notes.txt"), new byte[0]);
    List<ModelFiles.Model> found = ModelFiles.scan(dir, List.of("**/*.onnx"), List.of("**/old.*"));
    assertEquals(List.of("mlp", "vision/small/lenet"), found.stream().map(ModelFiles.Model::name).toList());
    assertEquals(dir.resolve("vision/small/lenet.onnx"), found.get(1).file());
  }
}
