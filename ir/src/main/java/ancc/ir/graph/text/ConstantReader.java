package ancc.ir.graph.text;

import ancc.ir.graph.DType;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.antlr.v4.runtime.Token;

/** Reads the initializer of a {@code const} declaration: inline {@code dense<...>} or a sidecar {@code blob<...>}. */
final class ConstantReader {
  private final SourceErrors errors;
  private final ByteBuffer sidecar;
  private final String sidecarName;

  ConstantReader(SourceErrors errors, ByteBuffer sidecar, String sidecarName) {
    this.errors = errors;
    this.sidecar = sidecar == null ? null : sidecar.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    this.sidecarName = sidecarName;
  }

  Tensor read(GraphIrParser.ConstDeclContext ctx, Value v) {
    TensorType type = v.type();
    String what = "constant " + IrPrinter.ref(v);
    if (!type.isStatic()) {
      throw errors.at(ctx.type(), what + " needs a static shape, got " + IrPrinter.type(type));
    }
    long[] shape = type.shape();
    long numel;
    try {
      numel = Tensor.numel(shape);
    } catch (ArithmeticException e) {
      numel = Long.MAX_VALUE;
    }
    if (numel > Integer.MAX_VALUE - 8) {
      throw errors.at(ctx.type(), what + " has too many elements for one tensor: " + IrPrinter.type(type));
    }
    GraphIrParser.ConstInitContext init = ctx.constInit();
    if (init instanceof GraphIrParser.DenseInitContext d) {
      return dense(d, what, type.dtype(), shape, (int) numel);
    } else if (init instanceof GraphIrParser.BlobInitContext b) {
      return blob(b, what, type.dtype(), shape, (int) numel);
    }
    throw errors.at(init, what + ": dense_elided is a display-only form and cannot be parsed;"
        + " write the IR with a sidecar (IrFiles.write) to keep large constants");
  }

  private Tensor dense(GraphIrParser.DenseInitContext d, String what, DType dtype, long[] shape, int numel) {
    List<GraphIrParser.NumberContext> nums = d.denseData().number();
    if (nums.size() != numel) {
      throw errors.at(d, what + ": dense has " + nums.size() + " elements but type "
          + dtype.text() + java.util.Arrays.toString(shape).replace(" ", "") + " needs " + numel);
    }
    if (dtype.isFloating()) {
      float[] data = new float[numel];
      for (int i = 0; i < numel; i++) {
        data[i] = floatOf(nums.get(i), what + " element " + i);
      }
      return Tensor.ofFloats(dtype, shape, data);
    }
    long[] data = new long[numel];
    for (int i = 0; i < numel; i++) {
      GraphIrParser.NumberContext n = nums.get(i);
      data[i] = longOf(n.INT() == null ? null : n.INT().getSymbol(), n.getStart(), what + " element " + i);
      if (dtype == DType.BOOL && data[i] != 0 && data[i] != 1) {
        throw errors.at(n, what + " element " + i + ": bool elements are 0 or 1, got " + data[i]);
      }
    }
    return Tensor.ofLongs(dtype, shape, data);
  }

  private Tensor blob(GraphIrParser.BlobInitContext b, String what, DType dtype, long[] shape, int numel) {
    long offset = longOf(b.INT(0).getSymbol(), b.INT(0).getSymbol(), what + " blob offset");
    long count = longOf(b.INT(1).getSymbol(), b.INT(1).getSymbol(), what + " blob count");
    String blobText = "blob<" + offset + ", " + count + ">";
    if (count != numel) {
      throw errors.at(b, what + ": " + blobText + " has " + count + " elements but the type needs " + numel);
    }
    if (sidecar == null) {
      throw errors.at(b, what + ": " + blobText + " needs the constants sidecar "
          + (sidecarName == null ? "file, and none was given" : sidecarName + ", which does not exist"));
    }
    boolean floating = dtype.isFloating();
    long bytes = count * SidecarWriter.elementBytes(floating);
    if (offset < 0 || offset > sidecar.limit() || bytes > sidecar.limit() - offset) {
      throw errors.at(b, what + ": " + blobText + " (bytes " + offset + " to " + (offset + bytes)
          + ") is out of range of the " + sidecar.limit() + "-byte sidecar"
          + (sidecarName == null ? "" : " " + sidecarName));
    }
    ByteBuffer view = sidecar.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    view.position((int) offset);
    if (floating) {
      float[] data = new float[numel];
      view.asFloatBuffer().get(data);
      return Tensor.ofFloats(dtype, shape, data);
    }
    long[] data = new long[numel];
    view.asLongBuffer().get(data);
    return Tensor.ofLongs(dtype, shape, data);
  }

  /** A float element or attribute value from a number (integers are accepted too). */
  float floatOf(GraphIrParser.NumberContext n, String what) {
    Float f = Syntax.parseFloat(n.getText());
    if (f == null) {
      throw errors.at(n, what + ": " + n.getText() + " is not a NaN bit pattern");
    }
    return f;
  }

  /** A long from an INT token; {@code intToken} is null when the number was not an integer. */
  long longOf(Token intToken, Token at, String what) {
    if (intToken == null) {
      throw errors.at(at, what + ": expected an integer, got " + at.getText());
    }
    try {
      return Long.parseLong(intToken.getText());
    } catch (NumberFormatException e) {
      throw errors.at(at, what + ": integer " + intToken.getText() + " is out of range");
    }
  }
}
