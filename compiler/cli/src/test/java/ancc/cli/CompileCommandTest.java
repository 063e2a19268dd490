package ancc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.text.IrFiles;
import ancc.ir.program.Program;
import ancc.ir.program.ProgramVerifier;
import ancc.ir.program.TileKind;
import ancc.ir.program.text.ProgramFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ancc compile}: outputs, summary, and the exit codes of its failures. */
class CompileCommandTest {

  private static String model(String name) {
    return Cli.testdata("models/" + name + ".onnx").toString();
  }

  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** A copy of the ir tests' small chip with one crossbar per memristor tile (2 in all). */
  static Path tinyChip(Path dir) throws IOException {
    String yaml = Files.readString(Cli.repoRoot().resolve("ir/src/test/resources/chips/small.yaml"),
        StandardCharsets.UTF_8);
    assertTrue(yaml.contains("arrays_per_tile: 4"));
    Path chip = dir.resolve("tiny.yaml");
    Files.writeString(chip, yaml.replace("arrays_per_tile: 4", "arrays_per_tile: 1").replace("name: small",
        "name: tiny"), StandardCharsets.UTF_8);
    return chip;
  }

  @Test
  void writesTheFourFilesAndPrintsTheSummary(@TempDir Path tmp) {
    Path out = tmp.resolve("out");
    Cli.Result r = Cli.run("compile", model("lenet"), "--placement", "all-memristor", "-o", out.toString());
    assertEquals(0, r.code(), r::toString);
    assertEquals(List.of("lenet.air", "lenet.air.bin", "lenet.xbp", "lenet.xbp.bin"), assertListing(out));
    List<String> lines = r.out().lines().toList();
    assertEquals("lenet.onnx on chip default, placement all-memristor, calibration synthetic (64 samples, seed 0)",
        lines.get(0));
    assertTrue(lines.get(1).matches("layer +op +tile +arrays +util +tiles"), lines.get(1));
    assertTrue(lines.contains("/conv1/Conv  conv                 memristor      1   0.9%  0"), r::toString);
    assertTrue(lines.contains("/Relu        relu                 digital        -      -  32"), r::toString);
    assertTrue(lines.contains("memristor arrays: 9 of 128 crossbars of 256x256 used, cell utilization 41.7%"),
        r::toString);
    assertTrue(lines.contains("sram arrays:      0 of 512 SRAM macros of 64x64 used"), r::toString);
    assertTrue(lines.contains("tiles used:       3 of 36 (memristor 2/16, sram 0/16, digital 1/4)"), r::toString);
    assertTrue(lines.contains("instructions:     59"), r::toString);
    long programBytes = assertSize(out.resolve("lenet.xbp")) + assertSize(out.resolve("lenet.xbp.bin"));
    assertTrue(lines.contains("program:          " + programBytes + " bytes (.xbp + .xbp.bin)"), r::toString);
    assertTrue(lines.stream().anyMatch(l -> l.matches("mesh traffic: +[1-9]\\d* byte-hops per inference .*")),
        r::toString);
    assertEquals("ancc: wrote " + out + ": lenet.air.bin, lenet.air, lenet.xbp.bin, lenet.xbp", r.err().strip());

    Module m = IrFiles.read(out.resolve("lenet.air"));
    for (Node n : m.nodes()) {
      assertTrue(n.placement() != null, n.describe());
    }
    assertTrue(m.nodes().stream().anyMatch(n -> n.placement().single() == TileKind.MEMRISTOR));
    Program p = ProgramFiles.read(out.resolve("lenet.xbp"));
    assertEquals(List.of(), ProgramVerifier.check(p));
    assertEquals(9, p.arrays().size());
  }

