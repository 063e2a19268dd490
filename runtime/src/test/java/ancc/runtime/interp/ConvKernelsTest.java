package ancc.runtime.interp;

import static ancc.runtime.interp.TT.close;
import static ancc.runtime.interp.TT.eval;
import static ancc.runtime.interp.TT.f;
import static ancc.runtime.interp.TT.random;
import static ancc.runtime.interp.TT.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.Op;
import ancc.ir.graph.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConvKernelsTest {

  /**
   * Naive 3-D convolution, nested loops straight from the definition. x [N,C,D,H,W], w
   * [M,C/g,KD,KH,KW]; st/di are {d,h,w}; pb/pe are pad begins/ends.
   */
  static float[] naiveConv3d(Tensor x, Tensor w, float[] bias, int g, int[] st, int[] di, int[] pb, int[] pe,
      int[] outDims) {
    int n = (int) x.dim(0);
    int c = (int) x.dim(1);
    int[] in = {(int) x.dim(2), (int) x.dim(3), (int) x.dim(4)};
    int m = (int) w.dim(0);
    int cg = c / g;
    int mg = m / g;
    int[] k = {(int) w.dim(2), (int) w.dim(3), (int) w.dim(4)};
    int[] o = new int[3];
    for (int i = 0; i < 3; i++) {
      o[i] = (in[i] + pb[i] + pe[i] - ((k[i] - 1) * di[i] + 1)) / st[i] + 1;
      outDims[i] = o[i];
    }
    float[] xv = x.floats();
    float[] wv = w.floats();
    float[] y = new float[n * m * o[0] * o[1] * o[2]];
    for (int b = 0; b < n; b++) {
      for (int oc = 0; oc < m; oc++) {
        int grp = oc / mg;
        for (int od = 0; od < o[0]; od++) {
          for (int oh = 0; oh < o[1]; oh++) {
            for (int ow = 0; ow < o[2]; ow++) {
              double sum = bias == null ? 0 : bias[oc];
              for (int ic = 0; ic < cg; ic++) {
                for (int kd = 0; kd < k[0]; kd++) {
                  for (int kh = 0; kh < k[1]; kh++) {
                    for (int kw = 0; kw < k[2]; kw++) {
                      int id = od * st[0] - pb[0] + kd * di[0];
                      int ih = oh * st[1] - pb[1] + kh * di[1];
                      int iw = ow * st[2] - pb[2] + kw * di[2];
                      if (id < 0 || ih < 0 || iw < 0 || id >= in[0] || ih >= in[1] || iw >= in[2]) {
                        continue;
                      }
                      int cIn = grp * cg + ic;
                      float xe = xv[(((b * c + cIn) * in[0] + id) * in[1] + ih) * in[2] + iw];
                      float we = wv[(((oc * cg + ic) * k[0] + kd) * k[1] + kh) * k[2] + kw];
                      sum += (double) xe * we;
                    }
                  }
                }
              }
              y[(((b * m + oc) * o[0] + od) * o[1] + oh) * o[2] + ow] = (float) sum;
            }
          }
        }
      }
    }
    return y;
  }

  @Test
  void conv2dWithGroupsDilationStrideAndAsymmetricPads() {
    Tensor x = random(1, 2, 4, 7, 6);
    Tensor w = random(2, 6, 2, 3, 2);
    Tensor b = random(3, 6);
    Op.Conv op = new Op.Conv(List.of(2L, 1L), List.of(1L, 0L, 2L, 1L), List.of(2L, 1L), 2);
    Tensor y = eval(op, x, w, b);
    int[] o = new int[3];
    float[] want = naiveConv3d(x.reshape(s(2, 4, 1, 7, 6)), w.reshape(s(6, 2, 1, 3, 2)), b.floats(), 2,
        new int[] {1, 2, 1}, new int[] {1, 2, 1}, new int[] {0, 1, 0}, new int[] {0, 2, 1}, o);
    // H: (7 + 3 - 5) / 2 + 1 = 3; W: (6 + 1 - 2) / 1 + 1 = 6
    assertArrayEquals(s(2, 6, 3, 6), y.shape());
    close(want, y.floats(), 1e-5);
  }

  @Test
  void conv1dAndDepthwise() {
    Tensor x = random(4, 1, 3, 10);
    Tensor w = random(5, 3, 1, 3);
    Op.Conv op = new Op.Conv(List.of(3L), List.of(2L, 1L), List.of(2L), 3);
    Tensor y = eval(op, x, w);
    int[] o = new int[3];
    float[] want = naiveConv3d(x.reshape(s(1, 3, 1, 1, 10)), w.reshape(s(3, 1, 1, 1, 3)), null, 3,
        new int[] {1, 1, 3}, new int[] {1, 1, 2}, new int[] {0, 0, 2}, new int[] {0, 0, 1}, o);
    assertArrayEquals(s(1, 3, o[2]), y.shape());
    close(want, y.floats(), 1e-5);
  }

  @Test
  void depthwise2dWithChannelMultiplierStrideBiasAndBatch() {
    // group = C = 3, two output channels per input channel (the direct depthwise kernel); strides
    // (1, 2), dilations (2, 2)
    Tensor x = random(21, 2, 3, 9, 8);
    Tensor w = random(22, 6, 1, 3, 3);
    Tensor b = random(23, 6);
    Op.Conv op = new Op.Conv(List.of(1L, 2L), List.of(1L, 1L, 1L, 0L), List.of(2L, 2L), 3);
    Tensor y = eval(op, x, w, b);
    int[] o = new int[3];
    float[] want = naiveConv3d(x.reshape(s(2, 3, 1, 9, 8)), w.reshape(s(6, 1, 1, 3, 3)), b.floats(), 3,
        new int[] {1, 1, 2}, new int[] {1, 2, 2}, new int[] {0, 1, 1}, new int[] {0, 1, 0}, o);
    assertArrayEquals(s(2, 6, o[1], o[2]), y.shape());
    close(want, y.floats(), 1e-5);
  }

  @Test
  void conv3dAndPointwise() {
    Tensor x = random(6, 2, 2, 4, 5, 3);
    Tensor w = random(7, 3, 2, 2, 3, 2);
    Op.Conv op = new Op.Conv(List.of(1L, 2L, 1L), List.of(1L, 1L, 0L, 0L, 1L, 1L), List.of(1L, 1L, 2L), 1);
    Tensor y = eval(op, x, w, f(s(3), 1, 2, 3));
    int[] o = new int[3];
    float[] want = naiveConv3d(x, w, new float[] {1, 2, 3}, 1, new int[] {1, 2, 1}, new int[] {1, 1, 2},
        new int[] {1, 1, 0}, new int[] {0, 1, 1}, o);
    assertArrayEquals(s(2, 3, o[0], o[1], o[2]), y.shape());
    close(want, y.floats(), 1e-5);

    Tensor x2 = random(8, 2, 4, 3, 3);
    Tensor w2 = random(9, 5, 4, 1, 1);
    Tensor y2 = eval(new Op.Conv(List.of(), List.of(), List.of(), 1), x2, w2);
    float[] want2 = naiveConv3d(x2.reshape(s(2, 4, 1, 3, 3)), w2.reshape(s(5, 4, 1, 1, 1)), null, 1,
        new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[3], new int[3], o);
    close(want2, y2.floats(), 1e-5);
  }

  @Test
  void convRejectsChannelMismatch() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> eval(new Op.Conv(List.of(), List.of(), List.of(), 1), random(1, 1, 3, 4, 4), random(2, 2, 2, 3, 3)));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("3 channels"), e.getMessage());
  }

  /** Naive 2-D transposed convolution: every input element scatters into the output. */
  static float[] naiveConvTranspose2d(Tensor x, Tensor w, float[] bias, int g, int[] st, int[] di, int[] pb,
      int[] out) {
    int n = (int) x.dim(0);
    int c = (int) x.dim(1);
    int ih = (int) x.dim(2);
    int iw = (int) x.dim(3);
    int mg = (int) w.dim(1);
    int kh = (int) w.dim(2);
    int kw = (int) w.dim(3);
    int m = mg * g;
    int cg = c / g;
    double[] y = new double[n * m * out[0] * out[1]];
    float[] xv = x.floats();
    float[] wv = w.floats();
    for (int b = 0; b < n; b++) {
      for (int ic = 0; ic < c; ic++) {
        int grp = ic / cg;
        for (int i = 0; i < ih; i++) {
          for (int j = 0; j < iw; j++) {
            for (int oc = 0; oc < mg; oc++) {
              for (int a = 0; a < kh; a++) {
                for (int e = 0; e < kw; e++) {
                  int oh = i * st[0] - pb[0] + a * di[0];
                  int ow = j * st[1] - pb[1] + e * di[1];
                  if (oh < 0 || ow < 0 || oh >= out[0] || ow >= out[1]) {
                    continue;
                  }
                  int mo = grp * mg + oc;
                  y[((b * m + mo) * out[0] + oh) * out[1] + ow] += (double) xv[((b * c + ic) * ih + i) * iw + j]
                      * wv[((ic * mg + oc) * kh + a) * kw + e];
                }
              }
            }
          }
        }
      }
    }
    float[] r = new float[y.length];
    for (int i = 0; i < r.length; i++) {
      int mo = (i / (out[0] * out[1])) % m;
      r[i] = (float) (y[i] + (bias == null ? 0 : bias[mo]));
    }
    return r;
  }

  @Test
  void convTransposeWithGroupsStridesDilationsPadsAndOutputPadding() {
    Tensor x = random(11, 2, 4, 3, 4);
    Tensor w = random(12, 4, 3, 3, 2); // C=4, M/group=3, group=2 -> M=6
    Tensor b = random(13, 6);
    Op.ConvTranspose op = new Op.ConvTranspose(List.of(2L, 3L), List.of(1L, 0L, 0L, 1L), List.of(1L, 2L),
        List.of(1L, 0L), 2);
    Tensor y = eval(op, x, w, b);
    // H: 2*(3-1) + 1 + (3-1)*1 + 1 - 1 - 0 = 7; W: 3*(4-1) + 0 + (2-1)*2 + 1 - 0 - 1 = 11
    int[] out = {7, 11};
    assertArrayEquals(s(2, 6, 7, 11), y.shape());
    float[] want = naiveConvTranspose2d(x, w, b.floats(), 2, new int[] {2, 3}, new int[] {1, 2},
        new int[] {1, 0}, out);
    close(want, y.floats(), 1e-5);
  }

  @Test
  void convTransposeHandExample() {
    // 1-D: x = [1, 2], w = [1, 10, 100], stride 2 -> y[2i + k] += x[i] * w[k]
    Tensor y = eval(new Op.ConvTranspose(List.of(2L), List.of(), List.of(), List.of(), 1),
        f(s(1, 1, 2), 1, 2), f(s(1, 1, 3), 1, 10, 100));
    close(y, s(1, 1, 5), 1, 10, 102, 20, 200);
  }
}
