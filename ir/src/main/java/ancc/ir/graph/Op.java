package ancc.ir.graph;

import java.util.List;

/**
 * The closed set of graph IR operations. Each op is a record whose components are its typed
 * attributes; operands are the node's inputs, in the order documented on each op (following
 * the latest ONNX form of the op: operands that older opsets held as attributes are inputs).
 * An absent optional input is {@code null} in {@link Node#inputs()} and prints as {@code _}.
 *
 * <p>Attribute component types are limited to {@code long}, {@code float}, {@code boolean},
 * {@link DType}, enums and {@code List<Long>}, so the textual printer and parser handle every
 * op generically. Adding an op is a compile error in every exhaustive switch until handled.
 */
public sealed interface Op {

  /** Name in the textual IR, e.g. {@code conv}, {@code add}. */
  String name();

  /** Fewest and most inputs, and fewest and most outputs. */
  Arity arity();

  record Arity(int minIn, int maxIn, int minOut, int maxOut) {
    static Arity of(int minIn, int maxIn) {
      return new Arity(minIn, maxIn, 1, 1);
    }
  }

  // ---------------------------------------------------------------- linear algebra

  /** Inputs: X [N,C,spatial...], W [M,C/group,k...], B [M]?. Pads: begins then ends. */
  record Conv(List<Long> strides, List<Long> pads, List<Long> dilations, long group) implements Op {
    public Conv {
      strides = List.copyOf(strides);
      pads = List.copyOf(pads);
      dilations = List.copyOf(dilations);
    }

    public String name() { return "conv"; }

    public Arity arity() { return Arity.of(2, 3); }
  }

  /** Inputs: X [N,C,spatial...], W [C,M/group,k...], B [M]?. Pads: begins then ends. */
  record ConvTranspose(List<Long> strides, List<Long> pads, List<Long> dilations, List<Long> outputPadding, long group)
      implements Op {
    public ConvTranspose {
      strides = List.copyOf(strides);
      pads = List.copyOf(pads);
      dilations = List.copyOf(dilations);
      outputPadding = List.copyOf(outputPadding);
    }

    public String name() { return "conv_transpose"; }

    public Arity arity() { return Arity.of(2, 3); }
  }

  /** Y = alpha * op(A) * op(B) + beta * C. Inputs: A, B, C? (C broadcasts to [M,N]). */
  record Gemm(float alpha, float beta, boolean transA, boolean transB) implements Op {
    public String name() { return "gemm"; }

    public Arity arity() { return Arity.of(2, 3); }
  }

  /** numpy matmul: batched, broadcasting, 1-D operands promoted. Inputs: A, B. */
  record MatMul() implements Op {
    public String name() { return "matmul"; }

    public Arity arity() { return Arity.of(2, 2); }
  }

  /**
   * The layer the CIM backends map: Y[..., n] = sum_k X[..., k] * W[n, k] + B[n]. Inputs: X
   * (rank >= 1), W [N,K] (output rows, as in PyTorch), B [N]?.
   */
  record Linear() implements Op {
    public String name() { return "linear"; }

    public Arity arity() { return Arity.of(2, 3); }
  }

  // ---------------------------------------------------------------- elementwise

  enum BinaryOp { ADD, SUB, MUL, DIV, POW }

  /** numpy-broadcasting binary arithmetic. Inputs: A, B. Named by its kind: {@code add}, ... */
  record Binary(BinaryOp kind) implements Op {
    public String name() { return kind.name().toLowerCase(java.util.Locale.ROOT); }

    public Arity arity() { return Arity.of(2, 2); }
  }

  enum UnaryOp { RELU, SIGMOID, TANH, SQRT, ERF, EXP, LOG, NEG, ABS, RECIPROCAL, FLOOR, CEIL, HARD_SWISH }

