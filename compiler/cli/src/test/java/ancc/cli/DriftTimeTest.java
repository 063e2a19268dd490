package ancc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** Parsing and printing of {@code --drift-time} durations. */
class DriftTimeTest {

  @Test
  void parsesUnits() {
    assertEquals(0, DriftTime.seconds("0"));
    assertEquals(1, DriftTime.seconds("1s"));
    assertEquals(0.25, DriftTime.seconds("250ms"));
    assertEquals(600, DriftTime.seconds("10min"));
    assertEquals(5400, DriftTime.seconds("1.5h"));
    assertEquals(86_400, DriftTime.seconds("1d"));
    assertEquals(2 * 86_400, DriftTime.seconds("2 days"));
    assertEquals(604_800, DriftTime.seconds("1week"));
    assertEquals(31_536_000, DriftTime.seconds("1y"));
    assertEquals(1000, DriftTime.seconds("1e3s"));
    assertEquals(3600, DriftTime.seconds("1H"));
  }

  @Test
  void rejectsWhatIsNotADuration() {
    for (String bad : new String[] {"", "h", "-1h", "5", "1 fortnight", "1.2.3s", "1h30min", "nan"}) {
      assertThrows(TypeConversionException.class, () -> DriftTime.seconds(bad), bad);
    }
    assertEquals("'5' has no unit (use s, min, h, d or week, e.g. 5s)",
        assertThrows(TypeConversionException.class, () -> DriftTime.seconds("5")).getMessage());
    assertEquals("'1 fortnight': unknown time unit 'fortnight' (units: ms, s, min, h, d, week, year)",
        assertThrows(TypeConversionException.class, () -> DriftTime.seconds("1 fortnight")).getMessage());
    assertEquals("'-1h' is not a duration (examples: 0, 30s, 10min, 1h, 1d, 1week)",
        assertThrows(TypeConversionException.class, () -> DriftTime.seconds("-1h")).getMessage());
  }

  @Test
  void formatsWithTheLargestEvenUnit() {
    assertEquals("1h", DriftTime.format(3600));
    assertEquals("90min", DriftTime.format(5400));
    assertEquals("1week", DriftTime.format(604_800));
    assertEquals("2d", DriftTime.format(172_800));
    assertEquals("0.5s", DriftTime.format(0.5));
  }
}
