package ancc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.compiler.driver.Options;
import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scaleToFit} mirrors {@code --scale-to-fit}: into the options, and into the build's fingerprint. */
class ScaleToFitParameterTest {
  @TempDir
  Path dir;

  private CompileMojo mojo(Boolean scaleToFit) {
    CompileMojo m = new CompileMojo();
    m.basedir = dir.toFile();
    m.cacheDir = new File(dir.toFile(), "cache");
    m.formats = "json";
    m.scaleToFit = scaleToFit;
    return m;
  }

  @Test
  void theParameterSetsTheOptionAndItsDefaultIsTheOptions() throws Exception {
    assertTrue(mojo(true).settings().options().scaleToFit());
    assertFalse(mojo(false).settings().options().scaleToFit());
    assertEquals(Options.defaults().scaleToFit(), mojo(null).settings().options().scaleToFit());
    assertFalse(Options.defaults().scaleToFit());
  }

  @Test
  void changingItChangesTheFingerprint() throws Exception {
    Fingerprint on = new Fingerprint();
    mojo(true).settings().fingerprint(on);
    Fingerprint off = new Fingerprint();
    mojo(false).settings().fingerprint(off);
    assertNotEquals(on.text(), off.text());
    assertTrue(on.text().contains("scaleToFit=true\n"), on.text());
  }
}
