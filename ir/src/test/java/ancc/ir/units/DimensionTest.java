package ancc.ir.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.chip.Quantities;
import ancc.ir.chip.Quantities.DataSize;
import java.math.BigDecimal;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Unit strings: parsing to SI, canonical formatting, and the errors. */
class DimensionTest {

  @ParameterizedTest(name = "{0} {1} = {2}")
  @CsvSource({
      "ENERGY, 1.67pJ, 1.67e-12",
      "ENERGY, 21fJ, 2.1e-14",
      "ENERGY, 12.48nJ, 1.248e-8",
      "ENERGY, 3 uJ, 3e-6",
      "ENERGY, 0pJ, 0",
      "TIME, 10ns, 1e-8",
      "TIME, 300ps, 3e-10",
      "TIME, 2us, 2e-6",
      "TIME, 2µs, 2e-6",
      "TIME, 4ms, 4e-3",
      "TIME, 300s, 300",
      "POWER, 0.3mW, 3e-4",
      "POWER, 39uW, 3.9e-5",
      "POWER, 2W, 2",
      "CONDUCTANCE, 40uS, 4e-5",
      "CONDUCTANCE, 500nS, 5e-7",
      "CONDUCTANCE, 1mS, 1e-3",
      "CONDUCTANCE, -8.481uS, -8.481e-6",
      "AREA, 1200um2, 1.2e-9",
      "AREA, 0.083mm2, 8.3e-8",
      "VOLTAGE, 0.2V, 0.2",
      "VOLTAGE, 550mV, 0.55",
      "FREQUENCY, 1GHz, 1e9",
      "FREQUENCY, 100MHz, 1e8",
      "FREQUENCY, 1.2GHz, 1.2e9",
      "ENERGY, 1e3pJ, 1e-9",
  })
  void parsesToSi(Dimension d, String text, double si) {
    assertEquals(si, d.parse(text), Math.abs(si) * 1e-15);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "ENERGY | 1.67 | expected an energy such as 1.67pJ, got '1.67' (no unit)",
      "ENERGY | 1.67pW | expected an energy such as 1.67pJ, got '1.67pW' (unit 'pW' is not one of [J, mJ, uJ, nJ, pJ, fJ, aJ])",
      "ENERGY | pJ | expected an energy such as 1.67pJ, got 'pJ'",
      "TIME | 10 nanoseconds | expected a time such as 10ns, got '10 nanoseconds' (unit 'nanoseconds' is not one of [s, ms, us, ns, ps])",
      "POWER | 1.2.3mW | expected a power such as 0.3mW, got '1.2.3mW' (bad number)",
      "CONDUCTANCE | 40us | expected a conductance such as 40uS, got '40us' (unit 'us' is not one of [S, mS, uS, nS, pS])",
      "AREA | 1200um | expected an area such as 1200um2, got '1200um' (unit 'um' is not one of [mm2, um2])",
      "VOLTAGE | 0.2v | expected a voltage such as 0.2V, got '0.2v' (unit 'v' is not one of [V, mV, uV])",
      "FREQUENCY | 1Ghz | expected a frequency such as 1GHz, got '1Ghz' (unit 'Ghz' is not one of [GHz, MHz, kHz, Hz])",
  })
  void rejectsMissingOrWrongUnits(Dimension d, String text, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.parse(text));
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "ENERGY, 1.67e-12, 1.67pJ",
      "ENERGY, 3.9e-14, 0.039pJ",
      "ENERGY, 1.248e-8, 12480pJ",
      "ENERGY, 2e-3, 2mJ",
      "ENERGY, 1e-16, 100aJ",
      "ENERGY, 0, 0pJ",
      "TIME, 300, 300s",
      "TIME, 8.33e-10, 0.833ns",
      "TIME, 1e-13, 0.1ps",
      "POWER, 5e-4, 0.5mW",
      "CONDUCTANCE, -8.481e-6, -8.481uS",
      "AREA, 8.3e-8, 83000um2",
      "AREA, 2e-6, 2mm2",
      "AREA, 6.2e-7, 620000um2",
      "VOLTAGE, 0.2, 0.2V",
      "FREQUENCY, 1e9, 1GHz",
      "FREQUENCY, 1e8, 0.1GHz",
  })
  void formatsInPreferredUnits(Dimension d, double si, String text) {
    assertEquals(text, d.format(si));
  }

  @Test
  void formatThenParseIsExactForAnyDouble() {
    Random r = new Random(42);
    for (Dimension d : Dimension.values()) {
      if (d == Dimension.BYTES) {
        continue;  // whole numbers only: formatsSizesInTheLargestExactBinaryUnit
      }
      for (int i = 0; i < 2000; i++) {
        double x = (r.nextDouble() - 0.3) * Math.pow(10, -15 + r.nextInt(24));
        String text = d.format(x);
        assertEquals(x, d.parse(text), () -> d + " " + text);
      }
    }
  }

  @ParameterizedTest(name = "{0} = {1} bytes")
  @CsvSource({"64KiB, 65536", "2MiB, 2097152", "512B, 512", "2KB, 2000", "3MB, 3000000", "1GiB, 1073741824",
      "16 KiB, 16384"})
  void parsesSizes(String text, long bytes) {
    assertEquals(bytes, DataSize.parse(text).bytes());
  }

  @Test
  void formatsSizesInTheLargestExactBinaryUnit() {
    assertEquals("64KiB", new DataSize(65536).toString());
    assertEquals("2MiB", new DataSize(2 << 20).toString());
    assertEquals("2000B", new DataSize(2000).toString());
    assertEquals("0B", new DataSize(0).toString());
  }

  @Test
  void rejectsBadSizes() {
    assertEquals("expected a size such as 64KiB, got '64' (no unit)",
        assertThrows(IllegalArgumentException.class, () -> DataSize.parse("64")).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DataSize.parse("1.5KiB")).getMessage()
        .startsWith("expected a size such as 64KiB, got '1.5KiB'"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DataSize.parse("99999999999999999GiB"))
        .getMessage().endsWith("(too large)"));
  }

  @Test
  void typedQuantitiesConvert() {
    assertEquals(1.67, Quantities.Energy.parse("1.67pJ").pj(), 1e-12);
    assertEquals(40, Quantities.Conductance.parse("40uS").us(), 1e-9);
    assertEquals(1200, Quantities.Area.parse("1200um2").um2(), 1e-9);
    assertEquals(1e-9, Quantities.Frequency.parse("1GHz").period().seconds(), 1e-24);
    assertEquals(0.3, Quantities.Power.parse("300uW").mw(), 1e-12);
    assertEquals(10, Quantities.Time.parse("10ns").ns(), 1e-9);
  }

  @ParameterizedTest(name = "{0} {1} = {2}")
  @CsvSource({
      "TIME, 10min, 600",
      "TIME, 2 Days, 172800",
      "TIME, 1H, 3600",
      "TIME, 1week, 604800",
      "TIME, 250 MS, 0.25",
      "ENERGY, 500 NJ, 5e-7",
      "ENERGY, 2 µJ, 2e-6",
      "FRACTION, 0.5%, 0.005",
      "FRACTION, 0.85, 0.85",
  })
  void looseSpellingIgnoresCaseAndTakesWords(Dimension d, String text, double si) {
    assertEquals(si, d.read(text, Dimension.Spelling.LOOSE).si(), Math.abs(si) * 1e-15);
  }

  @Test
  void symbolSpellingTakesOnlyTheSiSymbols() {
    assertEquals(UnitException.Problem.UNKNOWN_UNIT,
        assertThrows(UnitException.class, () -> Dimension.TIME.parse("10min")).problem());
    assertEquals(UnitException.Problem.UNKNOWN_UNIT,
        assertThrows(UnitException.class, () -> Dimension.TIME.parse("1H")).problem());
    assertEquals(600, Dimension.TIME.read("10 min", Dimension.Spelling.LOOSE).si());
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource({
      "ENERGY, pJ, NO_NUMBER, pJ",
      "ENERGY, lots, NO_NUMBER, lots",
      "POWER, 1.2.3mW, BAD_NUMBER, mW",
      "TIME, 5, NO_UNIT, ''",
      "TIME, 3 fortnights, UNKNOWN_UNIT, fortnights",
      "BYTES, 1.5KiB, NOT_WHOLE, KiB",
      "ENERGY, 1e999pJ, TOO_LARGE, pJ",
  })
  void problemsSayWhichPartIsWrong(Dimension d, String text, UnitException.Problem problem, String unit) {
    UnitException e = assertThrows(UnitException.class, () -> d.read(text, Dimension.Spelling.LOOSE));
    assertEquals(problem, e.problem());
    assertEquals(unit, e.unitText());
    assertEquals(text, e.text());
  }

  @Test
  void theNumberIsKnownWhenOnlyTheUnitIsWrong() {
    UnitException e = assertThrows(UnitException.class, () -> Dimension.TIME.parse("0"));
    assertEquals(0, e.number().orElseThrow().signum());
    assertTrue(assertThrows(UnitException.class, () -> Dimension.TIME.parse("x")).number().isEmpty());
  }

  @Test
  void readingsConvertExactlyBetweenUnits() {
    Reading r = Dimension.ENERGY.read("500 nJ", Dimension.Spelling.LOOSE);
    assertEquals(0.5, r.in(Dimension.ENERGY.unit("uJ")));
    assertEquals("nJ", r.unit().symbol());
    assertEquals(new BigDecimal("500"), r.number());
    assertEquals(90, Dimension.TIME.read("1.5min", Dimension.Spelling.LOOSE).si());
    assertEquals(3 << 20, Dimension.BYTES.read("3MiB", Dimension.Spelling.SYMBOL).bytes());
  }

  @Test
  void patternsMatchWhatTheParserTakesInSymbols() {
    Random r = new Random(7);
    for (Dimension d : Dimension.values()) {
      if (d == Dimension.BYTES || d == Dimension.FRACTION) {
        continue;
      }
      Pattern unsigned = Pattern.compile(d.pattern(false));
      Pattern signed = Pattern.compile(d.pattern(true));
      for (int i = 0; i < 200; i++) {
        double x = r.nextDouble() * Math.pow(10, -15 + r.nextInt(24));
        assertTrue(unsigned.matcher(d.format(x)).matches(), d + " " + d.format(x));
        assertTrue(signed.matcher(d.format(-x)).matches(), d + " " + d.format(-x));
        assertFalse(unsigned.matcher(d.format(-x)).matches(), d + " " + d.format(-x));
      }
      for (String s : d.symbols()) {
        assertTrue(unsigned.matcher(" 1.5e3 " + s).matches(), s);
        assertFalse(unsigned.matcher("1.5").matches());
      }
    }
    assertTrue(Pattern.compile(Dimension.BYTES.pattern(false)).matcher("64KiB").matches());
    assertFalse(Pattern.compile(Dimension.BYTES.pattern(false)).matcher("1.5e3KiB").matches());
    assertTrue(Pattern.compile(Dimension.CONDUCTANCE.pattern(false)).matcher("40µS").matches());
  }
}
