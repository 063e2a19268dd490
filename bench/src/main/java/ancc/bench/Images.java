package ancc.bench;

import ancc.ir.graph.Tensor;

/** Batches of test images of any size, cycling through a pool of [N, ...] images. */
final class Images {
  private Images() {}

  static Tensor batch(Tensor pool, int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be >= 1, got " + batch);
    }
    int n = (int) pool.dim(0);
    int per = pool.size() / n;
    float[] src = pool.floats();
    float[] out = new float[batch * per];
    for (int i = 0; i < batch; i++) {
      System.arraycopy(src, (i % n) * per, out, i * per, per);
    }
    long[] shape = pool.shape().clone();
    shape[0] = batch;
    return Tensor.ofFloats(shape, out);
  }
}
