package ancc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ancc chips}: the preset list, {@code --show}, and bad chip files (exit 3, one line). */
class ChipsCommandTest {

  @TempDir
  Path dir;

  @Test
  void listsEveryPresetWithDescriptionAndTiles() {
    Cli.Result r = Cli.run("chips");
    assertEquals(0, r.code(), r::toString);
    assertEquals("", r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(2 * Chips.presetNames().size(), lines.size(), r::toString);
    for (int i = 0; i < Chips.presetNames().size(); i++) {
      String name = Chips.presetNames().get(i);
      Chip chip = Chips.preset(name);
      assertTrue(lines.get(2 * i).startsWith(name + " "), r::toString);
      assertTrue(lines.get(2 * i).endsWith(chip.description()), r::toString);
      assertTrue(lines.get(2 * i + 1).contains(chip.tileSummary()), r::toString);
    }
    assertTrue(r.out().contains("16 memristor (128 crossbars 256x256), 16 sram (512 macros 64x64), 4 digital; 6x6 mesh"),
        r::toString);
  }

  @Test
  void showPrintsTheCanonicalYamlOfAPreset() {
    Cli.Result r = Cli.run("chips", "--show", "hermes-pcm");
    assertEquals(0, r.code(), r::toString);
    assertEquals(Chips.preset("hermes-pcm").canonicalYaml(), r.out());
    assertEquals("", r.err());
  }

  @Test
  void showReadsAFileAndItsOutputParsesBack() throws IOException {
    String text = Chips.preset("neurram").canonicalYaml().replace("name: \"neurram\"", "name: \"my-chip\"");
    Path file = Files.writeString(dir.resolve("my-chip.yaml"), "# my chip\n" + text, StandardCharsets.UTF_8);
    Cli.Result r = Cli.run("chips", "--show", file.toString());
    assertEquals(0, r.code(), r::toString);
    assertEquals(text, r.out());
    assertEquals(Chips.load(file), Chips.parse(r.out(), "stdout"));
  }

  private static String invalid(String... args) {
    Cli.Result r = Cli.run(args);
    assertEquals(3, r.code(), r::toString);
    assertEquals("", r.out(), r::toString);
    assertEquals(1, r.errLines().size(), r::toString);
    assertTrue(r.errLines().get(0).startsWith("ancc: error: "), r::toString);
    return r.errLines().get(0);
  }

  @Test
  void badChipFileExitsThreeWithKeyAndLine() throws IOException {
    String text = Chips.preset("default").canonicalYaml().replace("      bits: 8\n      columns_per_adc: 8\n",
        "      bits: 17\n      columns_per_adc: 8\n");
    Path file = Files.writeString(dir.resolve("bad.yaml"), text, StandardCharsets.UTF_8);
    int line = text.lines().toList().indexOf("      bits: 17") + 1;
    assertEquals("ancc: error: " + file + ":" + line + ":13: key 'tiles[0].adc.bits': must be between 1 and 16, got 17",
        invalid("chips", "--show", file.toString()));
  }

  @Test
  void unknownPresetAndMissingFileExitThree() {
    assertTrue(invalid("chips", "--show", "tpu").contains("unknown chip 'tpu'"));
    Path missing = dir.resolve("nope.yml");
    assertEquals("ancc: error: " + missing + ": no such file", invalid("chips", "--show", missing.toString()));
  }

  @Test
  void helpExitsZero() {
    Cli.Result r = Cli.run("chips", "--help");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("Usage: ancc chips"), r::toString);
  }
}
