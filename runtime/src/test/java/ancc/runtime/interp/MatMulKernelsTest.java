package ancc.runtime.interp;

import static ancc.runtime.interp.TT.close;
import static ancc.runtime.interp.TT.eval;
import static ancc.runtime.interp.TT.f;
import static ancc.runtime.interp.TT.random;
import static ancc.runtime.interp.TT.s;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import org.junit.jupiter.api.Test;

class MatMulKernelsTest {

  @Test
  void batchedMatmulBroadcastsBatchDims() {
    // A [2,1,2,3] x B [3,3,4] -> [2,3,2,4]; A's batch dim 1 repeats over B's 3, B repeats over A's 2
    Tensor a = random(1, 2, 1, 2, 3);
    Tensor b = random(2, 3, 3, 4);
    Tensor y = eval(new Op.MatMul(), a, b);
    float[] av = a.floats();
    float[] bv = b.floats();
    float[] want = new float[2 * 3 * 2 * 4];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        for (int r = 0; r < 2; r++) {
          for (int c = 0; c < 4; c++) {
            double sum = 0;
            for (int k = 0; k < 3; k++) {
              sum += (double) av[(i * 2 + r) * 3 + k] * bv[(j * 3 + k) * 4 + c];
            }
            want[((i * 3 + j) * 2 + r) * 4 + c] = (float) sum;
          }
        }
      }
    }
    close(y, s(2, 3, 2, 4), want);
  }

  @Test
  void oneDimensionalOperandsArePromotedAndDropped() {
    Tensor m = f(s(2, 3), 1, 2, 3, 4, 5, 6);
    Tensor v = f(s(3), 1, 0, -1);
    close(eval(new Op.MatMul(), m, v), s(2), -2, -2);
    close(eval(new Op.MatMul(), f(s(2), 1, 1), m), s(3), 5, 7, 9);
    close(eval(new Op.MatMul(), v, v), s(), 2);
    // a vector against a batch of matrices: [2] x [2,2,3] -> [2,3]
    close(eval(new Op.MatMul(), f(s(2), 1, 2), f(s(2, 2, 3), 1, 2, 3, 4, 5, 6, 0, 0, 0, 1, 1, 1)), s(2, 3),
        9, 12, 15, 2, 2, 2);
    assertThrows(InvalidInputException.class, () -> eval(new Op.MatMul(), m, m));
  }

  @Test
  void gemmTransposeFlagsAlphaBetaAndBroadcastC() {
    // op(A) = A^T with A [3,2] -> [2,3]; op(B) = B^T with B [4,3] -> [3,4]
    Tensor a = random(3, 3, 2);
    Tensor b = random(4, 4, 3);
    for (Tensor c : new Tensor[] {f(s(4), 1, 2, 3, 4), f(s(2, 1), -1, 1), Tensor.scalar(5), random(5, 2, 4)}) {
      Tensor y = eval(new Op.Gemm(0.5f, 2f, true, true), a, b, c);
      int[] cm = Broadcast.indexMap(c.shape(), s(2, 4));
      float[] want = new float[8];
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 4; j++) {
          double sum = 0;
          for (int k = 0; k < 3; k++) {
            sum += (double) a.floats()[k * 2 + i] * b.floats()[j * 3 + k];
          }
          want[i * 4 + j] = (float) (0.5 * sum + 2 * c.floats()[cm[i * 4 + j]]);
        }
      }
      close(y, s(2, 4), want);
    }
  }

  @Test
  void gemmPlainAndWithoutC() {
    Tensor a = f(s(2, 2), 1, 2, 3, 4);
    Tensor b = f(s(2, 2), 5, 6, 7, 8);
    close(eval(new Op.Gemm(1f, 1f, false, false), a, b), s(2, 2), 19, 22, 43, 50);
    close(eval(new Op.Gemm(1f, 1f, true, false), a, b), s(2, 2), 26, 30, 38, 44);
    close(eval(new Op.Gemm(1f, 1f, false, true), a, b), s(2, 2), 17, 23, 39, 53);
    close(eval(new Op.Gemm(1f, 0f, false, false), a, b, Tensor.scalar(100)), s(2, 2), 19, 22, 43, 50);
  }

  @Test
  void linearUsesOutputRowsOfW() {
    // X [2,1,3], W [2,3], B [2]: Y[..., n] = sum_k X[..., k] W[n, k] + B[n]
    Tensor x = f(s(2, 1, 3), 1, 2, 3, 4, 5, 6);
    Tensor w = f(s(2, 3), 1, 0, 0, 1, 1, 1);
    close(eval(new Op.Linear(), x, w, f(s(2), 10, 20)), s(2, 1, 2), 11, 26, 14, 35);
    close(eval(new Op.Linear(), x, w), s(2, 1, 2), 1, 6, 4, 15);
    assertThrows(InvalidInputException.class, () -> eval(new Op.Linear(), x, f(s(3, 2), new float[6])));
  }
}
