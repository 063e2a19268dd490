package ancc.backends.place;

import ancc.backends.DoesNotFitException;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Op;
import ancc.ir.program.Buffer;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileKind;
import ancc.ir.program.TileProgram;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Allocates every tile's buffers in its local buffer memory, per inference (batch 1), and checks
 * that they fit. A buffer is live on its tile from the first to the last instruction of that
 * tile's stream naming it (a {@code recv} writes it, a {@code send} or {@code store} reads it);
 * buffers are given byte offsets by linear scan in order of first use, each at the lowest offset
 * not overlapping a buffer still live (first fit), and a tile's need is the highest end offset.
 * The result of a layout-only op (reshape, transpose, flatten, squeeze, unsqueeze, identity)
 * whose source dies at that op takes the source's place (an in-place permutation).
 * Sizes are per inference as {@link BufferSizes} gives them: the batch fixed to 1 however the
 * program writes it, each element at its physical width, a row-streamed buffer at its slab. A tile
 * whose need exceeds its
 * {@code buffer.size} is a {@link DoesNotFitException} naming the tile and the bytes needed and
 * available. Program constants (scales, biases, weights of digitally computed layers) are not
 * tile buffers and are not counted.
 *
 * <p>Buffers declared {@code in global} or {@code in dram} (spilled) take no room in their tile:
 * the global buffer holds every buffer spilled to it for the whole inference (tiles run
 * concurrently, so no two spilled buffers share bytes), and must hold their sum; DRAM is
 * unbounded. {@link #spill} chooses the buffers to spill when a tile overflows (docs/mapping.md,
 * "Spill").
 */
public final class BufferPlan {
  /**
   * One buffer's place: byte offset and size in its tile's buffer memory, live from instruction
   * {@code first} to {@code last} (inclusive) of the tile's stream.
   */
  public record Allocation(String buffer, int tile, long offset, long bytes, int first, int last) {
    /** One past the last byte. */
    public long end() {
      return offset + bytes;
    }
  }

  /** A tile whose buffers need more than it has; {@code live} names the buffers live at the peak. */
  public record Overflow(int tile, TileKind kind, long need, long have, List<String> live) {}

  /** A buffer that lives outside its tile: its bytes at batch 1 and where it is. */
  public record Spilled(String buffer, int tile, long bytes, Buffer.Space space) {}

  private final String program;
  private final String chip;
  private final Map<Integer, List<Allocation>> allocations;
  private final Map<Integer, Long> peak;
  private final List<Overflow> overflows;
  private final List<Spilled> spilled;
  private final List<String> spaceProblems;
  private final BufferSizes sizes;

  private BufferPlan(String program, String chip, Map<Integer, List<Allocation>> allocations, Map<Integer, Long> peak,
      List<Overflow> overflows, List<Spilled> spilled, List<String> spaceProblems, BufferSizes sizes) {
    this.sizes = sizes;
    this.program = program;
    this.chip = chip;
    this.allocations = allocations;
    this.peak = peak;
    this.overflows = overflows;
    this.spilled = spilled;
    this.spaceProblems = spaceProblems;
  }

  /** Allocates the buffers of {@code p} on {@code chip}; throws when some tile's buffers do not fit. */
  public static BufferPlan allocate(Program p, Chip chip) {
    BufferPlan plan = plan(p, chip);
    plan.requireFits();
    return plan;
  }

  /** Allocates the buffers of {@code p} on {@code chip}, recording (not throwing on) tiles that overflow. */
  public static BufferPlan plan(Program p, Chip chip) {
    return plan(p, chip, BufferSizes.of(p, chip), null, null);
  }

