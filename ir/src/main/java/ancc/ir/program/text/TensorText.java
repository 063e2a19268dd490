package ancc.ir.program.text;

import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.text.IrPrinter;
import ancc.ir.graph.text.TextSyntax;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/** Reads numbers, tensor types and tensor initializers ({@code dense}, {@code blob}, {@code blob_u8}). */
final class TensorText {
  private final ProgramErrors errors;
  private final ByteBuffer sidecar;
  private final String sidecarName;

  TensorText(ProgramErrors errors, ByteBuffer sidecar, String sidecarName) {
    this.errors = errors;
    this.sidecar = sidecar == null ? null : sidecar.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    this.sidecarName = sidecarName;
  }

  TensorType type(ProgramIrParser.TypeContext t) {
    String dtypeText = t.ident().getText();
    DType dtype = null;
    for (DType d : DType.values()) {
      if (d.text().equals(dtypeText)) {
        dtype = d;
      }
    }
    if (dtype == null) {
      throw errors.at(t, "unknown element type '" + dtypeText + "'");
    }
    List<Dim> dims = new ArrayList<>();
    for (ProgramIrParser.DimContext d : t.dim()) {
      if (d.INT() != null) {
        long size = longOf(d.INT().getSymbol(), "dimension");
        if (size < 0) {
          throw errors.at(d, "negative dimension " + size);
        }
        dims.add(Dim.of(size));
      } else if (d.ident() != null) {
        dims.add(Dim.sym(d.ident().getText()));
      } else if (d.STRING() != null) {
        dims.add(Dim.sym(TextSyntax.unquote(d.STRING().getText())));
      } else {
        dims.add(Dim.UNKNOWN);
      }
    }
    return new TensorType(dtype, dims);
  }

  long longOf(Token t, String what) {
    try {
      return Long.parseLong(t.getText());
    } catch (NumberFormatException e) {
      throw errors.at(t, what + ": integer " + t.getText() + " is out of range");
    }
  }

  /** An int-valued field (tile ids, slots, ranges): in 0 .. Integer.MAX_VALUE. */
  int nonNegativeInt(Token t, String what) {
    long v = longOf(t, what);
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw errors.at(t, what + " must be in 0.." + Integer.MAX_VALUE + ", got " + v);
    }
    return (int) v;
  }

  /** The id in an array reference token {@code #ID}. */
  long arrayId(Token t) {
    String digits = t.getText().substring(1);
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw errors.at(t, "array id " + t.getText() + " is out of range");
    }
  }

  List<Long> ints(ProgramIrParser.IntListContext l, String what) {
    List<Long> out = new ArrayList<>();
    for (TerminalNode n : l.INT()) {
      out.add(longOf(n.getSymbol(), what));
    }
    return out;
  }

  /** A float from a number (integers are accepted too). */
  float floatOf(ProgramIrParser.NumberContext n, String what) {
    Float f = TextSyntax.parseFloat(n.getText());
    if (f == null) {
      throw errors.at(n, what + ": " + n.getText() + " is not a NaN bit pattern");
    }
    return f;
  }

  /** The tensor of an initializer for a value of static type {@code typeCtx}; {@code what} names it in errors. */
  Tensor tensor(ProgramIrParser.InitContext init, ProgramIrParser.TypeContext typeCtx, String what) {
    TensorType type = type(typeCtx);
    if (!type.isStatic()) {
      throw errors.at(typeCtx, what + " needs a static shape, got " + IrPrinter.type(type));
    }
    long[] shape = type.shape();
    long numel;
    try {
      numel = Tensor.numel(shape);
    } catch (ArithmeticException e) {
      numel = Long.MAX_VALUE;
    }
    if (numel > Integer.MAX_VALUE - 8) {
      throw errors.at(typeCtx, what + " has too many elements for one tensor: " + IrPrinter.type(type));
    }
    DType dtype = type.dtype();
    if (init instanceof ProgramIrParser.DenseInitContext d) {
      return dense(d, what, dtype, shape, (int) numel);
    } else if (init instanceof ProgramIrParser.BlobInitContext b) {
      return blob(b, b.INT(0).getSymbol(), b.INT(1).getSymbol(), "blob", what, dtype, shape, (int) numel);
    } else if (init instanceof ProgramIrParser.BlobU8InitContext b) {
      if (dtype.isFloating()) {
        throw errors.at(b, what + ": blob_u8 holds integer elements, but the type is " + IrPrinter.type(type));
      }
      return blob(b, b.INT(0).getSymbol(), b.INT(1).getSymbol(), "blob_u8", what, dtype, shape, (int) numel);
    }
    throw errors.at(init, what + ": dense_elided is a display-only form and cannot be parsed;"
        + " write the program with a sidecar (ProgramFiles.write) to keep large tensors");
  }

  private Tensor dense(ProgramIrParser.DenseInitContext d, String what, DType dtype, long[] shape, int numel) {
    List<ProgramIrParser.NumberContext> nums = d.denseData().number();
    if (nums.size() != numel) {
      throw errors.at(d, what + ": dense has " + nums.size() + " elements but type "
          + IrPrinter.type(TensorType.of(dtype, shape)) + " needs " + numel);
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
      ProgramIrParser.NumberContext n = nums.get(i);
      if (n.INT() == null) {
        throw errors.at(n, what + " element " + i + ": expected an integer, got " + n.getText());
      }
      data[i] = longOf(n.INT().getSymbol(), what + " element " + i);
      if (dtype == DType.BOOL && data[i] != 0 && data[i] != 1) {
        throw errors.at(n, what + " element " + i + ": bool elements are 0 or 1, got " + data[i]);
      }
    }
    return Tensor.ofLongs(dtype, shape, data);
  }

  private Tensor blob(ParserRuleContext ctx, Token offsetToken, Token countToken, String form, String what,
      DType dtype, long[] shape, int numel) {
    long offset = longOf(offsetToken, what + " " + form + " offset");
    long count = longOf(countToken, what + " " + form + " count");
    String blobText = form + "<" + offset + ", " + count + ">";
    if (count != numel) {
      throw errors.at(ctx, what + ": " + blobText + " has " + count + " elements but the type needs " + numel);
    }
    if (sidecar == null) {
      throw errors.at(ctx, what + ": " + blobText + " needs the sidecar "
          + (sidecarName == null ? "file, and none was given" : sidecarName + ", which does not exist"));
    }
    boolean bytesForm = form.equals("blob_u8");
    long bytes = count * (bytesForm ? 1 : dtype.isFloating() ? Float.BYTES : Long.BYTES);
    if (offset < 0 || offset > sidecar.limit() || bytes > sidecar.limit() - offset) {
      throw errors.at(ctx, what + ": " + blobText + " (bytes " + offset + " to " + (offset + bytes)
          + ") is out of range of the " + sidecar.limit() + "-byte sidecar" + (sidecarName == null ? "" : " " + sidecarName));
    }
    ByteBuffer view = sidecar.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    view.position((int) offset);
    if (dtype.isFloating()) {
      float[] data = new float[numel];
      view.asFloatBuffer().get(data);
      return Tensor.ofFloats(dtype, shape, data);
    }
    long[] data = new long[numel];
    if (bytesForm) {
      byte[] raw = new byte[numel];
      view.get(raw);
      for (int i = 0; i < numel; i++) {
        data[i] = raw[i] & 0xFF;
      }
    } else {
      view.asLongBuffer().get(data);
    }
    return Tensor.ofLongs(dtype, shape, data);
  }
}
