package ancc.runtime.sim.timing;

import ancc.ir.InvalidInputException;
import ancc.ir.chip.Chip;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileProgram;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * The event-driven engine. An event (time, tile) says "tile may issue its next instruction at
 * time or later". The earliest start s of the next instruction is the largest of: the event time,
 * the previous instruction's start on the tile (in-order issue), the end of the last writer of
 * every buffer it reads or writes and of the last reader of every buffer it writes, the arrival
 * of the matching send (recv), the last arrival at the barrier (barrier), and, per stage j, the
 * time its resources are free minus the stage's offset. A buffer that streams by rows
 * ({@link RowStreams}) is ready for its readers once its first slab is written, not at its writer's
 * end, and a reader of it ends no earlier than the writer's end plus the reader's time for the last
 * slab; a recv of a streamed buffer likewise follows its send's transfer (row pipelining,
 * docs/energy-model.md). Such a row-streaming instruction does not wait for its resources to be
 * free: it shares them row by row with the work on them, and ends no earlier than that work plus
 * its own items on each resource. A send whose s lies after the event time
 * is put back in the queue at s so that transfers claim mesh links first come, first served.
 * Time jumps from event to event; no cycle is stepped.
 */
final class Scheduler {
  private record Event(long time, int tile, long seq) {}

  /** When a send's transfer starts and ends (its data arrive uniformly in between). */
  private record Arrival(long start, long end) {}

  private final Program program;
  private final StageModel model;
  private final Map<Integer, TileUnits> units = new HashMap<>();
  private final Map<Integer, TileProgram> tiles = new TreeMap<>();
  private final Map<Integer, Integer> next = new HashMap<>();
  private final Map<Integer, Long> lastStart = new HashMap<>();
  private final RowStreams streams;
  private final Map<String, Long> writeStart = new HashMap<>();
  private final Map<String, Long> writeEnd = new HashMap<>();
  private final Map<String, Long> readEnd = new HashMap<>();
  private final Map<Resource, Long> freeAt = new HashMap<>();
  private final Map<Resource, Long> busy = new TreeMap<>();
  private final Map<String, ArrayDeque<Arrival>> arrivals = new HashMap<>();
  private final Map<String, Integer> waitingOn = new HashMap<>();
  private final Map<Long, List<Integer>> barrierTiles = new HashMap<>();
  private final Map<Long, Long> barrierTime = new HashMap<>();
  private final Map<Integer, List<InstrTiming>> done = new TreeMap<>();
  private final PriorityQueue<Event> queue =
      new PriorityQueue<>(Comparator.comparingLong(Event::time).thenComparingInt(Event::tile)
          .thenComparingLong(Event::seq));
  private long seq;

  Scheduler(Program program, Chip chip, long batch) {
    this.program = program;
    this.model = new StageModel(program, chip, new Shapes(program, batch));
    this.streams = RowStreams.of(program);
    for (TileProgram tp : program.tiles()) {
      tiles.put(tp.tile(), tp);
      units.put(tp.tile(), TileUnits.of(chip, tp.tile()));
      next.put(tp.tile(), 0);
      lastStart.put(tp.tile(), 0L);
      done.put(tp.tile(), new ArrayList<>());
    }
  }

  Schedule run() {
    for (int t : tiles.keySet()) {
      push(0, t);
    }
    while (!queue.isEmpty()) {
      Event e = queue.poll();
      step(e.time(), e.tile());
    }
    for (TileProgram tp : tiles.values()) {
      int i = next.get(tp.tile());
      if (i < tp.instrs().size()) {
        throw new InvalidInputException("program @" + program.name() + ": tile " + tp.tile() + " instr " + i + " ("
            + tp.instrs().get(i).name() + ") waits forever (deadlock: no matching send or barrier)");
      }
    }
    long total = 0;
    List<InstrTiming> all = new ArrayList<>();
    Map<Integer, Long> tileBusy = new LinkedHashMap<>();
    for (Map.Entry<Integer, List<InstrTiming>> en : done.entrySet()) {
      long b = 0;
      long curStart = -1;
      long curEnd = -1;
      for (InstrTiming it : en.getValue()) {
        total = Math.max(total, it.end());
        if (it.start() >= curEnd) {
          b += curEnd - curStart;
          curStart = it.start();
          curEnd = it.end();
        } else {
          curEnd = Math.max(curEnd, it.end());
        }
      }
      tileBusy.put(en.getKey(), b + (curEnd - curStart));
      all.addAll(en.getValue());
    }
    // every event pushed was polled (the queue is empty), so the sequence number counts them
    return new Schedule(total, all, tileBusy, busy, seq);
  }

  private void push(long time, int tile) {
    queue.add(new Event(time, tile, seq++));
  }

