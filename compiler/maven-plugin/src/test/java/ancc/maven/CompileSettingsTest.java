package ancc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.compiler.eval.Dataset;
import ancc.runtime.sim.SimOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompileSettingsTest {
  @Test
  void budgetTakesTheCliSpellingsInPercentPoints() {
    assertEquals(1.0, CompileSettings.parseBudget("1%"), 1e-12);
    assertEquals(0.5, CompileSettings.parseBudget(" 0.5 % "), 1e-12);
    assertEquals(1.0, CompileSettings.parseBudget("1"), 1e-12);
    assertNull(CompileSettings.parseBudget(" "));
    ParameterException e = assertThrows(ParameterException.class, () -> CompileSettings.parseBudget("lots"));
    assertEquals("budget 'lots' is not a top-1 drop such as '1%' or '0.5'", e.getMessage());
    assertThrows(ParameterException.class, () -> CompileSettings.parseBudget("150%"));
    assertThrows(ParameterException.class, () -> CompileSettings.parseBudget("101"));
  }

  @Test
  void normalizeIsMeanCommaStd() {
    assertEquals(new Dataset.Normalize(0.286, 0.353), CompileSettings.parseNormalize("0.286, 0.353"));
    assertNull(CompileSettings.parseNormalize(null));
    assertThrows(ParameterException.class, () -> CompileSettings.parseNormalize("0.286"));
    assertThrows(ParameterException.class, () -> CompileSettings.parseNormalize("0.2,0"));
    assertThrows(ParameterException.class, () -> CompileSettings.parseNormalize("a,b"));
  }

  @Test
  void modeAndFormats() {
    assertEquals(SimOptions.Mode.IDEAL, CompileSettings.parseMode("Ideal"));
    assertEquals(SimOptions.Mode.ANALOG, CompileSettings.parseMode("analog"));
    assertThrows(ParameterException.class, () -> CompileSettings.parseMode("digital"));
    assertEquals(List.of("json"), CompileSettings.parseFormats("JSON, json"));
    ParameterException html = assertThrows(ParameterException.class,
        () -> CompileSettings.parseFormats("json,html"));
    assertEquals("formats: unknown report format 'html' (this version writes: json)", html.getMessage());
    assertThrows(ParameterException.class, () -> CompileSettings.parseFormats(""));
  }

  @Test
  void driftTimeTakesTheCliSpellings() {
    assertEquals(3600, CompileSettings.parseDuration("1h", "driftTime"), 1e-9);
    assertEquals(600, CompileSettings.parseDuration("10 min", "driftTime"), 1e-9);
    assertEquals(86400, CompileSettings.parseDuration("1d", "driftTime"), 1e-9);
    assertEquals(0, CompileSettings.parseDuration("0", "driftTime"), 0);
    ParameterException e = assertThrows(ParameterException.class,
        () -> CompileSettings.parseDuration("soon", "driftTime"));
    assertTrue(e.getMessage().startsWith("driftTime 'soon' is not a duration"), e.getMessage());
    assertThrows(ParameterException.class, () -> CompileSettings.parseDuration("-1h", "driftTime"));
    assertThrows(ParameterException.class, () -> CompileSettings.parseDuration("5", "driftTime"));
  }
}