  /**
   * The plan of {@code p} with buffer sizes {@code sizes}; with {@code previous} (a plan of a
   * program with the same tiles and instructions), the tiles not in {@code redo} keep its
   * allocations (their buffers' spaces did not change).
   */
  private static BufferPlan plan(Program p, Chip chip, BufferSizes sizes, BufferPlan previous, Set<Integer> redo) {
    Map<Integer, List<Allocation>> all = new TreeMap<>();
    Map<Integer, Long> peaks = new TreeMap<>();
    List<Overflow> over = new ArrayList<>();
    Map<String, Buffer.Space> spaces = new HashMap<>();
    List<Spilled> spills = new ArrayList<>();
    for (Buffer b : p.buffers()) {
      if (b.spilled()) {
        spaces.put(BufferSizes.key(b.tile(), b.name()), b.space());
        spills.add(new Spilled(b.name(), b.tile(), sizes.bytes(b.tile(), b.name()), b.space()));
      }
    }
    for (TileProgram t : p.tiles()) {
      List<Allocation> allocs = previous != null && !redo.contains(t.tile()) ? previous.allocations(t.tile())
          : allocateTile(t, sizes, spaces.keySet());
      Allocation top = allocs.stream().max(Comparator.comparingLong(Allocation::end)).orElse(null);
      long need = top == null ? 0 : top.end();
      long have = chip.groupOf(t.tile()).spec().buffer().size().bytes();
      all.put(t.tile(), allocs);
      peaks.put(t.tile(), need);
      if (need > have) {
        List<String> live = allocs.stream().filter(a -> a.first() <= top.first() && a.last() >= top.first())
            .map(Allocation::buffer).toList();
        over.add(new Overflow(t.tile(), t.kind(), need, have, live));
      }
    }
    return new BufferPlan(p.name(), chip.name(), Collections.unmodifiableMap(all), Collections.unmodifiableMap(peaks),
        List.copyOf(over), List.copyOf(spills), spaceProblems(spills, chip), sizes);
  }

  /** What the chip cannot hold of the spilled buffers: a space it lacks, or more than its global buffer. */
  private static List<String> spaceProblems(List<Spilled> spills, Chip chip) {
    List<String> out = new ArrayList<>();
    long global = spills.stream().filter(s -> s.space() == Buffer.Space.GLOBAL).mapToLong(Spilled::bytes).sum();
    if (global > 0) {
      if (chip.globalBuffer().isEmpty()) {
        out.add("buffers in global need " + global + " bytes, the chip has no global buffer");
      } else if (global > chip.globalBuffer().get().size().bytes()) {
        out.add("the global buffer needs " + global + " bytes, has " + chip.globalBuffer().get().size().bytes());
      }
    }
    if (spills.stream().anyMatch(s -> s.space() == Buffer.Space.DRAM) && chip.dram().isEmpty()) {
      out.add("buffers in dram need DRAM, the chip has none");
    }
    return List.copyOf(out);
  }

  /**
   * Allocates the buffers of {@code p} on {@code chip}, spilling buffers out of every tile that
   * overflows until each fits: the victim is a buffer live at the tile's peak, the smallest that
   * is enough alone, else the one whose next use is farthest ({@link #victim}); it lives in the
   * global buffer for the whole inference when the
   * global buffer still has room for it, else in DRAM. The returned program declares the victims
   * {@code in global} or {@code in dram}; instructions are unchanged. Without room anywhere (a chip
   * without {@code global_buffer} and {@code dram}, or a full global buffer and no DRAM) it throws
   * {@link DoesNotFitException} as {@link #allocate} does.
   */
  public static Spilling spill(Program p, Chip chip) {
    return spill(p, chip, plan(p, chip));
  }

