package ancc.compiler.driver;

import ancc.backends.Assignment;
import ancc.backends.Backends;
import ancc.backends.DoesNotFitException;
import ancc.backends.cim.CimBackend;
import ancc.backends.target.CimParams;
import ancc.ir.chip.Chip;
import ancc.ir.chip.ChipScaling;
import ancc.ir.chip.ChipScaling.Need;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.program.TileKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a model needs of a chip, per tile kind, and the chip of the base chip's design that holds
 * it ({@code scale-to-fit}; docs/mapping.md, "Scaling a chip to the model"). The arrays a placed
 * model needs are the CIM backends' own count (the one {@code Lowering} checks against the chip);
 * digital work needs one digital tile. Buffers are only known once lowered: {@link #grow} adds
 * tiles of the kind whose buffer overflowed.
 */
final class ChipFit {
  /** Rounds of adding tiles after a buffer overflow before giving up. */
  static final int BUFFER_ROUNDS = 4;

  /** BufferPlan's overflow message: "tile 9 (memristor) needs 65600 bytes of buffer, has 65536". */

  private ChipFit() {}

  /** Arrays per CIM kind and a digital tile for digital work, of {@code placed} as {@code a} places it on {@code chip}'s design. */
  static Map<TileKind, Need> needs(Module placed, Assignment a, Chip chip) {
    Map<TileKind, Long> arrays = new EnumMap<>(TileKind.class);
    Map<TileKind, Need> out = new EnumMap<>(TileKind.class);
    for (Node n : placed.nodes()) {
      TileKind kind = a.kindOf(n);
      if (kind == TileKind.DIGITAL) {
        out.put(kind, new Need(0, 1));
      } else if (chip.has(kind) && Backends.of(kind).supports(n, placed, chip).supported()) {
        arrays.merge(kind, ((CimBackend) Backends.of(kind)).arrays(n, placed, chip), Long::sum);
      } else {
        arrays.merge(kind, 0L, Long::sum); // lowering names the node its kind cannot take
      }
    }
    arrays.forEach((k, v) -> out.put(k, new Need(v, 1)));
    return out;
  }

  /**
   * The needs of the most array-hungry candidates the partitioner chooses among: per CIM kind of
   * the chip, every node that kind can map placed on it (all-memristor's crossbars, all-SRAM's
   * macros), and a digital tile. A chip that holds them holds every placement.
   */
  static Map<TileKind, Need> hungriest(Module m, Chip chip) {
    Map<TileKind, Need> out = new EnumMap<>(TileKind.class);
    for (TileKind kind : List.of(TileKind.MEMRISTOR, TileKind.SRAM)) {
      if (chip.has(kind)) {
        Need n = needs(m, Assignment.uniform(m, kind), chip).get(kind);
        if (n != null) {
          out.put(kind, n);
        }
      }
    }
    if (chip.has(TileKind.DIGITAL)) {
      out.put(TileKind.DIGITAL, new Need(0, 1));
    }
    return out;
  }

  /** {@link ChipScaling#fit}, a kind the chip has no tiles of being a does-not-fit error. */
  static Chip fit(Chip base, Map<TileKind, Need> needs) {
    for (TileKind kind : needs.keySet()) {
      if (!base.has(kind) && (needs.get(kind).arrays() > 0 || needs.get(kind).tiles() > 0)) {
        throw new DoesNotFitException("the model needs " + kind.text() + " tiles and chip " + base.name()
            + " has none, so scale-to-fit has no " + kind.text() + " tile to repeat");
      }
    }
    return ChipScaling.fit(base, needs);
  }

  /** The largest buffer need {@code e} reports ({@link DoesNotFitException#bufferNeeds}), bytes; -1 when none. */
  static long overflowBytes(DoesNotFitException e) {
    return e.bufferNeeds().values().stream().mapToLong(Long::longValue).max().orElse(-1);
  }

  /**
   * After a buffer overflow on {@code current} ({@code e}), {@code base} grown to {@code current}'s
   * tiles plus half as many again (at least one) of the overflowing kinds; null when {@code e} is
   * not a buffer overflow.
   */
  static Chip grow(Chip base, Chip current, DoesNotFitException e) {
    Set<TileKind> kinds = e.bufferNeeds().keySet();
    if (kinds.isEmpty()) {
      return null;
    }
    Map<TileKind, Need> needs = new EnumMap<>(TileKind.class);
    for (TileKind k : TileKind.values()) {
      int n = current.tileCount(k);
      if (n > 0) {
        needs.put(k, new Need(0, kinds.contains(k) ? n + Math.max(1, n / 2) : n));
      }
    }
    return ChipScaling.fit(base, needs);
  }

  /**
   * "needs 727 crossbars of 256x256 (91 memristor tiles of 8), chip has 128 (16 tiles)" for every
   * CIM kind of the chip whose arrays fall short, joined by "; "; empty when the arrays suffice.
   */
  static String shortfall(Map<TileKind, Need> needs, Chip chip) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<TileKind, Need> e : needs.entrySet()) {
      TileKind kind = e.getKey();
      long need = e.getValue().arrays();
      if (kind == TileKind.DIGITAL || !chip.has(kind) || need <= chip.arrays(kind)) {
        continue; // a kind the chip lacks is lowering's to report
      }
      int perTile = chip.spec(kind).orElseThrow().arraysPerTile();
      long tiles = chip.tileCount(kind) + (need - chip.arrays(kind) + perTile - 1) / perTile;
      String noun = CimParams.of(chip, kind).map(CimParams::arrayNoun).orElse("arrays");
      parts.add(String.format(Locale.ROOT, "needs %d %s (%d %s tiles of %d), chip has %d (%d tiles)", need, noun,
          tiles, kind.text(), perTile, chip.arrays(kind), chip.tileCount(kind)));
    }
    return String.join("; ", parts);
  }
}