  /** Elementwise function of one input. Named by its kind: {@code relu}, {@code hard_swish}, ... */
  record Unary(UnaryOp kind) implements Op {
    public String name() { return kind.name().toLowerCase(java.util.Locale.ROOT); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  record LeakyRelu(float alpha) implements Op {
    public String name() { return "leaky_relu"; }

    public Arity arity() { return Arity.of(1, 1); }
  }

  /** Inputs: X, slope (broadcast to X). */
  record PRelu() implements Op {
    public String name() { return "prelu"; }

    public Arity arity() { return Arity.of(2, 2); }
  }

  /** Inputs: X, min? (scalar), max? (scalar). */
  record Clip() implements Op {
    public String name() { return "clip"; }

    public Arity arity() { return Arity.of(1, 3); }
  }

  /** max(0, min(1, alpha * x + beta)). */
  record HardSigmoid(float alpha, float beta) implements Op {
    public String name() { return "hard_sigmoid"; }

    public Arity arity() { return Arity.of(1, 1); }
  }

  /**
   * Softmax along {@code axis}; with {@code coerce2d} (ONNX opset < 13) the input is viewed as 2-D
   * [prod(dims before axis), prod(dims from axis)] and normalized over the second.
   */
  record Softmax(long axis, boolean coerce2d) implements Op {
    public String name() { return "softmax"; }

    public Arity arity() { return Arity.of(1, 1); }
  }

  record LogSoftmax(long axis, boolean coerce2d) implements Op {
    public String name() { return "log_softmax"; }

    public Arity arity() { return Arity.of(1, 1); }
  }

  // ---------------------------------------------------------------- pooling and normalization

  record MaxPool(List<Long> kernelShape, List<Long> strides, List<Long> pads, List<Long> dilations, boolean ceilMode)
      implements Op {
    public MaxPool {
      kernelShape = List.copyOf(kernelShape);
      strides = List.copyOf(strides);
      pads = List.copyOf(pads);
      dilations = List.copyOf(dilations);
    }

    public String name() { return "max_pool"; }

    public Arity arity() { return Arity.of(1, 1); }
  }

  record AveragePool(List<Long> kernelShape, List<Long> strides, List<Long> pads, List<Long> dilations,
      boolean ceilMode, boolean countIncludePad) implements Op {
    public AveragePool {
      kernelShape = List.copyOf(kernelShape);
      strides = List.copyOf(strides);
      pads = List.copyOf(pads);
      dilations = List.copyOf(dilations);
    }

    public String name() { return "average_pool"; }

    public Arity arity() { return Arity.of(1, 1); }
  }

  record GlobalAveragePool() implements Op {
    public String name() { return "global_average_pool"; }

    public Arity arity() { return Arity.of(1, 1); }
  }

  record GlobalMaxPool() implements Op {
    public String name() { return "global_max_pool"; }

    public Arity arity() { return Arity.of(1, 1); }
  }

  /** Inference-mode batch norm. Inputs: X [N,C,...], scale [C], B [C], mean [C], var [C]. */
  record BatchNormalization(float epsilon) implements Op {
    public String name() { return "batch_normalization"; }

    public Arity arity() { return Arity.of(5, 5); }
  }

  /** Normalizes over dims [axis, rank). Inputs: X, scale, B?. One output (Y). */
  record LayerNormalization(long axis, float epsilon) implements Op {
    public String name() { return "layer_normalization"; }

    public Arity arity() { return Arity.of(2, 3); }
  }

  // ---------------------------------------------------------------- shape and data movement

  record Flatten(long axis) implements Op {
    public String name() { return "flatten"; }

    public Arity arity() { return Arity.of(1, 1); }
  }

  /** Inputs: data, shape (i64 [rank]); 0 copies the input dim unless allowzero, -1 is inferred. */
  record Reshape(boolean allowzero) implements Op {
    public String name() { return "reshape"; }

    public Arity arity() { return Arity.of(2, 2); }
  }

  /** perm is always explicit (the frontend fills in the default reversal). */
  record Transpose(List<Long> perm) implements Op {
    public Transpose {
      perm = List.copyOf(perm);
    }

    public String name() { return "transpose"; }

    public Arity arity() { return Arity.of(1, 1); }
  }

  record Concat(long axis) implements Op {
    public String name() { return "concat"; }

    public Arity arity() { return new Arity(1, Integer.MAX_VALUE, 1, 1); }
  }

  /** Inputs: data, split? (i64 sizes). Without split, equal parts, one per output (last may be smaller). */
  record Split(long axis) implements Op {
    public String name() { return "split"; }

    public Arity arity() { return new Arity(1, 2, 1, Integer.MAX_VALUE); }
  }

  /** Inputs: data, starts, ends, axes?, steps? (all i64 1-D). */
  record Slice() implements Op {
    public String name() { return "slice"; }

    public Arity arity() { return Arity.of(3, 5); }
  }

  /** Inputs: data, axes? (i64 1-D; absent removes every size-1 dim). */
  record Squeeze() implements Op {
    public String name() { return "squeeze"; }

    public Arity arity() { return Arity.of(1, 2); }
  }

  /** Inputs: data, axes (i64 1-D). */
  record Unsqueeze() implements Op {
    public String name() { return "unsqueeze"; }

    public Arity arity() { return Arity.of(2, 2); }
  }

  enum PadMode { CONSTANT, REFLECT, EDGE, WRAP }

  /** Inputs: data, pads (i64 [2 * naxes], begins then ends), constant_value? (scalar), axes?. */
  record Pad(PadMode mode) implements Op {
    public String name() { return "pad"; }

    public Arity arity() { return Arity.of(2, 4); }
  }

  /** Inference-mode dropout: Y = X. Inputs: data, ratio?, training_mode?. Outputs: Y, mask? (all true). */
  record Dropout() implements Op {
    public String name() { return "dropout"; }

    public Arity arity() { return new Arity(1, 3, 1, 2); }
  }

  record Identity() implements Op {
    public String name() { return "identity"; }

    public Arity arity() { return Arity.of(1, 1); }
  }

  /** The input's shape as i64, dims [start, end) (normalized to 0 <= start <= end <= rank). */
  record Shape(long start, long end) implements Op {
    public String name() { return "shape"; }

    public Arity arity() { return Arity.of(1, 1); }
  }

  /** Inputs: data, indices (i64, negative counts from the end). */
  record Gather(long axis) implements Op {
    public String name() { return "gather"; }

    public Arity arity() { return Arity.of(2, 2); }
  }

  record Cast(DType to) implements Op {
    public String name() { return "cast"; }

    public Arity arity() { return Arity.of(1, 1); }
  }

  enum ReduceOp { MEAN, SUM, MAX, MIN }

  /**
   * Reduction over the axes input (i64 1-D); absent or empty axes reduce all dims unless
   * noopWithEmptyAxes. Inputs: data, axes?. Named {@code reduce_mean}, {@code reduce_sum}, ...
   */
  record Reduce(ReduceOp kind, boolean keepdims, boolean noopWithEmptyAxes) implements Op {
    public String name() { return "reduce_" + kind.name().toLowerCase(java.util.Locale.ROOT); }

    public Arity arity() { return Arity.of(1, 2); }
  }

  enum CoordMode { HALF_PIXEL, ASYMMETRIC, PYTORCH_HALF_PIXEL, ALIGN_CORNERS, TF_HALF_PIXEL_FOR_NN }

  enum NearestMode { ROUND_PREFER_FLOOR, ROUND_PREFER_CEIL, FLOOR, CEIL }

  /** Nearest-neighbour resize (the only mode ancc supports). Inputs: X, roi?, scales? (f32), sizes? (i64). */
  record Resize(CoordMode coordinateTransformationMode, NearestMode nearestMode) implements Op {
    public String name() { return "resize"; }

    public Arity arity() { return Arity.of(1, 4); }
  }
}