  private static long assertSize(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new AssertionError(file + " is missing", e);
    }
  }

  private static List<String> assertListing(Path dir) {
    try {
      return listing(dir);
    } catch (IOException e) {
      throw new AssertionError(dir + " cannot be listed", e);
    }
  }

  @Test
  void everyPlacementAndACalibrationFile(@TempDir Path tmp) {
    for (String placement : List.of("all-sram", "ALL-DIGITAL")) {
      Path out = tmp.resolve(placement);
      Cli.Result r = Cli.run("compile", model("mlp"), "--placement", placement, "--calib",
          Cli.testdata("fashion_mnist/images_16.npy").toString(), "-o", out.toString());
      assertEquals(0, r.code(), r::toString);
      assertTrue(r.out().contains("placement " + placement.toLowerCase(java.util.Locale.ROOT)), r::toString);
      assertTrue(r.out().contains("images_16.npy"), r::toString);
      assertTrue(Files.exists(out.resolve("mlp.xbp")) && Files.exists(out.resolve("mlp.air")), r::toString);
    }
  }

  @Test
  void modelTooLargeExitsFourWithNeedAndHaveAndLeavesNoFiles(@TempDir Path tmp) throws IOException {
    Path chip = tinyChip(tmp);
    Path fresh = tmp.resolve("new/out");
    Cli.Result r = Cli.run("compile", model("mlp"), "--chip", chip.toString(), "--placement", "all-memristor", "-o",
        fresh.toString());
    assertEquals(4, r.code(), r::toString);
    assertEquals(1, r.errLines().size(), r::toString);
    assertTrue(r.err().matches("ancc: error: .*needs \\d+ crossbars of 64x32 \\(.*\\), chip has 2 \\(2 tiles\\);"
        + " --scale-to-fit grows the chip's tile counts to the model"
        + ", --reprogram reprograms its arrays between layer groups within an inference\\s*"), r::toString);
    assertEquals("", r.out());
    assertFalse(Files.exists(tmp.resolve("new")), "no output folder is created");

    Path existing = Files.createDirectories(tmp.resolve("existing"));
    Cli.Result again = Cli.run("compile", model("mlp"), "--chip", chip.toString(), "--placement", "all-memristor",
        "-o", existing.toString());
    assertEquals(4, again.code(), again::toString);
    assertEquals(List.of(), listing(existing));
  }

  @Test
  void buffersTooSmallExitFourNamingTheTile(@TempDir Path tmp) throws IOException {
    String yaml = Files.readString(tinyChip(tmp), StandardCharsets.UTF_8);
    assertTrue(yaml.contains("size: 16KiB"));
    Path chip = tmp.resolve("tiny-buffer.yaml");
    Files.writeString(chip, yaml.replace("size: 16KiB", "size: 256B"), StandardCharsets.UTF_8);
    Path out = tmp.resolve("out");
    Cli.Result r = Cli.run("compile", model("mlp"), "--chip", chip.toString(), "--placement", "all-digital",
        "-o", out.toString());
    assertEquals(4, r.code(), r::toString);
    assertEquals(1, r.errLines().size(), r::toString);
    // 912 bytes: the tiny chip's digital tiles hold int8 activations (its precision)
    assertEquals("ancc: error: mlp does not fit chip tiny: tile 4 (digital) needs 912 bytes of buffer, has 256;"
        + " --scale-to-fit grows the chip's tile counts to the model", r.err().strip());
    assertFalse(Files.exists(out));
  }

  @Test
  void badChipFileExitsThree(@TempDir Path tmp) throws IOException {
    Path chip = tmp.resolve("bad.yaml");
    Files.writeString(chip, "name: bad\nfrobnicate: 3\n", StandardCharsets.UTF_8);
    Path out = tmp.resolve("out");
    Cli.Result r = Cli.run("compile", model("mlp"), "--chip", chip.toString(), "-o", out.toString());
    assertEquals(3, r.code(), r::toString);
    assertEquals(1, r.errLines().size(), r::toString);
    assertTrue(r.err().startsWith("ancc: error: " + chip), r::toString);
    assertFalse(Files.exists(out));
  }

  @Test
  void brokenModelExitsThree(@TempDir Path tmp) throws IOException {
    Path bad = tmp.resolve("half.onnx");
    byte[] full = Files.readAllBytes(Path.of(model("mlp")));
    Files.write(bad, java.util.Arrays.copyOf(full, full.length / 2));
    Cli.Result r = Cli.run("compile", bad.toString(), "-o", tmp.resolve("out").toString());
    assertEquals(3, r.code(), r::toString);
    assertTrue(r.err().startsWith("ancc: error: " + bad), r::toString);
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  @Test
  void unknownPlacementIsAUsageError() {
    Cli.Result r = Cli.run("compile", model("mlp"), "--placement", "all-gpu");
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("expected one of auto, auto-greedy, all-memristor, all-sram, all-digital,"
        + " first-last-digital but was 'all-gpu'"), r::toString);
    assertTrue(r.err().contains("Usage: ancc compile"), r::toString);
    assertEquals("", r.out());
  }

  @Test
  void helpListsTheOptions() {
    Cli.Result r = Cli.run("compile", "--help");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("Usage: ancc compile"), r::toString);
    for (String s : List.of("--chip=NAME|FILE", "--placement=STRATEGY", "auto-greedy", "first-last-digital",
        "--output-dir=DIR", "--print-after=STEP", "--timings", "--budget=PCT", "--calib=FILE", "--calib-labels=FILE",
        "--calib-samples=N", "--granularity=G")) {
      assertTrue(r.out().contains(s), s + " in\n" + r.out());
    }
    assertTrue(Cli.run("--help").out().contains("4 model does not fit the chip"));
  }
}
