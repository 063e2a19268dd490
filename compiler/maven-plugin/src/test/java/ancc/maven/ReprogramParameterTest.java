package ancc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.compiler.driver.Options;
import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reprogram} mirrors {@code --reprogram}: into the options and the fingerprint; with
 * {@code scaleToFit} it is a parameter error.
 */
class ReprogramParameterTest {
  @TempDir
  Path dir;

  private CompileMojo mojo(Boolean reprogram, Boolean scaleToFit) {
    CompileMojo m = new CompileMojo();
    m.basedir = dir.toFile();
    m.cacheDir = new File(dir.toFile(), "cache");
    m.formats = "json";
    m.reprogram = reprogram;
    m.scaleToFit = scaleToFit;
    return m;
  }

  @Test
  void theParameterSetsTheOptionAndItsDefaultIsTheOptions() throws Exception {
    assertTrue(mojo(true, null).settings().options().reprogram());
    assertFalse(mojo(false, null).settings().options().reprogram());
    assertEquals(Options.defaults().reprogram(), mojo(null, null).settings().options().reprogram());
    assertFalse(Options.defaults().reprogram());
  }

  @Test
  void changingItChangesTheFingerprint() throws Exception {
    Fingerprint on = new Fingerprint();
    mojo(true, null).settings().fingerprint(on);
    Fingerprint off = new Fingerprint();
    mojo(false, null).settings().fingerprint(off);
    assertTrue(on.text().contains("reprogram=true\n"), on.text());
    assertFalse(on.text().equals(off.text()));
  }

  @Test
  void withScaleToFitItIsAParameterError() {
    Exception e = assertThrows(ParameterException.class, () -> mojo(true, true).settings());
    assertTrue(e.getMessage().contains("--scale-to-fit and --reprogram exclude each other"), e::getMessage);
  }
}
