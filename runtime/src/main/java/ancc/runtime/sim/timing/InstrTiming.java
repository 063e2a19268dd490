package ancc.runtime.sim.timing;

/** When instruction {@code index} of tile {@code tile} ran: cycles [start, end). */
public record InstrTiming(int tile, int index, String name, long start, long end) {
  public long cycles() {
    return end - start;
  }
}
