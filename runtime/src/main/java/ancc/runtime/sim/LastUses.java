package ancc.runtime.sim;

import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileProgram;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For each instruction of a program, the declared buffers it is the last on its tile to read or
 * write. Buffers belong to one tile and each instruction runs once, so after that instruction
 * nothing reads them again: the simulation drops them and holds the live buffers, not every
 * buffer of the model.
 */
final class LastUses {
  private final Map<Integer, List<List<String>>> byTile = new HashMap<>();

  LastUses(Program program, Set<String> declared) {
    for (TileProgram tp : program.tiles()) {
      Map<String, Integer> last = new HashMap<>();
      List<Instr> instrs = tp.instrs();
      for (int i = 0; i < instrs.size(); i++) {
        for (String r : instrs.get(i).reads()) {
          if (r != null) {
            last.put(r, i);
          }
        }
        for (String w : instrs.get(i).writes()) {
          last.put(w, i);
        }
      }
      List<List<String>> free = new ArrayList<>();
      for (int i = 0; i < instrs.size(); i++) {
        free.add(new ArrayList<>());
      }
      last.forEach((name, i) -> {
        if (declared.contains(name)) {
          free.get(i).add(name);
        }
      });
      byTile.put(tp.tile(), free);
    }
  }

  /** The buffers instruction {@code index} of tile {@code tile} reads or writes last. */
  List<String> after(int tile, int index) {
    List<List<String>> free = byTile.get(tile);
    return free == null ? List.of() : free.get(index);
  }
}
