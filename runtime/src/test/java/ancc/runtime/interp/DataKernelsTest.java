package ancc.runtime.interp;

import static ancc.runtime.interp.TT.close;
import static ancc.runtime.interp.TT.eval;
import static ancc.runtime.interp.TT.exact;
import static ancc.runtime.interp.TT.f;
import static ancc.runtime.interp.TT.l;
import static ancc.runtime.interp.TT.node;
import static ancc.runtime.interp.TT.s;
import static ancc.runtime.interp.TT.vec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.DType;
import ancc.ir.graph.Op;
import ancc.ir.graph.Op.PadMode;
import ancc.ir.graph.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataKernelsTest {

  private static final Tensor M23 = f(s(2, 3), 1, 2, 3, 4, 5, 6);

  private static Tensor range(int n) {
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = i;
    }
    return l(s(n), v);
  }

  @Test
  void sliceWithNegativeSteps() {
    // start -1 -> 9, end -11 -> -1 (clamped): 9, 6, 3, 0
    exact(eval(new Op.Slice(), range(10), vec(-1), vec(-11), vec(0), vec(-3)), DType.I64, s(4), 9, 6, 3, 0);
    // reverse both axes from the end: rows 1..0 exclusive, cols 2..0 exclusive
    close(eval(new Op.Slice(), M23, vec(1, 2), vec(0, 0), null, vec(-1, -1)), s(1, 2), 6, 5);
    // whole axis reversed with INT64_MIN end
    close(eval(new Op.Slice(), M23, vec(-1), vec(Long.MIN_VALUE), vec(1), vec(-1)), s(2, 3), 3, 2, 1, 6, 5, 4);
  }

  @Test
  void sliceClampsAndUsesAxes() {
    close(eval(new Op.Slice(), M23, vec(1), vec(Long.MAX_VALUE), vec(-1)), s(2, 2), 2, 3, 5, 6);
    close(eval(new Op.Slice(), M23, vec(-100, 0), vec(100, 3), vec(0, 1), vec(1, 2)), s(2, 2), 1, 3, 4, 6);
    close(eval(new Op.Slice(), M23, vec(2), vec(1), vec(1)), s(2, 0));
    assertThrows(InvalidInputException.class, () -> eval(new Op.Slice(), M23, vec(0), vec(1), vec(1), vec(0)));
  }

  @Test
  void padModes() {
    Tensor x = f(s(3), 1, 2, 3);
    Tensor p = vec(2, 2);
    close(eval(new Op.Pad(PadMode.REFLECT), x, p), s(7), 3, 2, 1, 2, 3, 2, 1);
    close(eval(new Op.Pad(PadMode.EDGE), x, p), s(7), 1, 1, 1, 2, 3, 3, 3);
    close(eval(new Op.Pad(PadMode.WRAP), x, p), s(7), 2, 3, 1, 2, 3, 1, 2);
    close(eval(new Op.Pad(PadMode.CONSTANT), x, p, Tensor.scalar(9)), s(7), 9, 9, 1, 2, 3, 9, 9);
    close(eval(new Op.Pad(PadMode.CONSTANT), x, p), s(7), 0, 0, 1, 2, 3, 0, 0);
  }

  @Test
  void padNegativeCropsThenPadsAndHonoursAxes() {
    Tensor x = f(s(3), 1, 2, 3);
    // crop one from the front -> [2,3], then reflect two at the end -> [2,3,2,3]
    close(eval(new Op.Pad(PadMode.REFLECT), x, vec(-1, 2)), s(4), 2, 3, 2, 3);
    close(eval(new Op.Pad(PadMode.CONSTANT), x, vec(1, -2)), s(2), 0, 1);
    // 2-D edge padding on axis -1 only
    close(eval(new Op.Pad(PadMode.EDGE), M23, vec(1, 0), null, vec(-1)), s(2, 4), 1, 1, 2, 3, 4, 4, 5, 6);
    // 2-D reflect on both axes
    Tensor y = eval(new Op.Pad(PadMode.REFLECT), M23, vec(1, 1, 0, 0));
    close(y, s(3, 4), 5, 4, 5, 6, 2, 1, 2, 3, 5, 4, 5, 6);
    exact(eval(new Op.Pad(PadMode.CONSTANT), l(s(2), 7, 8), vec(1, 0), l(s(), -1)), DType.I64, s(3), -1, 7, 8);
  }

  @Test
  void gatherNegativeIndicesOnAnyAxis() {
    Tensor d = f(s(3, 2), 1, 2, 3, 4, 5, 6);
    close(eval(new Op.Gather(0), d, vec(-1, 0)), s(2, 2), 5, 6, 1, 2);
    close(eval(new Op.Gather(1), d, l(s(1, 1), -1)), s(3, 1, 1), 2, 4, 6);
    close(eval(new Op.Gather(-1), d, l(s(), 0)), s(3), 1, 3, 5);
    exact(eval(new Op.Gather(0), vec(10, 20, 30), vec(2, -3)), DType.I64, s(2), 30, 10);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> eval(new Op.Gather(0), d, vec(3)));
    assertTrue(e.getMessage().contains("index 3 is out of range"), e.getMessage());
  }

  @Test
  void concatFloatsAndIntegers() {
    close(eval(new Op.Concat(1), M23, f(s(2, 1), 7, 8)), s(2, 4), 1, 2, 3, 7, 4, 5, 6, 8);
    close(eval(new Op.Concat(0), M23, f(s(1, 3), 7, 8, 9)), s(3, 3), 1, 2, 3, 4, 5, 6, 7, 8, 9);
    exact(eval(new Op.Concat(0), vec(1, 2), vec(), vec(3)), DType.I64, s(3), 1, 2, 3);
    assertThrows(InvalidInputException.class, () -> eval(new Op.Concat(0), M23, f(s(2, 2), 1, 2, 3, 4)));
  }

  @Test
  void splitEvenUnevenAndExplicit() {
    Tensor x = f(s(7), 0, 1, 2, 3, 4, 5, 6);
    List<Tensor> parts = Interpreter.evaluate(node(new Op.Split(0), 1, 3), Arrays.asList(x));
    assertEquals(3, parts.size());
    close(parts.get(0), s(3), 0, 1, 2);
    close(parts.get(1), s(3), 3, 4, 5);
    close(parts.get(2), s(1), 6);
    List<Tensor> two = Interpreter.evaluate(node(new Op.Split(-1), 2, 2), Arrays.asList(M23, vec(1, 2)));
    close(two.get(0), s(2, 1), 1, 4);
    close(two.get(1), s(2, 2), 2, 3, 5, 6);
    assertThrows(InvalidInputException.class,
        () -> Interpreter.evaluate(node(new Op.Split(0), 2, 2), Arrays.asList(x, vec(3, 3))));
  }
}
