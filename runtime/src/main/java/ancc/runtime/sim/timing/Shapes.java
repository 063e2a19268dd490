package ancc.runtime.sim.timing;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.program.Buffer;
import ancc.ir.program.Program;
import ancc.ir.program.Instr;
import ancc.ir.program.TileProgram;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Sizes of a program's buffers and constants at a given batch: the symbolic batch dimension
 * {@code N} takes the batch size, and every other symbolic dimension (a sequence length {@code S},
 * say) the size the caller fixed from the actual inputs ({@link #Shapes(Program, long, Map)}), else
 * {@value #DEFAULT_SYMBOLIC} (the sequence length of ancc's synthetic inputs); a buffer with one
 * unknown dimension ({@code ?}, e.g. the N x positions rows of a convolution's im2col matrix, or a
 * size shape arithmetic computes at run time) gets it from the instruction that writes it
 * ({@link UnknownDims}), or, for an input from the host, {@value #DEFAULT_SYMBOLIC}, as does any
 * unresolved one in a layer lowered alone whose inputs carry run-time sizes (the cost estimates);
 * otherwise an unknown dimension nothing resolves is an error.
 */
public final class Shapes {
  /** The batch symbol of buffer types. */
  public static final String BATCH = "N";
  /** Size of a symbolic dimension other than the batch that no input fixed (the synthetic inputs' sequence length). */
  public static final long DEFAULT_SYMBOLIC = 16;

  private final Program program;
  private final long batch;
  private final Map<String, Long> inferredNumel;
  /** Whole shapes of buffers with unknown dims that the shape rules resolved ({@link UnknownDims}). */
  final Map<String, long[]> inferredShapes = new HashMap<>();
  /** Values of small integer buffers (shapes computed at run time) that {@link UnknownDims} evaluated. */
  final Map<String, Tensor> shapeValues = new HashMap<>();
  private final Map<String, Long> symbols;
  private final Set<String> hostInputs;
  /**
   * Whether the program is a layer lowered alone whose host inputs carry sizes or shapes computed at
   * run time elsewhere: its unresolved unknown dims then take {@link #DEFAULT_SYMBOLIC} (an estimate).
   */
  private final boolean layerAlone;

  public Shapes(Program program, long batch) {
    this(program, batch, Map.of());
  }

  /**
   * Shapes at {@code batch} with the symbolic dimensions {@code symbols} fixed (by name, e.g.
   * {@code S -> 128} from the inputs of a run); other symbols than the batch take {@link #DEFAULT_SYMBOLIC}.
   */
  public Shapes(Program program, long batch, Map<String, Long> symbols) {
    if (batch < 1) {
      throw new InvalidInputException("batch size must be >= 1, got " + batch);
    }
    for (Map.Entry<String, Long> e : symbols.entrySet()) {
      if (e.getValue() < 1) {
        throw new InvalidInputException("dimension " + e.getKey() + " must be >= 1, got " + e.getValue());
      }
    }
    this.program = program;
    this.batch = batch;
    this.symbols = Map.copyOf(symbols);
    this.inferredNumel = new HashMap<>();
    this.hostInputs = hostInputs(program);
    this.layerAlone = hostInputs.stream().map(program::buffer).anyMatch(b -> b != null
        && (!b.type().dtype().isFloating() && b.type().rank() <= 1
        || b.type().dims().stream().anyMatch(d -> d instanceof Dim.Unknown)));
    UnknownDims.infer(program, this, inferredNumel);
  }

  /** Whether every dimension of buffer or constant {@code name} is known at this batch. */
  boolean known(String name) {
    Buffer b = program.buffer(name);
    if (b == null || inferredNumel.containsKey(name) || hostInputs.contains(name)) {
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

  /** The size of symbolic dimension {@code name}: the batch for {@link #BATCH}, else as fixed or the default. */
  public long symbol(String name) {
    return name.equals(BATCH) ? batch : symbols.getOrDefault(name, DEFAULT_SYMBOLIC);
  }

  /** The concrete shape of buffer or constant {@code name}. */
  public long[] shape(String name) {
    Buffer b = program.buffer(name);
    if (b != null) {
      long[] inferred = inferredShapes.get(name);
      return inferred != null ? inferred.clone() : eval(b.type(), name);
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

  /**
   * Buffers only {@code load} writes: inputs from the host. In a program of one layer lowered alone
   * (the cost estimates of {@code ancc.backends.place.Estimator}) such an input may carry a size the
   * graph computes at run time ({@code ?}); it takes {@link #DEFAULT_SYMBOLIC} like a symbol.
   */
  private static Set<String> hostInputs(Program p) {
    Set<String> loaded = new HashSet<>();
    Set<String> computed = new HashSet<>();
    for (TileProgram tp : p.tiles()) {
      for (Instr in : tp.instrs()) {
        (in instanceof Instr.Load ? loaded : computed).addAll(in.writes());
      }
    }
    loaded.removeAll(computed);
    return loaded;
  }

  private long[] eval(TensorType t, String name) {
    long[] s = new long[t.rank()];
    int unknown = -1;
    long known = 1;
    for (int i = 0; i < s.length; i++) {
      Dim d = t.dim(i);
      if (d.isFixed()) {
        s[i] = d.size();
      } else if (d instanceof Dim.Sym sym) {
        s[i] = symbol(sym.name());
      } else if (d instanceof Dim.Unknown && unknown < 0 && inferredNumel.containsKey(name)) {
        unknown = i;
        continue;
      } else if (d instanceof Dim.Unknown && (hostInputs.contains(name) || layerAlone)) {
        s[i] = DEFAULT_SYMBOLIC;
      } else {
        throw new InvalidInputException("program @" + program.name() + ": buffer %" + name + " has dimension " + d
            + " that no instruction writing it resolves");
      }
      known *= s[i];
    }
    if (unknown >= 0) {
      s[unknown] = known == 0 ? 0 : inferredNumel.get(name) / known;
    }
    return s;
  }
}
