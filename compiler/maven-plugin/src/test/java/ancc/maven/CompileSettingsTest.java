package ancc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ancc.compiler.eval.Dataset;
import ancc.runtime.sim.SimOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompileSettingsTest {
  @Test
  void budgetNeedsAPercentSign() {
    assertEquals(1.0, CompileSettings.parseBudget("1%"), 1e-12);
    assertEquals(0.5, CompileSettings.parseBudget(" 0.5 % "), 1e-12);
    assertNull(CompileSettings.parseBudget(" "));
    ParameterException e = assertThrows(ParameterException.class, () -> CompileSettings.parseBudget("1"));
    assertEquals("budget '1' is not a percentage: write it with a percent sign, e.g. '1%'", e.getMessage());
    assertThrows(ParameterException.class, () -> CompileSettings.parseBudget("150%"));
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
}
