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
 * op generically. Dispatch over ops goes through {@link Visitor}: adding an op is a compile error in
 * every dispatcher until handled.
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

  /**
   * Calls the method of {@code v} for this op's record with {@code c}, and returns its result.
   * Every record implements it as {@code v.visit(this, c)}.
   */
  <R, C> R accept(Visitor<R, C> v, C c);

  /**
   * One method per op record: the way to dispatch over the closed op set. A dispatcher implements
   * every method (there is deliberately no adapter with defaults), so adding an op record and its
   * method here fails to compile until every dispatcher handles the new op (docs/contributing.md,
   * "Adding an op"). {@code C} is a context the caller passes through {@link Op#accept}, e.g. the
   * node's inputs; dispatchers that need none use {@code Void} and pass null.
   *
   * @param <R> the result of a visit
   * @param <C> the context passed to each visit
   */
  interface Visitor<R, C> {
    // linear algebra
    R visit(Conv op, C c);
    R visit(ConvTranspose op, C c);
    R visit(Gemm op, C c);
    R visit(MatMul op, C c);
    R visit(Linear op, C c);

    // elementwise
    R visit(Binary op, C c);
    R visit(Unary op, C c);
    R visit(LeakyRelu op, C c);
    R visit(PRelu op, C c);
    R visit(Clip op, C c);
    R visit(HardSigmoid op, C c);
    R visit(Softmax op, C c);
    R visit(LogSoftmax op, C c);

    // pooling and normalization
    R visit(MaxPool op, C c);
    R visit(AveragePool op, C c);
    R visit(GlobalAveragePool op, C c);
    R visit(GlobalMaxPool op, C c);
    R visit(BatchNormalization op, C c);
    R visit(LayerNormalization op, C c);

    // shape and data movement
    R visit(Flatten op, C c);
    R visit(Reshape op, C c);
    R visit(Transpose op, C c);
    R visit(Concat op, C c);
    R visit(Split op, C c);
    R visit(Slice op, C c);
    R visit(Squeeze op, C c);
    R visit(Unsqueeze op, C c);
    R visit(Pad op, C c);
    R visit(Dropout op, C c);
    R visit(Identity op, C c);
    R visit(Shape op, C c);
    R visit(Gather op, C c);
    R visit(Cast op, C c);
    R visit(Reduce op, C c);
    R visit(Resize op, C c);

    // activations with parameters
    R visit(Elu op, C c);
    R visit(Celu op, C c);
    R visit(Selu op, C c);
    R visit(ThresholdedRelu op, C c);
    R visit(IsNaN op, C c);
    R visit(IsInf op, C c);

    // comparison and selection
    R visit(Compare op, C c);
    R visit(Variadic op, C c);
    R visit(Where op, C c);
    R visit(ArgReduce op, C c);
    R visit(Hardmax op, C c);

    // more normalization
    R visit(InstanceNormalization op, C c);
    R visit(Lrn op, C c);

    // more data movement
    R visit(Expand op, C c);
    R visit(Tile op, C c);
    R visit(ConstantOfShape op, C c);
    R visit(Range op, C c);
    R visit(Size op, C c);
    R visit(GatherElements op, C c);
    R visit(CumSum op, C c);
    R visit(Trilu op, C c);
    R visit(DepthToSpace op, C c);
    R visit(SpaceToDepth op, C c);
    R visit(ResizeInterp op, C c);

    // losses
    R visit(NllLoss op, C c);

    // more elementwise and index ops
    R visit(Shrink op, C c);
    R visit(EyeLike op, C c);
    R visit(TopK op, C c);
    R visit(OneHot op, C c);
    R visit(GatherND op, C c);
    R visit(ScatterElements op, C c);
    R visit(ScatterND op, C c);
    R visit(QuantizeLinear op, C c);
    R visit(DequantizeLinear op, C c);
    R visit(DynamicQuantizeLinear op, C c);
    R visit(Window op, C c);
    R visit(MeanVarianceNormalization op, C c);

    // recurrent layers
    R visit(Recurrent op, C c);

    // integer and linear-algebra extras
    R visit(MatMulInteger op, C c);
    R visit(ReverseSequence op, C c);
    R visit(GridSample op, C c);

    // data-dependent shapes
    R visit(NonZero op, C c);
    R visit(Compress op, C c);
    R visit(MaxUnpool op, C c);
    R visit(NonMaxSuppression op, C c);
    R visit(Unique op, C c);
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

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

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

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(2, 3); }
  }

  /** Y = alpha * op(A) * op(B) + beta * C. Inputs: A, B, C? (C broadcasts to [M,N]). */
  record Gemm(float alpha, float beta, boolean transA, boolean transB) implements Op {
    public String name() { return "gemm"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(2, 3); }
  }

  /** numpy matmul: batched, broadcasting, 1-D operands promoted. Inputs: A, B. */
  record MatMul() implements Op {
    public String name() { return "matmul"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(2, 2); }
  }

  /**
   * The layer the CIM backends map: Y[..., n] = sum_k X[..., k] * W[n, k] + B[n]. Inputs: X
   * (rank >= 1), W [N,K] (output rows, as in PyTorch), B [N]?.
   */
  record Linear() implements Op {
    public String name() { return "linear"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(2, 3); }
  }

  // ---------------------------------------------------------------- elementwise

  /**
   * MOD is integer modulo with the divisor's sign (ONNX Mod fmod=0), FMOD has the dividend's sign
   * (C fmod, fmod=1); AND, OR, XOR are logical ops on bool operands; the bit shifts take unsigned
   * integer operands (shifts of 64 or more give 0).
   */
  enum BinaryOp { ADD, SUB, MUL, DIV, POW, MOD, FMOD, AND, OR, XOR, BIT_SHIFT_LEFT, BIT_SHIFT_RIGHT }

  /** numpy-broadcasting binary arithmetic. Inputs: A, B. Named by its kind: {@code add}, ... */
  record Binary(BinaryOp kind) implements Op {
    public String name() { return kind.name().toLowerCase(java.util.Locale.ROOT); }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(2, 2); }
  }

  /** ROUND rounds half to even; NOT is logical negation of a bool input; SIGN gives -1, 0 or 1. */
  enum UnaryOp {
    RELU, SIGMOID, TANH, SQRT, ERF, EXP, LOG, NEG, ABS, RECIPROCAL, FLOOR, CEIL, HARD_SWISH,
    SIN, COS, TAN, ASIN, ACOS, ATAN, SINH, COSH, ASINH, ACOSH, ATANH, SIGN, ROUND, SOFTPLUS, SOFTSIGN, NOT
  }

  /** Elementwise function of one input. Named by its kind: {@code relu}, {@code hard_swish}, ... */
  record Unary(UnaryOp kind) implements Op {
    public String name() { return kind.name().toLowerCase(java.util.Locale.ROOT); }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  record LeakyRelu(float alpha) implements Op {
    public String name() { return "leaky_relu"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  /** Inputs: X, slope (broadcast to X). */
  record PRelu() implements Op {
    public String name() { return "prelu"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(2, 2); }
  }

  /** Inputs: X, min? (scalar), max? (scalar). */
  record Clip() implements Op {
    public String name() { return "clip"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 3); }
  }

  /** max(0, min(1, alpha * x + beta)). */
  record HardSigmoid(float alpha, float beta) implements Op {
    public String name() { return "hard_sigmoid"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  /**
   * Softmax along {@code axis}; with {@code coerce2d} (ONNX opset < 13) the input is viewed as 2-D
   * [prod(dims before axis), prod(dims from axis)] and normalized over the second.
   */
  record Softmax(long axis, boolean coerce2d) implements Op {
    public String name() { return "softmax"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  record LogSoftmax(long axis, boolean coerce2d) implements Op {
    public String name() { return "log_softmax"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

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

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

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

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  record GlobalAveragePool() implements Op {
    public String name() { return "global_average_pool"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  record GlobalMaxPool() implements Op {
    public String name() { return "global_max_pool"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  /** Inference-mode batch norm. Inputs: X [N,C,...], scale [C], B [C], mean [C], var [C]. */
  record BatchNormalization(float epsilon) implements Op {
    public String name() { return "batch_normalization"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(5, 5); }
  }

  /** Normalizes over dims [axis, rank). Inputs: X, scale, B?. One output (Y). */
  record LayerNormalization(long axis, float epsilon) implements Op {
    public String name() { return "layer_normalization"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(2, 3); }
  }

  // ---------------------------------------------------------------- shape and data movement

  record Flatten(long axis) implements Op {
    public String name() { return "flatten"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  /** Inputs: data, shape (i64 [rank]); 0 copies the input dim unless allowzero, -1 is inferred. */
  record Reshape(boolean allowzero) implements Op {
    public String name() { return "reshape"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(2, 2); }
  }

  /** perm is always explicit (the frontend fills in the default reversal). */
  record Transpose(List<Long> perm) implements Op {
    public Transpose {
      perm = List.copyOf(perm);
    }

    public String name() { return "transpose"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  record Concat(long axis) implements Op {
    public String name() { return "concat"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return new Arity(1, Integer.MAX_VALUE, 1, 1); }
  }

  /** Inputs: data, split? (i64 sizes). Without split, equal parts, one per output (last may be smaller). */
  record Split(long axis) implements Op {
    public String name() { return "split"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return new Arity(1, 2, 1, Integer.MAX_VALUE); }
  }

  /** Inputs: data, starts, ends, axes?, steps? (all i64 1-D). */
  record Slice() implements Op {
    public String name() { return "slice"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(3, 5); }
  }

  /** Inputs: data, axes? (i64 1-D; absent removes every size-1 dim). */
  record Squeeze() implements Op {
    public String name() { return "squeeze"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 2); }
  }

  /** Inputs: data, axes (i64 1-D). */
  record Unsqueeze() implements Op {
    public String name() { return "unsqueeze"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(2, 2); }
  }

  enum PadMode { CONSTANT, REFLECT, EDGE, WRAP }

  /** Inputs: data, pads (i64 [2 * naxes], begins then ends), constant_value? (scalar), axes?. */
  record Pad(PadMode mode) implements Op {
    public String name() { return "pad"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(2, 4); }
  }

  /** Inference-mode dropout: Y = X. Inputs: data, ratio?, training_mode?. Outputs: Y, mask? (all true). */
  record Dropout() implements Op {
    public String name() { return "dropout"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return new Arity(1, 3, 1, 2); }
  }

  record Identity() implements Op {
    public String name() { return "identity"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  /** The input's shape as i64, dims [start, end) (normalized to 0 <= start <= end <= rank). */
  record Shape(long start, long end) implements Op {
    public String name() { return "shape"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  /** Inputs: data, indices (i64, negative counts from the end). */
  record Gather(long axis) implements Op {
    public String name() { return "gather"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(2, 2); }
  }

  record Cast(DType to) implements Op {
    public String name() { return "cast"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  enum ReduceOp { MEAN, SUM, MAX, MIN, L1, L2, PROD, SUM_SQUARE, LOG_SUM, LOG_SUM_EXP }

  /**
   * Reduction over the axes input (i64 1-D); absent or empty axes reduce all dims unless
   * noopWithEmptyAxes. Inputs: data, axes?. Named {@code reduce_mean}, {@code reduce_sum}, ...
   */
  record Reduce(ReduceOp kind, boolean keepdims, boolean noopWithEmptyAxes) implements Op {
    public String name() { return "reduce_" + kind.name().toLowerCase(java.util.Locale.ROOT); }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 2); }
  }

  enum CoordMode { HALF_PIXEL, ASYMMETRIC, PYTORCH_HALF_PIXEL, ALIGN_CORNERS, TF_HALF_PIXEL_FOR_NN }

  enum NearestMode { ROUND_PREFER_FLOOR, ROUND_PREFER_CEIL, FLOOR, CEIL }

  /** Nearest-neighbour resize (the only mode ancc supports). Inputs: X, roi?, scales? (f32), sizes? (i64). */
  record Resize(CoordMode coordinateTransformationMode, NearestMode nearestMode) implements Op {
    public String name() { return "resize"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 4); }
  }

  // ---------------------------------------------------------------- activations with parameters

  /** x >= 0 ? x : alpha * (exp(x) - 1). */
  record Elu(float alpha) implements Op {
    public String name() { return "elu"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  /** max(0, x) + min(0, alpha * (exp(x / alpha) - 1)). */
  record Celu(float alpha) implements Op {
    public String name() { return "celu"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  /** gamma * (x > 0 ? x : alpha * (exp(x) - 1)). */
  record Selu(float alpha, float gamma) implements Op {
    public String name() { return "selu"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  /** x > alpha ? x : 0. */
  record ThresholdedRelu(float alpha) implements Op {
    public String name() { return "thresholded_relu"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  /** Bool output: whether each element is NaN. */
  record IsNaN() implements Op {
    public String name() { return "is_nan"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  /** Bool output: whether each element is +inf (if detectPositive) or -inf (if detectNegative). */
  record IsInf(boolean detectNegative, boolean detectPositive) implements Op {
    public String name() { return "is_inf"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  // ---------------------------------------------------------------- comparison and selection

  enum CompareOp { EQUAL, GREATER, LESS, GREATER_OR_EQUAL, LESS_OR_EQUAL }

  /** numpy-broadcasting comparison with a bool output. Inputs: A, B. Named {@code equal}, {@code less}, ... */
  record Compare(CompareOp kind) implements Op {
    public String name() { return kind.name().toLowerCase(java.util.Locale.ROOT); }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(2, 2); }
  }

  enum VariadicOp { MAX, MIN, SUM, MEAN }

  /** Elementwise max, min, sum or mean of one or more broadcasting inputs. Named {@code max}, ... */
  record Variadic(VariadicOp kind) implements Op {
    public String name() { return kind.name().toLowerCase(java.util.Locale.ROOT); }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return new Arity(1, Integer.MAX_VALUE, 1, 1); }
  }

  /** Inputs: condition (bool), X, Y; all broadcast. */
  record Where() implements Op {
    public String name() { return "where"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(3, 3); }
  }

  enum ArgOp { MAX, MIN }

  /** Index (i64) of the max or min along axis. Named {@code arg_max}, {@code arg_min}. Input: data. */
  record ArgReduce(ArgOp kind, long axis, boolean keepdims, boolean selectLastIndex) implements Op {
    public String name() { return "arg_" + kind.name().toLowerCase(java.util.Locale.ROOT); }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  /** Hardmax: 1 at the first max along axis, 0 elsewhere; {@code coerce2d} as for softmax. */
  record Hardmax(long axis, boolean coerce2d) implements Op {
    public String name() { return "hardmax"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  // ---------------------------------------------------------------- more normalization

  /** Inputs: X [N,C,spatial...], scale [C], B [C]; normalizes each (n, c) over the spatial dims. */
  record InstanceNormalization(float epsilon) implements Op {
    public String name() { return "instance_normalization"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(3, 3); }
  }

  /** Local response normalization across {@code size} channels of X [N,C,...]. */
  record Lrn(float alpha, float beta, float bias, long size) implements Op {
    public String name() { return "lrn"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  // ---------------------------------------------------------------- more data movement

  /** Broadcasts input to shape (i64 1-D), numpy style. Inputs: input, shape. */
  record Expand() implements Op {
    public String name() { return "expand"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(2, 2); }
  }

  /** Inputs: input, repeats (i64 [rank]). */
  record Tile() implements Op {
    public String name() { return "tile"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(2, 2); }
  }

  /** A tensor of shape (i64 1-D) filled with value (one element; its type is the output type). */
  record ConstantOfShape() implements Op {
    public String name() { return "constant_of_shape"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(2, 2); }
  }

  /** Inputs: start, limit, delta (scalars of one type); output [ceil((limit - start) / delta)]. */
  record Range() implements Op {
    public String name() { return "range"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(3, 3); }
  }

  /** The input's element count as an i64 scalar. */
  record Size() implements Op {
    public String name() { return "size"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  /** Inputs: data, indices (i64, same rank); out[i][j] = data[indices[i][j]][j] along axis. */
  record GatherElements(long axis) implements Op {
    public String name() { return "gather_elements"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(2, 2); }
  }

  /** Inputs: x, axis (integer scalar). Cumulative sum along axis. */
  record CumSum(boolean exclusive, boolean reverse) implements Op {
    public String name() { return "cum_sum"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(2, 2); }
  }

  /** Keeps the upper (or lower) triangle of the last two dims, shifted by diagonal k. Inputs: x, k? (i64 scalar). */
  record Trilu(boolean upper) implements Op {
    public String name() { return "trilu"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 2); }
  }

  enum DepthToSpaceMode { DCR, CRD }

  /** [N, C, H, W] to [N, C / b^2, H * b, W * b]. */
  record DepthToSpace(long blocksize, DepthToSpaceMode mode) implements Op {
    public String name() { return "depth_to_space"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  /** [N, C, H, W] to [N, C * b^2, H / b, W / b]. */
  record SpaceToDepth(long blocksize) implements Op {
    public String name() { return "space_to_depth"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  enum InterpMode { LINEAR, CUBIC }

  /**
   * Linear or cubic Resize, separable over every axis (the input's edge values extend it, unless
   * excludeOutside drops outside taps and renormalizes). cubicCoeffA is the cubic kernel's A.
   * Inputs: X, roi?, scales? (f32), sizes? (i64), as for {@link Resize}.
   */
  record ResizeInterp(InterpMode mode, CoordMode coordinateTransformationMode, float cubicCoeffA,
      boolean excludeOutside) implements Op {
    public String name() { return "resize_interp"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 4); }
  }

  // ---------------------------------------------------------------- losses

  enum LossReduction { NONE, SUM, MEAN }

  /**
   * Negative log-likelihood loss: loss[n, d...] = -input[n, target[n, d...], d...] * weight[target],
   * 0 where target equals ignoreIndex (when hasIgnoreIndex); summed, or averaged over the weights
   * of the targets not ignored, unless reduction is NONE. Inputs: input [N,C,d...], target [N,d...]
   * (integer), weight? [C].
   */
  record NllLoss(LossReduction reduction, boolean hasIgnoreIndex, long ignoreIndex) implements Op {
    public String name() { return "nll_loss"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(2, 3); }
  }

  // ---------------------------------------------------------------- more elementwise and index ops

  /** x < -lambd ? x + bias : x > lambd ? x - bias : 0. */
  record Shrink(float bias, float lambd) implements Op {
    public String name() { return "shrink"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  /** A 2-D tensor shaped like the input, of element type dtype, with ones on diagonal k. */
  record EyeLike(DType dtype, long k) implements Op {
    public String name() { return "eye_like"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  /** The k largest (or smallest) elements along axis and their i64 indices. Inputs: X, K (i64 [1]). */
  record TopK(long axis, boolean largest, boolean sorted) implements Op {
    public String name() { return "top_k"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return new Arity(2, 2, 2, 2); }
  }

  /** Inputs: indices, depth (scalar), values ([off, on]); a new axis of size depth at axis. */
  record OneHot(long axis) implements Op {
    public String name() { return "one_hot"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(3, 3); }
  }

  /** Inputs: data, indices (i64, last dim indexes data's leading dims after batchDims). */
  record GatherND(long batchDims) implements Op {
    public String name() { return "gather_nd"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(2, 2); }
  }

  enum ScatterReduction { NONE, ADD, MUL, MAX, MIN }

  /** Inputs: data, indices (same rank as data), updates (indices' shape); writes updates along axis. */
  record ScatterElements(long axis, ScatterReduction reduction) implements Op {
    public String name() { return "scatter_elements"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(3, 3); }
  }

  /** Inputs: data, indices (i64 [..., k]), updates; writes slices of data addressed by indices. */
  record ScatterND(ScatterReduction reduction) implements Op {
    public String name() { return "scatter_nd"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(3, 3); }
  }

  /**
   * y = saturate(round_half_even(x / scale) + zero_point), per tensor or per axis. Inputs: x,
   * scale, zero_point? (its type, u8 when absent, is the output type).
   */
  record QuantizeLinear(long axis) implements Op {
    public String name() { return "quantize_linear"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(2, 3); }
  }

  /** y = (x - zero_point) * scale, per tensor or per axis. Inputs: x, scale, zero_point?. */
  record DequantizeLinear(long axis) implements Op {
    public String name() { return "dequantize_linear"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(2, 3); }
  }

  /** u8 quantization with a scale and zero point from the input's range. Outputs: y, y_scale, y_zero_point. */
  record DynamicQuantizeLinear() implements Op {
    public String name() { return "dynamic_quantize_linear"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return new Arity(1, 1, 3, 3); }
  }

  enum WindowKind { HANN, HAMMING, BLACKMAN }

  /** A window of length size (integer scalar input). Named {@code hann_window}, ... */
  record Window(WindowKind kind, boolean periodic, DType dtype) implements Op {
    public String name() { return kind.name().toLowerCase(java.util.Locale.ROOT) + "_window"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  /** (x - mean) / (sqrt(mean(x^2) - mean^2) + 1e-9), the means over axes (ONNX's definition). */
  record MeanVarianceNormalization(List<Long> axes) implements Op {
    public MeanVarianceNormalization {
      axes = List.copyOf(axes);
    }

    public String name() { return "mean_variance_normalization"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  // ---------------------------------------------------------------- recurrent layers

  enum RnnKind { RNN, GRU, LSTM }

  enum RnnDirection { FORWARD, REVERSE, BIDIRECTIONAL }

  /**
   * ONNX RNN, GRU or LSTM with the default activations (tanh; sigmoid and tanh). Named
   * {@code rnn}, {@code gru}, {@code lstm}. Inputs: X, W, R, B?, sequence_lens?, initial_h?,
   * initial_c? (LSTM), P? (LSTM peepholes). Outputs: Y, Y_h, Y_c (LSTM). clip 0 means no clipping;
   * batchFirst is ONNX layout 1.
   */
  record Recurrent(RnnKind kind, RnnDirection direction, long hiddenSize, float clip, boolean linearBeforeReset,
      boolean inputForget, boolean batchFirst) implements Op {
    public String name() { return kind.name().toLowerCase(java.util.Locale.ROOT); }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() {
      return kind == RnnKind.LSTM ? new Arity(3, 8, 3, 3) : new Arity(3, 6, 2, 2);
    }
  }

  // ---------------------------------------------------------------- integer and linear-algebra extras

  /**
   * Exact integer matmul: (A - a_zero_point) x (B - b_zero_point) in i32, numpy batching. Inputs:
   * A, B (8-bit integers), a_zero_point? (scalar or per row of A), b_zero_point? (scalar or per
   * column of B).
   */
  record MatMulInteger() implements Op {
    public String name() { return "matmul_integer"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(2, 4); }
  }

  /** Reverses the first sequence_lens[b] steps along timeAxis of each batch entry. Inputs: input, sequence_lens. */
  record ReverseSequence(long batchAxis, long timeAxis) implements Op {
    public String name() { return "reverse_sequence"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(2, 2); }
  }

  enum GridMode { BILINEAR, NEAREST, BICUBIC }

  enum GridPadding { ZEROS, BORDER, REFLECTION }

  /**
   * Samples X [N,C,H,W] at the normalized (x, y) locations of grid [N,Hout,Wout,2] (-1 and 1 are
   * the edges: pixel centres when alignCorners, else pixel borders), as PyTorch's grid_sample.
   */
  record GridSample(GridMode mode, GridPadding padding, boolean alignCorners) implements Op {
    public String name() { return "grid_sample"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(2, 2); }
  }

  // ---------------------------------------------------------------- data-dependent shapes

  /** The indices (i64 [rank, count]) of the non-zero elements, in row-major order. */
  record NonZero() implements Op {
    public String name() { return "non_zero"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(1, 1); }
  }

  /** The slices along axis (or elements of the flattened input when !hasAxis) whose condition (bool 1-D) is true. */
  record Compress(boolean hasAxis, long axis) implements Op {
    public String name() { return "compress"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(2, 2); }
  }

  /**
   * Inverse of max pooling: X's values written at the flat output positions given by indices
   * (MaxPool's Indices), zero elsewhere. Inputs: X, I (i64, X's shape), output_shape? (i64).
   */
  record MaxUnpool(List<Long> kernelShape, List<Long> strides, List<Long> pads) implements Op {
    public MaxUnpool {
      kernelShape = List.copyOf(kernelShape);
      strides = List.copyOf(strides);
      pads = List.copyOf(pads);
    }

    public String name() { return "max_unpool"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(2, 3); }
  }

  /**
   * Greedy non-maximum suppression per batch and class. Inputs: boxes [B,N,4], scores [B,C,N],
   * max_output_boxes_per_class? (i64, absent: 0), iou_threshold? (absent: 0), score_threshold?.
   * Output: selected [?, 3] i64 (batch, class, box). centerPointBox: boxes are [xc, yc, w, h],
   * else two corners [y1, x1, y2, x2].
   */
  record NonMaxSuppression(boolean centerPointBox) implements Op {
    public String name() { return "non_max_suppression"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return Arity.of(2, 5); }
  }

  /**
   * The unique elements (or, with hasAxis, unique slices along axis), sorted ascending or in order
   * of first occurrence. Outputs: Y, indices (first occurrences), inverse_indices, counts (all i64).
   */
  record Unique(boolean sorted, boolean hasAxis, long axis) implements Op {
    public String name() { return "unique"; }

    public <R, C> R accept(Visitor<R, C> v, C c) { return v.visit(this, c); }

    public Arity arity() { return new Arity(1, 1, 4, 4); }
  }
}
