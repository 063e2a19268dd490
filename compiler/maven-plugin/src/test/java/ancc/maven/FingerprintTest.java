package ancc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTest {
  @TempDir
  Path dir;

  private Fingerprint of(Path model, String placement) throws Exception {
    return new Fingerprint().add("ancc", "1.0").addFile("model", model).add("placement", placement)
        .addFile("images", null);
  }

  @Test
  void sameInputsGiveTheSameFingerprint() throws Exception {
    Path model = Files.write(dir.resolve("m.onnx"), new byte[] {1, 2, 3});
    Fingerprint a = of(model, "all-sram");
    a.write(dir.resolve("fp"));
    assertEquals(List.of(), of(model, "all-sram").changedSince(Fingerprint.read(dir.resolve("fp"))));
    assertEquals(a.text(), Files.readString(dir.resolve("fp")));
  }

  @Test
  void changedBytesOrSettingsAreNamed() throws Exception {
    Path model = Files.write(dir.resolve("m.onnx"), new byte[] {1, 2, 3});
    Map<String, String> stored = Fingerprint.parse(of(model, "all-sram").text());
    Files.write(model, new byte[] {1, 2, 4});
    assertEquals(List.of("model"), of(model, "all-sram").changedSince(stored));
    assertEquals(List.of("model", "placement"), of(model, "all-digital").changedSince(stored));
  }

  @Test
  void nothingStoredMeansEverythingChanged() throws Exception {
    Path model = Files.write(dir.resolve("m.onnx"), new byte[] {1});
    Map<String, String> none = Fingerprint.read(dir.resolve("absent"));
    assertTrue(none.isEmpty());
    assertEquals(4, of(model, "x").changedSince(none).size());
  }

  @Test
  void fileHashIsSha256OfTheBytes() throws Exception {
    Path f = Files.writeString(dir.resolve("abc"), "abc");
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Fingerprint.sha256(f));
    assertNotEquals(Fingerprint.sha256(f), Fingerprint.sha256(Files.writeString(dir.resolve("abd"), "abd")));
  }

  @Test
  void keysAreUnique() {
    Fingerprint f = new Fingerprint().add("a", 1);
    assertThrows(IllegalArgumentException.class, () -> f.add("a", 2));
    assertThrows(IllegalArgumentException.class, () -> f.add("b=c", 2));
  }

  @Test
  void valuesWithNewlinesStayOneLine() {
    String text = new Fingerprint().add("k", "x\ny").add("n", null).text();
    assertEquals(Map.of("k", "x\\ny", "n", "-"), Fingerprint.parse(text));
  }
}
