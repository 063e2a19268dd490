package ancc.ir.graph.shape;

import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Op;
import ancc.ir.graph.TensorType;
import java.util.List;

/** Output types of elementwise ops beyond plain arithmetic: logic, comparison, variadic, selection. */
public final class ElementShapes {
  private static final java.util.Set<DType> UNSIGNED = java.util.EnumSet.of(DType.U8, DType.U16, DType.U32, DType.U64);

  private ElementShapes() {}

  /** Binary ops: POW allows mixed operand types; AND, OR, XOR need bool operands. */
  public static TensorType binary(ShapeContext c, Op.BinaryOp kind) {
    TensorType out = MathShapes.binary(c, kind == Op.BinaryOp.POW);
    boolean logical = kind == Op.BinaryOp.AND || kind == Op.BinaryOp.OR || kind == Op.BinaryOp.XOR;
    if (logical && out.dtype() != DType.BOOL) {
      throw c.fail("operands must be bool but are " + out.dtype().text());
    }
    boolean shift = kind == Op.BinaryOp.BIT_SHIFT_LEFT || kind == Op.BinaryOp.BIT_SHIFT_RIGHT;
    if (shift && !UNSIGNED.contains(out.dtype())) {
      throw c.fail("bit shifts need unsigned integer operands but got " + out.dtype().text());
    }
    if (kind == Op.BinaryOp.MOD && out.dtype().isFloating()) {
      throw c.fail("integer modulo (fmod=0) of floating operands; floating operands need fmod");
    }
    return out;
  }

  /** Same type as the input, which must be floating. */
  public static TensorType floatingSame(ShapeContext c) {
    TensorType x = c.in(0);
    if (!x.dtype().isFloating()) {
      throw c.fail("input must be floating point but is " + x);
    }
    return x;
  }

  /** Same type as the input, of rank 2 or more; k, when given, is an integer scalar. */
  public static TensorType trilu(ShapeContext c) {
    TensorType x = c.in(0);
    if (x.rank() < 2) {
      throw c.fail("input " + x + " must have rank 2 or more");
    }
    if (c.has(1) && (c.in(1).dtype().isFloating() || Dims.staticCount(c.in(1).dims()) != 1)) {
      throw c.fail("k " + c.in(1) + " must be an integer scalar");
    }
    return x;
  }

  /** Broadcasting comparison: operands of one type, a bool result. */
  public static TensorType compare(ShapeContext c) {
    return MathShapes.binary(c, false).withDtype(DType.BOOL);
  }

  /** Broadcast of every input; all of one element type. */
  public static TensorType variadic(ShapeContext c) {
    TensorType first = c.in(0);
    List<Dim> dims = first.dims();
    for (int i = 1; i < c.inputCount(); i++) {
      TensorType t = c.in(i);
      if (t.dtype() != first.dtype()) {
        throw c.fail("input " + i + " is " + t.dtype().text() + " but input 0 is " + first.dtype().text());
      }
      dims = MathShapes.broadcast(c, new TensorType(first.dtype(), dims), t);
    }
    return new TensorType(first.dtype(), dims);
  }

  public static TensorType where(ShapeContext c) {
    TensorType cond = c.in(0);
    TensorType x = c.in(1);
    TensorType y = c.in(2);
    if (cond.dtype() != DType.BOOL) {
      throw c.fail("condition must be bool but is " + cond);
    }
    if (x.dtype() != y.dtype()) {
      throw c.fail("X and Y element types " + x.dtype().text() + " and " + y.dtype().text() + " differ");
    }
    List<Dim> xy = MathShapes.broadcast(c, x, y);
    return new TensorType(x.dtype(), MathShapes.broadcast(c, cond, new TensorType(x.dtype(), xy)));
  }

  public static TensorType instanceNorm(ShapeContext c) {
    TensorType x = floatingSame(c);
    if (x.rank() < 3) {
      throw c.fail("input " + x + " must have rank 3 or more ([N, C, spatial...])");
    }
    String[] names = {"scale", "B"};
    for (int i = 1; i <= 2; i++) {
      TensorType p = c.in(i);
      if (p.rank() != 1) {
        throw c.fail(names[i - 1] + " " + p + " must be 1-D");
      }
      c.requireSame(p.dim(0), x.dim(1), names[i - 1] + " length " + p.dim(0) + " does not match channels " + x.dim(1));
    }
    return x;
  }

  public static TensorType cumSum(ShapeContext c) {
    TensorType x = c.in(0);
    TensorType axis = c.in(1);
    if (axis.dtype().isFloating() || Dims.staticCount(axis.dims()) != 1) {
      throw c.fail("axis " + axis + " must be an integer scalar");
    }
    long[] a = c.constLongs(1);
    if (a != null) {
      c.axis(a[0], x.rank(), false, "axis");
    }
    return x;
  }

  /** input [N,C,d...], target [N,d...] (integer), weight? [C]: loss [N,d...] or a scalar. */
  public static TensorType nllLoss(ShapeContext c, Op.NllLoss op) {
    TensorType x = floatingSame(c);
    TensorType t = c.in(1);
    if (x.rank() < 2) {
      throw c.fail("input " + x + " must have rank 2 or more ([N, C, d...])");
    }
    if (t.dtype().isFloating() || t.rank() != x.rank() - 1) {
      throw c.fail("target " + t + " must be an integer tensor of rank " + (x.rank() - 1));
    }
    List<Dim> dims = new java.util.ArrayList<>();
    for (int i = 0; i < t.rank(); i++) {
      Dim xd = x.dim(i == 0 ? 0 : i + 1);
      dims.add(c.merge(xd, t.dim(i), "target " + t + " does not match input " + x));
    }
    if (c.has(2)) {
      TensorType w = c.in(2);
      if (w.rank() != 1 || w.dtype() != x.dtype()) {
        throw c.fail("weight " + w + " must be 1-D of the input's type");
      }
      c.requireSame(w.dim(0), x.dim(1), "weight length " + w.dim(0) + " does not match classes " + x.dim(1));
    }
    return op.reduction() == Op.LossReduction.NONE ? new TensorType(x.dtype(), dims) : new TensorType(x.dtype(), List.of());
  }
}
