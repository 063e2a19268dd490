package ancc.ir.program;

import java.util.List;
import java.util.Objects;

/** The instruction stream of one tile, executed in order (the simulator overlaps what it can). */
public record TileProgram(int tile, TileKind kind, List<Instr> instrs) {
  public TileProgram {
    Objects.requireNonNull(kind, "kind");
    instrs = List.copyOf(instrs);
  }
}
