package ancc.compiler.partition;

import ancc.ir.program.TileKind;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * What the solvers minimize (docs/partitioning.md, "Objective"): {@code value(pick)}, the modelled
 * ledger energy per inference of a choice per unit, subject to the combined drop ({@link Drops}:
 * 1 - prod(1 - d_i)) within the budget and each CIM kind's arrays within the chip's. The solvers also see a separable lower bound of
 * it: per unit and choice a {@link Term} (energy and cycles that choice costs for sure), the
 * energy and cycles of everything else ({@code fixedPj}, {@code fixedCycles}), and the leakage
 * of tiles: for a pick that needs {@code n_k = ceil(arrays_k / arraysPerTile_k)} tiles of each CIM
 * kind, with {@code lambda = basePjPerCycle + sum_k n_k x leakPjPerCycle_k},
 *
 * <pre>
 *   value(pick) >= fixedPj + sum_i pj_i + lambda x (fixedCycles + sum_i cycles_i).
 * </pre>
 *
 * The ledger charges every used tile's leakage over the whole run, so this holds whenever the
 * placement uses at least {@code n_k} tiles of each kind, at least the digital tiles in {@code
 * basePjPerCycle}, and the run lasts at least the summed cycles.
 *
 * @param units per unit, the terms of its choices (index as in the choice lists)
 * @param capacity arrays per CIM kind on the chip
 * @param tiles per CIM kind, its arrays per tile and leakage per tile (kinds absent: no tiles)
 */
record Problem(List<List<Term>> units, Map<TileKind, Long> capacity, Map<TileKind, Tiles> tiles,
    double basePjPerCycle, double fixedPj, long fixedCycles, ToDoubleFunction<int[]> value) {

  /** One choice of a unit: energy (pJ) and cycles it costs for sure, its arrays, its predicted drop. */
  record Term(double pj, long cycles, long memristorArrays, long sramArrays, double drop) {
    long arrays(TileKind k) {
      return k == TileKind.MEMRISTOR ? memristorArrays : k == TileKind.SRAM ? sramArrays : 0;
    }
  }

  /** The tiles of one CIM kind: arrays per tile, tiles on the chip, leakage of one tile in pJ per clock cycle. */
  record Tiles(int arraysPerTile, int count, double leakPjPerCycle) {
    /** Tiles {@code arrays} arrays need at least. */
    long needed(long arrays) {
      return arraysPerTile <= 0 ? (arrays > 0 ? Long.MAX_VALUE : 0) : (arrays + arraysPerTile - 1) / arraysPerTile;
    }
  }

  /** The additive problem of {@code choices}: value = sum of the chosen energies, no leakage. */
  static Problem additive(List<List<Choice>> choices, Map<TileKind, Long> capacity) {
    List<List<Term>> units = choices.stream().map(cs -> cs.stream()
        .map(c -> new Term(c.energyPj(), 0, c.memristorArrays(), c.sramArrays(), c.drop())).toList()).toList();
    return new Problem(units, capacity, Map.of(), 0, 0, 0, pick -> {
      double e = 0;
      for (int i = 0; i < pick.length; i++) {
        e += units.get(i).get(pick[i]).pj();
      }
      return e;
    });
  }

  /** Combined predicted drop of {@code pick} ({@link Drops}: 1 - prod(1 - d_i)). */
  double drop(int[] pick) {
    double d = 0;
    for (int i = 0; i < pick.length; i++) {
      d = Drops.combine(d, units.get(i).get(pick[i]).drop());
    }
    return d;
  }

  /** Whether the arrays of the first {@code count} units of {@code pick} fit the chip. */
  boolean fits(int[] pick, int count) {
    for (TileKind k : List.of(TileKind.MEMRISTOR, TileKind.SRAM)) {
      long used = 0;
      for (int i = 0; i < count; i++) {
        used += units.get(i).get(pick[i]).arrays(k);
      }
      if (used > capacity.getOrDefault(k, Long.MAX_VALUE)) {
        return false;
      }
    }
    return true;
  }
}