  /**
   * {@link #spill(Program, Chip)} from {@code plan}, the plan of {@code p} on {@code chip}
   * ({@link #plan}): its buffer sizes are reused, and each step re-allocates only the tiles whose
   * buffers moved out.
   */
  static Spilling spill(Program p, Chip chip, BufferPlan plan) {
    Program cur = p;
    long global = plan.spilledBytes(Buffer.Space.GLOBAL);
    long globalSize = chip.globalBuffer().map(g -> g.size().bytes()).orElse(0L);
    BufferSizes sizes = plan.sizes;
    while (!plan.overflows().isEmpty()) {
      Map<String, Buffer.Space> moves = new HashMap<>();
      for (Overflow o : plan.overflows()) {
        TileProgram t = cur.tiles().stream().filter(x -> x.tile() == o.tile()).findFirst().orElseThrow();
        String victim = victim(t, plan.allocations(o.tile()), o.live(), o.need() - o.have());
        long bytes = sizes.bytes(o.tile(), victim);
        if (chip.globalBuffer().isPresent() && global + bytes <= globalSize) {
          global += bytes;
          moves.put(victim, Buffer.Space.GLOBAL);
        } else if (chip.dram().isPresent()) {
          moves.put(victim, Buffer.Space.DRAM);
        } else {
          plan.requireFits();
        }
      }
      List<Buffer> buffers = cur.buffers().stream()
          .map(b -> moves.containsKey(b.name()) ? b.in(moves.get(b.name())) : b).toList();
      Set<Integer> moved = new java.util.HashSet<>();
      cur.buffers().stream().filter(b -> moves.containsKey(b.name())).forEach(b -> moved.add(b.tile()));
      cur = new Program(cur.name(), cur.chipName(), cur.chipHash(), cur.inputs(), cur.outputs(), cur.constants(),
          cur.arrays(), buffers, cur.tiles());
      plan = plan(cur, chip, sizes, plan, moved);
    }
    plan.requireFits();
    return new Spilling(cur, plan);
  }

  /** A program with its spilled buffers declared, and its allocation. */
  public record Spilling(Program program, BufferPlan plan) {}

  /**
   * The buffer to spill from a tile that needs {@code excess} bytes more than it has: of the
   * buffers {@code live} at the peak (where the topmost allocation begins), the smallest whose
   * removal alone is enough (best fit: the fewest bytes spilled), the one whose next use at or
   * after the peak is farthest on a tie; when no single buffer is enough, the one whose next use is
   * farthest (Belady's rule), the larger on a tie. Remaining ties go to the first named.
   */
  static String victim(TileProgram t, List<Allocation> allocs, List<String> live, long excess) {
    Allocation top = allocs.stream().max(Comparator.comparingLong(Allocation::end)).orElseThrow();
    int peak = top.first();
    String fit = null;
    long fitBytes = Long.MAX_VALUE;
    int fitNext = -1;
    String far = null;
    int farNext = -1;
    long farBytes = -1;
    for (String name : live) {
      int next = nextUse(t.instrs(), name, peak);
      long bytes = allocs.stream().filter(a -> a.buffer().equals(name)).mapToLong(Allocation::bytes).sum();
      if (bytes >= excess && (bytes < fitBytes || bytes == fitBytes && next > fitNext)) {
        fit = name;
        fitBytes = bytes;
        fitNext = next;
      }
      if (next > farNext || next == farNext && bytes > farBytes) {
        far = name;
        farNext = next;
        farBytes = bytes;
      }
    }
    return fit != null ? fit : far;
  }

  /** The index of the first instruction at or after {@code from} naming {@code name} (the stream's length if none). */
  private static int nextUse(List<Instr> instrs, String name, int from) {
    for (int i = from; i < instrs.size(); i++) {
      if (names(instrs.get(i)).contains(name)) {
        return i;
      }
    }
    return instrs.size();
  }

  /** The buffers that live outside their tiles, in declaration order. */
  public List<Spilled> spilled() {
    return spilled;
  }

  /** Bytes at batch 1 of the buffers spilled to {@code space}. */
  public long spilledBytes(Buffer.Space space) {
    return spilled.stream().filter(s -> s.space() == space).mapToLong(Spilled::bytes).sum();
  }

  /** The tiles that overflow, in tile order (empty when everything fits). */
  public List<Overflow> overflows() {
    return overflows;
  }

