package ancc.ir.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorTest {
  @Test
  void shapeAndStorage() {
    Tensor t = Tensor.ofFloats(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});
    assertEquals(DType.F32, t.dtype());
    assertEquals(6, t.size());
    assertEquals("f32[2,3]", t.type().toString());
    Tensor r = t.reshape(new long[] {3, 2});
    assertArrayEquals(new long[] {3, 2}, r.shape());
    assertTrue(r.reshape(new long[] {2, 3}).contentEquals(t));
  }

  @Test
  void rejectsMismatchedDataAndNegativeDims() {
    assertThrows(IllegalArgumentException.class, () -> Tensor.ofFloats(new long[] {2, 2}, new float[3]));
    assertThrows(IllegalArgumentException.class, () -> Tensor.ofLongs(new long[] {-1}, new long[0]));
    assertThrows(IllegalStateException.class, () -> Tensor.vector(1, 2).floats());
  }

  @Test
  void typeText() {
    TensorType t = new TensorType(DType.I64, java.util.List.of(Dim.sym("N"), Dim.of(4), Dim.UNKNOWN));
    assertEquals("i64[N,4,?]", t.toString());
    assertEquals(3, t.rank());
  }
}
