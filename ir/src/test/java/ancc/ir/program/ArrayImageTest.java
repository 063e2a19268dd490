package ancc.ir.program;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ancc.ir.graph.DType;
import ancc.ir.graph.Tensor;
import org.junit.jupiter.api.Test;

/** Cells kept in the narrowest storage, read back as the program format's i64 tensor. */
class ArrayImageTest {
  private static final ArrayLayout LAYOUT = new ArrayLayout("l", 0, 2, 0, 1, 8, 1, 8, WeightEncoding.OFFSET);

  private static ArrayImage image(long... cells) {
    return new ArrayImage(3, TileKind.MEMRISTOR, 1, 2, LAYOUT, Tensor.ofLongs(new long[] {2, cells.length / 2}, cells));
  }

  @Test
  void cellsOfEveryWidthReadBackExactly() {
    long[][] cases = {{0, 1, 254, 255}, {0, 256, 65535, 7}, {0, 65536, 1L << 40, 3}, {-1, 0, 5, 9}};
    for (long[] c : cases) {
      ArrayImage a = image(c);
      Tensor t = a.cells();
      assertEquals(DType.I64, t.dtype());
      assertArrayEquals(new long[] {2, 2}, t.shape());
      assertArrayEquals(c, t.longs());
      for (int i = 0; i < c.length; i++) {
        assertEquals(c[i], a.level(i));
      }
      assertEquals(2, a.rows());
      assertEquals(2, a.cols());
    }
  }

  @Test
  void equalityIsByContentWhateverTheStorage() {
    assertEquals(image(0, 1, 2, 3), image(0, 1, 2, 3));
    assertEquals(image(0, 1, 2, 3).hashCode(), image(0, 1, 2, 3).hashCode());
    assertNotEquals(image(0, 1, 2, 3), image(0, 1, 2, 4));
    assertNotEquals(image(0, 1, 2, 300), image(0, 1, 2, 44));
    // each call gives a new tensor: a caller changing it changes no image
    ArrayImage a = image(0, 1, 2, 3);
    a.cells().longs()[0] = 9;
    assertEquals(0, a.level(0));
  }

  @Test
  void rejectsWhatIsNotAnArray() {
    assertThrows(IllegalArgumentException.class, () -> new ArrayImage(0, TileKind.DIGITAL, 0, 0, LAYOUT,
        Tensor.ofLongs(new long[] {2, 2}, new long[4])));
    assertThrows(IllegalArgumentException.class, () -> new ArrayImage(0, TileKind.SRAM, 0, 0, LAYOUT,
        Tensor.ofLongs(new long[] {1, 2}, new long[2])));
  }
}
