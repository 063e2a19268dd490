package ancc.ir.graph.text.parse;

import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.text.IrPrinter;
import ancc.ir.graph.text.SidecarWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads tensor types and the tensors of initializers: {@code dense<...>} inline, or
 * {@code blob<offset, count>} / {@code blob_u8<offset, count>} from the little-endian sidecar.
 */
public final class TensorReader {
  /**
   * How a format words two messages: the name of its sidecar ({@code constants sidecar}) and the
   * advice after a {@code dense_elided} ({@code write the IR with a sidecar (IrFiles.write) to
   * keep large constants}).
   */
  public record Wording(String sidecarNoun, String keepLargeAdvice) {}

  private final SourceErrors errors;
  private final Numbers numbers;
  private final ByteBuffer sidecar;
  private final String sidecarName;
  private final Wording wording;

  /**
   * {@code sidecar} holds the blob bytes from index 0 to its limit (null when there is none);
   * {@code sidecarName} names the expected sidecar file in errors, or is null.
   */
  public TensorReader(SourceErrors errors, Numbers numbers, ByteBuffer sidecar, String sidecarName,
      Wording wording) {
    this.errors = errors;
    this.numbers = numbers;
    this.sidecar = sidecar == null ? null : sidecar.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    this.sidecarName = sidecarName;
    this.wording = wording;
  }

  public TensorType type(TypeSyntax t) {
    DType dtype = null;
    for (DType d : DType.values()) {
      if (d.text().equals(t.dtype())) {
        dtype = d;
      }
    }
    if (dtype == null) {
      throw errors.at(t.pos(), "unknown element type '" + t.dtype() + "'");
    }
    List<Dim> dims = new ArrayList<>();
    for (TypeSyntax.DimText d : t.dims()) {
      if (d instanceof TypeSyntax.Size s) {
        long size = numbers.longOf(s.size(), "dimension");
        if (size < 0) {
          throw errors.at(s.size().pos(), "negative dimension " + size);
        }
        dims.add(Dim.of(size));
      } else if (d instanceof TypeSyntax.Symbol s) {
        dims.add(Dim.sym(s.name()));
      } else {
        dims.add(Dim.UNKNOWN);
      }
    }
    return new TensorType(dtype, dims);
  }

  /**
   * The tensor that {@code init} gives a value of {@code type}, which must be static;
   * {@code typePos} is where the type was written and {@code what} names the value in errors.
   */
  public Tensor tensor(TensorType type, Pos typePos, InitSyntax init, String what) {
    if (!type.isStatic()) {
      throw errors.at(typePos, what + " needs a static shape, got " + IrPrinter.type(type));
    }
    long[] shape = type.shape();
    long numel;
    try {
      numel = Tensor.numel(shape);
    } catch (ArithmeticException e) {
      numel = Long.MAX_VALUE;
    }
    if (numel > Integer.MAX_VALUE - 8) {
      throw errors.at(typePos, what + " has too many elements for one tensor: " + IrPrinter.type(type));
    }
    if (init instanceof InitSyntax.Dense d) {
      return dense(d, what, type, (int) numel);
    } else if (init instanceof InitSyntax.Blob b) {
      if (b.bytes() && type.dtype().isFloating()) {
        throw errors.at(b.pos(), what + ": blob_u8 holds integer elements, but the type is " + IrPrinter.type(type));
      }
      return blob(b, what, type, (int) numel);
    }
    throw errors.at(init.pos(), what + ": dense_elided is a display-only form and cannot be parsed; "
        + wording.keepLargeAdvice());
  }

  private Tensor dense(InitSyntax.Dense d, String what, TensorType type, int numel) {
    List<NumberText> nums = d.numbers();
    if (nums.size() != numel) {
      throw errors.at(d.pos(), what + ": dense has " + nums.size() + " elements but type "
          + IrPrinter.type(type) + " needs " + numel);
    }
    DType dtype = type.dtype();
    if (dtype.isFloating()) {
      float[] data = new float[numel];
      for (int i = 0; i < numel; i++) {
        data[i] = numbers.floatOf(nums.get(i), what + " element " + i);
      }
      return Tensor.ofFloats(dtype, type.shape(), data);
    }
    long[] data = new long[numel];
    for (int i = 0; i < numel; i++) {
      data[i] = numbers.longOf(nums.get(i), what + " element " + i);
      if (dtype == DType.BOOL && data[i] != 0 && data[i] != 1) {
        throw errors.at(nums.get(i).pos(), what + " element " + i + ": bool elements are 0 or 1, got " + data[i]);
      }
    }
    return Tensor.ofLongs(dtype, type.shape(), data);
  }

  private Tensor blob(InitSyntax.Blob b, String what, TensorType type, int numel) {
    String form = b.form();
    long offset = numbers.longOf(b.offset(), what + " " + form + " offset");
    long count = numbers.longOf(b.count(), what + " " + form + " count");
    String blobText = form + "<" + offset + ", " + count + ">";
    if (count != numel) {
      throw errors.at(b.pos(), what + ": " + blobText + " has " + count + " elements but the type needs " + numel);
    }
    if (sidecar == null) {
      throw errors.at(b.pos(), what + ": " + blobText + " needs the " + wording.sidecarNoun() + " "
          + (sidecarName == null ? "file, and none was given" : sidecarName + ", which does not exist"));
    }
    DType dtype = type.dtype();
    long bytes = count * (b.bytes() ? 1 : SidecarWriter.elementBytes(dtype.isFloating()));
    if (offset < 0 || offset > sidecar.limit() || bytes > sidecar.limit() - offset) {
      throw errors.at(b.pos(), what + ": " + blobText + " (bytes " + offset + " to " + (offset + bytes)
          + ") is out of range of the " + sidecar.limit() + "-byte sidecar"
          + (sidecarName == null ? "" : " " + sidecarName));
    }
    ByteBuffer view = sidecar.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    view.position((int) offset);
    if (dtype.isFloating()) {
      float[] data = new float[numel];
      view.asFloatBuffer().get(data);
      return Tensor.ofFloats(dtype, type.shape(), data);
    }
    long[] data = new long[numel];
    if (b.bytes()) {
      byte[] raw = new byte[numel];
      view.get(raw);
      for (int i = 0; i < numel; i++) {
        data[i] = raw[i] & 0xFF;
      }
    } else {
      view.asLongBuffer().get(data);
    }
    return Tensor.ofLongs(dtype, type.shape(), data);
  }
}
