package ancc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GatesTest {
  private static final ModelMetrics MLP = new ModelMetrics("mlp", 0.0978388, 3.849, 0.8633, 0.8125, 256, 3);

  @Test
  void energyUnitsConvertToMicrojoules() {
    assertEquals(2, Quantity.energy("2 uJ", "e").value(), 1e-12);
    assertEquals(0.5, Quantity.energy("500nJ", "e").value(), 1e-12);
    assertEquals(1.5e-6, Quantity.energy("1.5 pJ", "e").value(), 1e-18);
    assertEquals(3000, Quantity.energy("3 mJ", "e").value(), 1e-9);
    assertEquals(1e6, Quantity.energy("1 J", "e").value(), 1e-6);
    assertEquals(2, Quantity.energy("2 µJ", "e").value(), 1e-12);
    assertEquals(0.2, Quantity.energy("2e-1 UJ", "e").value(), 1e-12);
  }

  @Test
  void durationUnitsConvertToMicroseconds() {
    assertEquals(150, Quantity.duration("150 us", "t").value(), 1e-12);
    assertEquals(1000, Quantity.duration("1 ms", "t").value(), 1e-12);
    assertEquals(0.25, Quantity.duration("250ns", "t").value(), 1e-12);
    assertEquals(2e6, Quantity.duration("2 s", "t").value(), 1e-6);
  }

  @Test
  void accuracyIsAPercentageOrAFraction() {
    assertEquals(0.85, Quantity.fraction("85%", "a").value(), 1e-12);
    assertEquals(0.005, Quantity.fraction("0.5 %", "a").value(), 1e-12);
    assertEquals(0.85, Quantity.fraction("0.85", "a").value(), 1e-12);
    assertEquals(1, Quantity.fraction("1", "a").value(), 1e-12);
  }

  @Test
  void badValuesNameTheParameterAndTheValue() {
    ParameterException noUnit = assertThrows(ParameterException.class,
        () -> Gates.parse(null, null, "2", null));
    assertEquals("maxEnergyPerInference '2' is not an energy: give a unit, e.g. '2 uJ' or '500 nJ'",
        noUnit.getMessage());
    ParameterException badUnit = assertThrows(ParameterException.class,
        () -> Gates.parse(null, null, null, "3 fortnights"));
    assertTrue(badUnit.getMessage().startsWith("maxLatency '3 fortnights' is not a duration: unknown unit"),
        badUnit.getMessage());
    ParameterException ambiguous = assertThrows(ParameterException.class,
        () -> Gates.parse("85", null, null, null));
    assertEquals("minAccuracy '85' is not an accuracy: a bare number must be a fraction from 0 to 1; write '85%'"
        + " for a percentage", ambiguous.getMessage());
    assertThrows(ParameterException.class, () -> Gates.parse(null, "-1%", null, null));
    assertThrows(ParameterException.class, () -> Gates.parse("120%", null, null, null));
    assertThrows(ParameterException.class, () -> Gates.parse(null, null, "lots", null));
    assertThrows(ParameterException.class, () -> Quantity.energy("2 uJ extra", "e"));
    assertThrows(ParameterException.class, () -> Quantity.energy("1e999 uJ", "e"));
  }

  @Test
  void passingGatesSayWhy() {
    Gates g = Gates.parse("80%", "6%", "2 uJ", "1 ms");
    List<Gates.Result> r = g.check(MLP);
    assertEquals(4, r.size());
    assertTrue(r.stream().allMatch(Gates.Result::passed));
    assertEquals("mlp: energy per inference 0.09784 uJ is within maxEnergyPerInference 2 uJ", r.get(2).message());
    assertEquals("mlp: latency 0.003849 ms is within maxLatency 1 ms", r.get(3).message());
  }

  @Test
  void failedGatesNameModelMeasuredValueAndLimit() {
    Gates g = Gates.parse("90%", "2%", "50 nJ", "2 us");
    List<Gates.Result> r = g.check(MLP);
    assertTrue(r.stream().noneMatch(Gates.Result::passed));
    assertEquals("mlp: accuracy 81.25% is below minAccuracy 90% (256 samples, 3 chips)", r.get(0).message());
    assertEquals("mlp: accuracy drop 5.08 points (reference 86.33%, simulated 81.25%) exceeds maxAccuracyDrop 2%"
        + " (256 samples, 3 chips)", r.get(1).message());
    assertEquals("mlp: energy per inference 97.84 nJ exceeds maxEnergyPerInference 50 nJ", r.get(2).message());
    assertEquals("mlp: latency 3.849 us exceeds maxLatency 2 us", r.get(3).message());
  }

  @Test
  void limitsAreInclusive() {
    ModelMetrics m = new ModelMetrics("m", 2, 150, 0.9, 0.9, 16, 1);
    assertTrue(Gates.parse("90%", "0%", "2 uJ", "150 us").check(m).stream().allMatch(Gates.Result::passed));
  }

  @Test
  void accuracyGatesWithoutEvaluationDataFail() {
    ModelMetrics noEval = new ModelMetrics("lenet", 1, 1, null, null, 0, 0);
    List<Gates.Result> r = Gates.parse("80%", null, "2 uJ", null).check(noEval);
    assertEquals(2, r.size());
    assertFalse(r.get(0).passed());
    assertEquals("lenet: minAccuracy is set but there is no accuracy to check: give images and labels to"
        + " ancc:compile", r.get(0).message());
    assertTrue(r.get(1).passed());
  }

  @Test
  void unsetGatesAreEmpty() {
    assertTrue(Gates.parse(null, " ", "", null).isEmpty());
    assertTrue(Gates.parse(null, null, null, null).check(MLP).isEmpty());
  }
}