  /** Throws {@link DoesNotFitException} naming every overflowing tile with bytes needed and available. */
  public void requireFits() {
    if (overflows.isEmpty() && spaceProblems.isEmpty()) {
      return;
    }
    List<String> parts = new ArrayList<>(spaceProblems);
    Map<TileKind, Long> needs = new EnumMap<>(TileKind.class);
    for (Overflow o : overflows) {
      parts.add("tile " + o.tile() + " (" + o.kind().text() + ") needs " + o.need() + " bytes of buffer, has "
          + o.have());
      needs.merge(o.kind(), o.need(), Math::max);
    }
    throw new DoesNotFitException(program + " does not fit chip " + chip + ": " + String.join("; ", parts), needs);
  }

  /** Bytes of buffer memory each used tile needs at its peak. */
  public Map<Integer, Long> peakBytes() {
    return peak;
  }

  /** The allocations of one tile, in order of first use (empty for an unused tile). */
  public List<Allocation> allocations(int tile) {
    return allocations.getOrDefault(tile, List.of());
  }

  private static List<Allocation> allocateTile(TileProgram t, BufferSizes sizes, Set<String> spilled) {
    Map<String, int[]> live = new LinkedHashMap<>();
    List<Instr> instrs = t.instrs();
    for (int i = 0; i < instrs.size(); i++) {
      for (String name : names(instrs.get(i))) {
        if (sizes.declared(t.tile(), name) && !spilled.contains(BufferSizes.key(t.tile(), name))) {
          final int at = i;
          live.computeIfAbsent(name, k -> new int[] {at, at})[1] = i;
        }
      }
    }
    List<Allocation> out = new ArrayList<>();
    for (Map.Entry<String, int[]> e : live.entrySet()) {
      long bytes = sizes.bytes(t.tile(), e.getKey());
      int start = e.getValue()[0];
      List<Allocation> active = new ArrayList<>();
      for (int j = 0; j < out.size(); j++) {
        if (out.get(j).last() >= start) {
          active.add(out.get(j));
        }
      }
      Allocation reuse = inPlaceSource(instrs.get(start), e.getKey(), start, live, out, bytes);
      long offset = 0;
      if (reuse != null) {
        offset = reuse.offset();
      } else {
        active.sort(Comparator.comparingLong(Allocation::offset));
        for (Allocation a : active) {
          if (a.offset() - offset >= bytes) {
            break;
          }
          offset = Math.max(offset, a.offset() + a.bytes());
        }
      }
      out.add(new Allocation(e.getKey(), t.tile(), offset, bytes, start, e.getValue()[1]));
    }
    return List.copyOf(out);
  }

  /**
   * The allocation {@code dst} may take over: when the instruction first writing dst is a
   * layout-only op (reshape, transpose, flatten, squeeze, unsqueeze, identity) whose one buffer
   * input dies there and is at least as large, dst is written in place of it.
   */
  private static Allocation inPlaceSource(Instr first, String dst, int at, Map<String, int[]> live,
      List<Allocation> placed, long bytes) {
    if (!(first instanceof Instr.Digital d) || !d.outputs().equals(List.of(dst)) || !layoutOnly(d.op())) {
      return null;
    }
    String src = d.inputs().get(0);
    int[] range = src == null ? null : live.get(src);
    if (range == null || range[1] != at) {
      return null;
    }
    for (Allocation a : placed) {
      if (a.buffer().equals(src) && a.bytes() >= bytes) {
        return a;
      }
    }
    return null;
  }

  private static boolean layoutOnly(Op op) {
    return op instanceof Op.Reshape || op instanceof Op.Transpose || op instanceof Op.Flatten
        || op instanceof Op.Squeeze || op instanceof Op.Unsqueeze || op instanceof Op.Identity;
  }

  /** Buffers named by an instruction on its own tile: reads and writes (a send's destination is remote). */
  private static List<String> names(Instr i) {
    List<String> n = new ArrayList<>(i.reads());
    n.addAll(i.writes());
    return n;
  }
}
