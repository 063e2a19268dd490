package ancc.runtime.sim.timing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The timing of a program on a chip: the whole batch ({@code totalCycles}), one inference alone
 * ({@code latencyCycles}, the same program run at batch 1), the steady-state throughput when
 * inferences stream through the tiles (limited by the busiest tile or mesh link, see
 * {@link #bottleneckCycles}), per-tile busy cycles and utilization, per-resource busy cycles and
 * every instruction's [start, end) cycles in the batch run.
 *
 * @param bottleneckCycles busy cycles per inference of the busiest tile or link (at this batch)
 */
public record Timing(long batch, double clockHz, long totalCycles, long latencyCycles, double bottleneckCycles,
    String bottleneck, List<TileTiming> tiles, Map<Resource, Long> resourceBusy, List<InstrTiming> instrs) {

  public Timing {
    tiles = List.copyOf(tiles);
    resourceBusy = Collections.unmodifiableMap(new LinkedHashMap<>(resourceBusy));
    instrs = List.copyOf(instrs);
  }

  /** Seconds for the whole batch. */
  public double seconds() {
    return totalCycles / clockHz;
  }

  /** Seconds of one inference alone (batch 1). */
  public double latencySeconds() {
    return latencyCycles / clockHz;
  }

  /** Steady-state inferences per second: clock / bottleneck cycles per inference. */
  public double throughput() {
    return bottleneckCycles <= 0 ? Double.POSITIVE_INFINITY : clockHz / bottleneckCycles;
  }

  /** Timing of tile {@code tile}, or null if it has no program. */
  public TileTiming tile(int tile) {
    for (TileTiming t : tiles) {
      if (t.tile() == tile) {
        return t;
      }
    }
    return null;
  }

  /** The start/end of instruction {@code index} of tile {@code tile}. */
  public InstrTiming instr(int tile, int index) {
    for (InstrTiming t : instrs) {
      if (t.tile() == tile && t.index() == index) {
        return t;
      }
    }
    throw new IllegalArgumentException("no instruction " + index + " on tile " + tile);
  }

  /** A short multi-line summary. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "batch %d: %d cycles (%.3f us); latency %d cycles (%.3f us); "
        + "throughput %.1f inf/s (bottleneck %s)%n", batch, totalCycles, seconds() * 1e6, latencyCycles,
        latencySeconds() * 1e6, throughput(), bottleneck));
    for (TileTiming t : tiles) {
      sb.append(String.format(Locale.ROOT, "  tile %d: busy %d cycles, utilization %.1f%%%n", t.tile(),
          t.busyCycles(), 100 * t.utilization()));
    }
    return sb.toString();
  }
}
