package ancc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.graph.Tensor;
import ancc.runtime.io.Npy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ancc eval} on the bundled Fashion-MNIST subset, as .npy and as IDX. */
class EvalCommandTest {

  @TempDir
  Path dir;

  private final Path mlp = Cli.testdata("models/mlp.onnx");
  private final Path images = Cli.testdata("fashion_mnist/images_256.npy");
  private final Path labels = Cli.testdata("fashion_mnist/labels_256.npy");

  @Test
  void evalPrintsAndWritesAReportWithEveryRequiredKey() throws IOException {
    Path json = dir.resolve("eval.json");
    Cli.Result r = Cli.run("eval", mlp.toString(), "--images", images.toString(), "--labels", labels.toString(),
        "--samples", "64", "--chips", "2", "--seed", "11", "--json", json.toString(), "--placement", "all-memristor");
    assertEquals(0, r.code(), r::toString);
    List<String> lines = r.out().lines().toList();
    assertEquals("mlp.onnx on chip default, placement all-memristor, analog, 64 samples, 2 chips (seeds 11..12)",
        lines.get(0), r::toString);
    assertTrue(lines.get(1).matches("reference top-1: +\\d+\\.\\d\\d%"), r::toString);
    assertTrue(lines.get(2).matches("simulated top-1: +\\d+\\.\\d\\d% \\+- \\d+\\.\\d\\d% \\(mean \\+- std over 2 chips\\)"),
        r::toString);
    assertTrue(lines.get(3).startsWith("agreement:"), r::toString);
    assertTrue(lines.get(4).matches("logit NMSE: +[0-9.e+-]+ \\(class scores vs FP32\\)"), r::toString);
    assertTrue(lines.get(5).matches("energy/inference: +[0-9.e+-]+ uJ \\(one inference, batch 1\\)"), r::toString);
    assertTrue(lines.get(6).matches("latency: +[0-9.e+-]+ us \\(one inference, batch 1\\)"), r::toString);
    assertTrue(lines.get(7).matches("throughput: +[0-9.e+-]+ inferences/s, [0-9.e+-]+ uJ per inference \\(batch of 64\\)"),
        r::toString);

    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertEquals("eval", root.get("command").asText());
    SimulateCommandTest.assertReportShape(root);
    JsonNode acc = root.get("accuracy");
    for (String key : new String[] {"reference_top1", "simulated_top1_mean", "simulated_top1_std", "agreement"}) {
      assertTrue(acc.has(key), key);
      double v = acc.get(key).asDouble();
      assertTrue(v >= 0 && v <= 1, key + " = " + v);
    }
    assertEquals(64, acc.get("samples").asInt());
    assertEquals(2, acc.get("per_chip").size());
    assertEquals(11, acc.get("per_chip").get(0).get("seed").asLong());
    assertEquals(12, acc.get("per_chip").get(1).get("seed").asLong());
    assertTrue(acc.get("reference_top1").asDouble() > 0.7, "mlp classifies Fashion-MNIST");
    assertTrue(acc.get("agreement").asDouble() > 0.6, acc::toString);

    Path again = dir.resolve("again.json");
    Cli.Result r2 = Cli.run("eval", mlp.toString(), "--images", images.toString(), "--labels", labels.toString(),
        "--samples", "64", "--chips", "2", "--seed", "11", "--json", again.toString(), "--placement", "all-memristor");
    assertEquals(0, r2.code(), r2::toString);
    assertEquals(Files.readString(json), Files.readString(again), "same seed, same report");
  }

  @Test
  void idxImagesWithNormalizationGiveTheNpyResults() throws IOException {
    Tensor x = Npy.read(Cli.testdata("fashion_mnist/images_16.npy"));
    Tensor y = Npy.read(Cli.testdata("fashion_mnist/labels_16.npy"));
    int n = 16;
    ByteBuffer img = ByteBuffer.allocate(16 + n * 784).putInt(0x00000803).putInt(n).putInt(28).putInt(28);
    for (float v : x.floats()) {
      img.put((byte) Math.round((v * 0.3530 + 0.2860) * 255));
    }
    ByteBuffer lab = ByteBuffer.allocate(8 + n).putInt(0x00000801).putInt(n);
    for (long l : y.longs()) {
      lab.put((byte) l);
    }
    Path imgFile = dir.resolve("t10k-images-idx3-ubyte.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(imgFile))) {
      out.write(img.array());
    }
    Path labFile = Files.write(dir.resolve("t10k-labels-idx1-ubyte"), lab.array());

    Cli.Result idx = Cli.run("eval", mlp.toString(), "--images", imgFile.toString(), "--labels", labFile.toString(),
        "--normalize", "0.2860,0.3530", "--mode", "ideal");
    Cli.Result npy = Cli.run("eval", mlp.toString(), "--images", Cli.testdata("fashion_mnist/images_16.npy").toString(),
        "--labels", Cli.testdata("fashion_mnist/labels_16.npy").toString(), "--mode", "ideal");
    assertEquals(0, idx.code(), idx::toString);
    assertEquals(0, npy.code(), npy::toString);
    assertEquals(npy.out().lines().skip(1).limit(1).toList(), idx.out().lines().skip(1).limit(1).toList(),
        "same reference top-1");
  }

  @Test
  void badArgumentsAreReported() throws IOException {
    Cli.Result drift = Cli.run("eval", mlp.toString(), "--images", images.toString(), "--labels", labels.toString(),
        "--drift-time", "soon");
    assertEquals(2, drift.code(), drift::toString);
    Cli.Result chips = Cli.run("eval", mlp.toString(), "--images", images.toString(), "--labels", labels.toString(),
        "--chips", "0");
    assertEquals(2, chips.code(), chips::toString);
    Cli.Result norm = Cli.run("eval", mlp.toString(), "--images", images.toString(), "--labels", labels.toString(),
        "--normalize", "0.5,0");
    assertEquals(2, norm.code(), norm::toString);
    Cli.Result many = Cli.run("eval", mlp.toString(), "--images", images.toString(), "--labels", labels.toString(),
        "--samples", "1000");
    assertEquals(3, many.code(), many::toString);
    assertTrue(many.err().contains("--samples 1000 but only 256 labelled samples"), many::toString);

    Path wrongShape = dir.resolve("wrong.npy");
    Npy.write(wrongShape, Tensor.ofFloats(new long[] {4, 10, 10}, new float[400]));
    Cli.Result shape = Cli.run("eval", mlp.toString(), "--images", wrongShape.toString(), "--labels",
        labels.toString());
    assertEquals(3, shape.code(), shape::toString);
    assertTrue(shape.err().startsWith("ancc: error: " + wrongShape + ": data of shape [4,10,10] has 100 elements"
        + " per sample"), shape::toString);
    Path json = dir.resolve("never.json");
    assertFalse(Files.exists(json));
  }
}
