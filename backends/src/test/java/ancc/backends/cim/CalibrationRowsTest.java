package ancc.backends.cim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The rows the ADC ranges are calibrated on must cover the image, not alias with its structure:
 * evenly spaced rows of a conv's im2col matrix (images x 28 x 28 positions) fell all on position 0
 * of each image for 64 images, and all on the left edge column for 16 images.
 */
class CalibrationRowsTest {
  private static final long POSITIONS = 28 * 28;

  private static long distinct(long[] p, LongUnaryOperator key) {
    return Arrays.stream(p).map(key).distinct().count();
  }

  @Test
  void fewRowsAreAllTaken() {
    assertArrayEquals(new long[] {0, 1, 2, 3, 4}, CalibrationRows.positions(5));
    assertEquals(CalibrationRows.MAX_ROWS, CalibrationRows.positions(CalibrationRows.MAX_ROWS).length);
    assertEquals(CalibrationRows.MAX_ROWS - 1, CalibrationRows.positions(CalibrationRows.MAX_ROWS)[63]);
  }

  @Test
  void sixtyFourImagesAreSampledAcrossTheirPositions() {
    long[] p = CalibrationRows.positions(64 * POSITIONS);
    assertEquals(CalibrationRows.MAX_ROWS, p.length);
    assertTrue(Arrays.stream(p).allMatch(x -> x >= 0 && x < 64 * POSITIONS), Arrays.toString(p));
    assertEquals(64, distinct(p, x -> x), "distinct rows");
    assertEquals(64, distinct(p, x -> x % POSITIONS), "distinct positions within an image");
    assertTrue(distinct(p, x -> x / POSITIONS) >= 48, "images sampled: " + distinct(p, x -> x / POSITIONS));
  }

  @Test
  void sixteenImagesAreSampledAcrossRowsAndColumns() {
    long[] p = CalibrationRows.positions(16 * POSITIONS);
    assertEquals(16, distinct(p, x -> x / POSITIONS), "every image sampled");
    assertEquals(28, distinct(p, x -> x % POSITIONS % 28), "every image column sampled");
    long imageRows = distinct(p, x -> x % POSITIONS / 28);
    assertTrue(imageRows >= 12, "image rows sampled: " + imageRows);
  }

  @Test
  void samplingIsDeterministicAndInRange() {
    for (long total : new long[] {65, 100, 1000, 50_176, 1L << 40}) {
      long[] p = CalibrationRows.positions(total);
      assertArrayEquals(p, CalibrationRows.positions(total), "total " + total);
      assertTrue(Arrays.stream(p).allMatch(x -> x >= 0 && x < total), "total " + total + ": " + Arrays.toString(p));
      assertTrue(distinct(p, x -> x) >= 56, "total " + total + ": distinct rows " + distinct(p, x -> x));
    }
  }
}
