package ancc.runtime.sim.timing;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.program.Buffer;
import ancc.ir.program.Program;
import java.util.HashMap;
import java.util.Map;

/**
 * Sizes of a program's buffers and constants at a given batch: the symbolic batch dimension
 * {@code N} takes the batch size; a buffer with one unknown dimension ({@code ?}, e.g. the N x
 * positions rows of a convolution's im2col matrix) gets it from the instruction that writes it
 * ({@link UnknownDims}); any other symbolic or unknown dimension is an error.
 */
public final class Shapes {
  /** The batch symbol of buffer types. */
  public static final String BATCH = "N";

  private final Program program;
  private final long batch;
  private final Map<String, Long> inferredNumel;

  public Shapes(Program program, long batch) {
    if (batch < 1) {
      throw new InvalidInputException("batch size must be >= 1, got " + batch);
    }
    this.program = program;
    this.batch = batch;
    this.inferredNumel = new HashMap<>();
    UnknownDims.infer(program, this, inferredNumel);
  }

  /** Whether every dimension of buffer or constant {@code name} is known at this batch. */
  boolean known(String name) {
    Buffer b = program.buffer(name);
    if (b == null || inferredNumel.containsKey(name)) {
      return true;
    }
    return b.type().dims().stream().allMatch(d -> d.isFixed() || d instanceof Dim.Sym);
  }

  /**
   * Whether buffer or constant {@code name} has a size at this batch: every dimension fixed, the
   * batch N, or one unknown dimension its writer determines. False for an undeclared name.
   */
  public boolean sized(String name) {
    Buffer b = program.buffer(name);
    if (b == null) {
      return program.constants().containsKey(name);
    }
    return inferredNumel.containsKey(name) || b.type().dims().stream()
        .allMatch(d -> d.isFixed() || d instanceof Dim.Sym s && s.name().equals(BATCH));
  }

  public long batch() {
    return batch;
  }

  /** The concrete shape of buffer or constant {@code name}. */
  public long[] shape(String name) {
    Buffer b = program.buffer(name);
    if (b != null) {
      return eval(b.type(), name);
    }
    Tensor c = program.constants().get(name);
    if (c != null) {
      return c.shape();
    }
    throw new InvalidInputException("program @" + program.name() + ": no buffer or constant named '" + name + "'");
  }

  /** Elements of buffer or constant {@code name}. */
  public long numel(String name) {
    long n = 1;
    for (long d : shape(name)) {
      n *= d;
    }
    return n;
  }

  /** Bytes per element of buffer or constant {@code name}. */
  public int elementBytes(String name) {
    Buffer b = program.buffer(name);
    if (b != null) {
      return b.type().dtype().byteSize();
    }
    Tensor c = program.constants().get(name);
    if (c != null) {
      return c.dtype().byteSize();
    }
    throw new InvalidInputException("program @" + program.name() + ": no buffer or constant named '" + name + "'");
  }

  /** Bytes of buffer or constant {@code name}. */
  public long bytes(String name) {
    return numel(name) * elementBytes(name);
  }

  /** Rows of {@code name} viewed as a matrix [rows, last dim] (1 for scalars). */
  public long rows(String name) {
    long[] s = shape(name);
    long last = s.length == 0 ? 1 : s[s.length - 1];
    return last == 0 ? 0 : numel(name) / last;
  }

  /** Last dimension of {@code name} (1 for scalars). */
  public long lastDim(String name) {
    long[] s = shape(name);
    return s.length == 0 ? 1 : s[s.length - 1];
  }

  private long[] eval(TensorType t, String name) {
    long[] s = new long[t.rank()];
    int unknown = -1;
    long known = 1;
    for (int i = 0; i < s.length; i++) {
      Dim d = t.dim(i);
      if (d.isFixed()) {
        s[i] = d.size();
      } else if (d instanceof Dim.Sym sym && sym.name().equals(BATCH)) {
        s[i] = batch;
      } else if (d instanceof Dim.Unknown && unknown < 0 && inferredNumel.containsKey(name)) {
        unknown = i;
        continue;
      } else {
        throw new InvalidInputException("program @" + program.name() + ": buffer %" + name + " has dimension " + d
            + " (only the batch N may be symbolic)");
      }
      known *= s[i];
    }
    if (unknown >= 0) {
      s[unknown] = known == 0 ? 0 : inferredNumel.get(name) / known;
    }
    return s;
  }
}
