package ancc.ir.graph;

/**
 * Element types of graph IR tensors. Floating types are held in float32 storage by
 * {@link Tensor}; integer and boolean types in int64 storage.
 */
public enum DType {
  F32("f32", true, 4),
  F16("f16", true, 2),
  BF16("bf16", true, 2),
  F64("f64", true, 8),
  I64("i64", false, 8),
  I32("i32", false, 4),
  I16("i16", false, 2),
  I8("i8", false, 1),
  U8("u8", false, 1),
  U16("u16", false, 2),
  U32("u32", false, 4),
  U64("u64", false, 8),
  BOOL("bool", false, 1);

  private final String text;
  private final boolean floating;
  private final int bytes;

  DType(String text, boolean floating, int bytes) {
    this.text = text;
    this.floating = floating;
    this.bytes = bytes;
  }

  /** The name used in the textual IR, e.g. {@code f32}. */
  public String text() {
    return text;
  }

  public boolean isFloating() {
    return floating;
  }

  /** Size of one element in the source format (not in ancc's storage). */
  public int byteSize() {
    return bytes;
  }

  public static DType fromText(String s) {
    for (DType t : values()) {
      if (t.text.equals(s)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown element type '" + s + "'");
  }
}