  private void step(long time, int tile) {
    TileProgram tp = tiles.get(tile);
    int idx = next.get(tile);
    if (idx >= tp.instrs().size()) {
      return;
    }
    Instr in = tp.instrs().get(idx);
    long s = Math.max(time, lastStart.get(tile));
    for (String r : in.reads()) {
      s = Math.max(s, readyAt(r, writeStart.getOrDefault(r, 0L), writeEnd.getOrDefault(r, 0L)));
    }
    for (String w : in.writes()) {
      s = Math.max(s, Math.max(writeEnd.getOrDefault(w, 0L), readEnd.getOrDefault(w, 0L)));
    }
    Arrival arrival = null;
    if (in instanceof Instr.Recv r) {
      String key = channel(r.fromTile(), tile, r.dst());
      ArrayDeque<Arrival> q = arrivals.get(key);
      if (q == null || q.isEmpty()) {
        waitingOn.put(key, tile);
        return;
      }
      arrival = q.poll();
      s = Math.max(s, readyAt(r.dst(), arrival.start(), arrival.end()));
    } else if (in instanceof Instr.Barrier b) {
      barrier(b.id(), tile, s);
      return;
    }
    Work w = model.work(in, units.get(tile));
    boolean streaming = in.reads().stream().anyMatch(streams::streamed)
        || arrival != null && streams.streamed(((Instr.Recv) in).dst());
    if (!streaming) {
      s = Math.max(s, resourceBound(w));
    }
    if (in instanceof Instr.Send && s > time) {
      push(s, tile);
      return;
    }
    long end = s + w.duration();
    for (String r : in.reads()) {
      end = Math.max(end, tail(r, writeEnd.getOrDefault(r, 0L), w.duration()));
    }
    if (arrival != null) {
      end = Math.max(end, tail(((Instr.Recv) in).dst(), arrival.end(), w.duration()));
    }
    if (streaming) {
      end = Math.max(end, shareBound(w));
    }
    commit(tile, idx, in, w, s, end, streaming);
  }

  /**
   * The earliest end of a row-streaming instruction that shares its resources row by row with the
   * work already on them: each resource finishes what it holds, then this instruction's items on
   * it, then the later stages' remainder (work-conserving, no resource does two things at once).
   */
  private long shareBound(Work w) {
    long end = 0;
    for (int j = 0; j < w.stages().size(); j++) {
      Stage st = w.stages().get(j);
      long after = w.duration() - w.stageEnd(j);
      for (Resource r : st.resources()) {
        end = Math.max(end, freeAt.getOrDefault(r, 0L) + w.items() * st.cyclesPerItem() + after);
      }
    }
    return end;
  }

  /**
   * When a reader of {@code name}, written from {@code start} to {@code end}, may start: at the end,
   * or, for a buffer that streams by rows, once its first slab is written (the writer emits its
   * rows evenly over its interval; docs/energy-model.md, "Row pipelining").
   */
  private long readyAt(String name, long start, long end) {
    if (!streams.streamed(name) || end <= start) {
      return end;
    }
    return start + (long) Math.ceil((end - start) * streams.fraction(name));
  }

  /** The earliest end of a reader of {@code name} taking {@code duration}: its last slab after the writer's end. */
  private long tail(String name, long writerEnd, long duration) {
    if (!streams.streamed(name)) {
      return 0;
    }
    return writerEnd + (long) Math.ceil(duration * streams.fraction(name));
  }

  private long resourceBound(Work w) {
    long s = 0;
    for (int j = 0; j < w.stages().size(); j++) {
      long offset = w.stageStart(j);
      for (Resource r : w.stages().get(j).resources()) {
        s = Math.max(s, freeAt.getOrDefault(r, 0L) - offset);
      }
    }
    return s;
  }

  private void commit(int tile, int idx, Instr in, Work w, long s, long end, boolean streaming) {
    for (int j = 0; j < w.stages().size(); j++) {
      Stage st = w.stages().get(j);
      for (Resource r : st.resources()) {
        long shared = streaming ? freeAt.getOrDefault(r, 0L) + w.items() * st.cyclesPerItem() : 0;
        freeAt.put(r, Math.max(s + w.stageEnd(j), shared));
        busy.merge(r, w.items() * st.cyclesPerItem(), Long::sum);
      }
    }
    for (String r : in.reads()) {
      readEnd.merge(r, end, Math::max);
    }
    for (String wr : in.writes()) {
      writeStart.put(wr, s);
      writeEnd.put(wr, end);
    }
    done.get(tile).add(new InstrTiming(tile, idx, in.name(), s, end));
    lastStart.put(tile, s);
    next.put(tile, idx + 1);
    if (in instanceof Instr.Send send) {
      String key = channel(tile, send.toTile(), send.dst());
      arrivals.computeIfAbsent(key, k -> new ArrayDeque<>()).add(new Arrival(s, end));
      Integer waiter = waitingOn.remove(key);
      if (waiter != null) {
        push(s, waiter);
      }
    }
    push(s, tile);
  }

  private void barrier(long id, int tile, long s) {
    List<Integer> arrived = barrierTiles.computeIfAbsent(id, k -> new ArrayList<>());
    arrived.add(tile);
    long t = Math.max(barrierTime.getOrDefault(id, 0L), s);
    barrierTime.put(id, t);
    if (arrived.size() < tiles.size()) {
      return;
    }
    for (int waiter : arrived) {
      int idx = next.get(waiter);
      done.get(waiter).add(new InstrTiming(waiter, idx, "barrier", t, t));
      lastStart.put(waiter, t);
      next.put(waiter, idx + 1);
      push(t, waiter);
    }
    barrierTiles.remove(id);
  }

  private static String channel(int from, int to, String dst) {
    return from + "->" + to + ":" + dst;
  }
}
