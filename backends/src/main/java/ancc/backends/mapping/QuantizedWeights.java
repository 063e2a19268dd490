package ancc.backends.mapping;

/**
 * A layer's weights quantized per output channel: q[o][k] integers in [-(2^(b-1)-1), 2^(b-1)-1]
 * with real weight = q x scale[o]. For a grouped convolution the layer matrix is block-diagonal:
 * output o belongs to group g = o / (outputs / groups) and only inputs [g*k, (g+1)*k) of the
 * expanded input vector (all groups' im2col columns side by side) are non-zero; {@link #at}
 * reads that expanded matrix.
 *
 * @param outputs M, output channels
 * @param inputsPerGroup K per group (C/group x prod(kernel) for a conv, K for a matrix)
 * @param groups G >= 1
 * @param q row-major [M][K] integers (an int each: a large layer's weights take 4 bytes, not 8)
 * @param scales per output channel, never zero
 */
public record QuantizedWeights(int outputs, int inputsPerGroup, int groups, int bits, int[] q, float[] scales) {

  public QuantizedWeights {
    if (outputs <= 0 || inputsPerGroup <= 0 || groups <= 0 || outputs % groups != 0) {
      throw new IllegalArgumentException("invalid weight matrix " + outputs + "x" + inputsPerGroup + " in " + groups
          + " groups");
    }
    if (q.length != (long) outputs * inputsPerGroup || scales.length != outputs) {
      throw new IllegalArgumentException("weight data does not match " + outputs + "x" + inputsPerGroup);
    }
  }

  /**
   * Symmetric per-output-channel quantization of w (row-major [M][K]) to {@code bits}: scale_o =
   * max_k |w[o][k]| / (2^(bits-1) - 1), q = round_half_even(w / scale_o). A channel of zeros gets
   * scale 1 and all-zero q.
   */
  public static QuantizedWeights quantize(float[] w, int outputs, int inputsPerGroup, int groups, int bits) {
    if (w.length != (long) outputs * inputsPerGroup) {
      throw new IllegalArgumentException("weight data has " + w.length + " values, expected " + outputs + "x"
          + inputsPerGroup);
    }
    if (bits > 31) {
      throw new IllegalArgumentException(bits + "-bit weights: at most 31 bits are supported");
    }
    long qmax = (1L << (bits - 1)) - 1;
    int[] q = new int[w.length];
    float[] scales = new float[outputs];
    for (int o = 0; o < outputs; o++) {
      int base = o * inputsPerGroup;
      double maxAbs = 0;
      for (int k = 0; k < inputsPerGroup; k++) {
        maxAbs = Math.max(maxAbs, Math.abs(w[base + k]));
      }
      float scale = maxAbs > 0 && Double.isFinite(maxAbs) ? (float) (maxAbs / qmax) : 1f;
      if (scale == 0f) {
        scale = Float.MIN_NORMAL;
      }
      scales[o] = scale;
      for (int k = 0; k < inputsPerGroup; k++) {
        long v = (long) Math.rint(w[base + k] / (double) scale);
        q[base + k] = (int) Math.max(-qmax, Math.min(qmax, v));
      }
    }
    return new QuantizedWeights(outputs, inputsPerGroup, groups, bits, q, scales);
  }

  /** Outputs per group. */
  public int outputsPerGroup() {
    return outputs / groups;
  }

  /** Width of the expanded (block-diagonal) input vector: groups x K. */
  public int expandedInputs() {
    return groups * inputsPerGroup;
  }

  /** The integer weight at (output o, expanded input i); 0 outside o's group. */
  public long at(int o, int i) {
    int g = o / outputsPerGroup();
    int k = i - g * inputsPerGroup;
    if (k < 0 || k >= inputsPerGroup) {
      return 0;
    }
    return q[o * inputsPerGroup + k];
  }

  /** The real weight q x scale at (o, expanded input i). */
  public double real(int o, int i) {
    return at(o, i) * (double) scales[o];
  }
}
