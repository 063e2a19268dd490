package ancc.cli;

import ancc.backends.target.CimParams;
import ancc.compiler.driver.Artifacts;
import ancc.compiler.driver.Compilation;
import ancc.compiler.driver.LayerRow;
import ancc.compiler.report.SpillInfo;
import ancc.ir.chip.Chip;
import ancc.ir.chip.ChipScaling;
import ancc.ir.program.Buffer;
import ancc.ir.program.TileKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one-screen summary {@code ancc compile} prints: a header, one row per layer (layer, op,
 * tile kind, arrays, utilization, tiles), then totals: arrays per kind against the chip's,
 * tiles used, instructions, program size, hop-weighted mesh traffic and the buffers spilled to the
 * global buffer or DRAM, if any.
 */
final class CompileSummary {
  private static final int MAX_LAYER = 44;

  private CompileSummary() {}

  static String format(Compilation c, Artifacts files, String modelFile, String calibration) {
    Chip chip = c.chip();
    StringBuilder sb = new StringBuilder();
    sb.append(modelFile).append(" on chip ").append(chip.name()).append(", placement ").append(c.placement())
        .append(", calibration ").append(calibration).append('\n');
    ChipScaling.scaledFrom(chip).ifPresent(from -> sb.append(String.format(Locale.ROOT,
        "chip %s scaled from %s to fit: %s, %.4g mm2 of tiles%n", chip.name(), from, ChipScaling.shape(chip),
        ChipScaling.areaMm2(chip))));
    int width = "layer".length();
    for (LayerRow r : c.layers()) {
      width = Math.max(width, Math.min(MAX_LAYER, r.layer().length()));
    }
    String rowFormat = "%-" + width + "s  %-20s %-9s %6s %6s  %s%n";
    sb.append(String.format(Locale.ROOT, rowFormat, "layer", "op", "tile", "arrays", "util", "tiles"));
    for (LayerRow r : c.layers()) {
      sb.append(String.format(Locale.ROOT, rowFormat, shorten(r.layer()), r.op(), r.kind().text(),
          r.arrays() == 0 ? "-" : Integer.toString(r.arrays()), r.arrays() == 0 ? "-" : percent(r.utilization()),
          tiles(r.tiles())));
    }
    sb.append('\n');
    for (TileKind kind : List.of(TileKind.MEMRISTOR, TileKind.SRAM)) {
      CimParams p = CimParams.of(chip, kind).orElse(null);
      if (p != null) {
        long used = c.arrays(kind);
        sb.append(String.format(Locale.ROOT, "%-17s %d of %d %s used", kind.text() + " arrays:", used,
            chip.arrays(kind), p.arrayNoun()));
        if (used > 0) {
          sb.append(", cell utilization ").append(percent(c.utilization(kind)));
        }
        sb.append('\n');
      }
    }
    List<String> perKind = new ArrayList<>();
    for (TileKind kind : TileKind.values()) {
      if (chip.has(kind)) {
        perKind.add(kind.text() + " " + c.tilesUsed(kind) + "/" + chip.tileCount(kind));
      }
    }
    sb.append(String.format(Locale.ROOT, "%-17s %d of %d (%s)%n", "tiles used:", c.tilesUsed(), chip.tileCount(),
        String.join(", ", perKind)));
    sb.append(String.format(Locale.ROOT, "%-17s %d%n", "instructions:", c.instructionCount()));
    sb.append(String.format(Locale.ROOT, "%-17s %d bytes (.xbp + .xbp.bin)%n", "program:", files.programBytes()));
    sb.append(String.format(Locale.ROOT, "%-17s %d byte-hops per inference (bytes sent x mesh hops, batch 1)%n",
        "mesh traffic:", c.trafficHopBytes()));
    long spilled = c.program().buffers().stream().filter(Buffer::spilled).count();
    if (spilled > 0) {
      sb.append(String.format(Locale.ROOT, "%-17s %d buffers: %d bytes to the global buffer, %d bytes to DRAM"
          + " (as allocated)%n", "spilled:", spilled, SpillInfo.bytes(c.program(), chip, Buffer.Space.GLOBAL),
          SpillInfo.bytes(c.program(), chip, Buffer.Space.DRAM)));
    }
    return sb.toString();
  }

  private static String percent(double f) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * f);
  }

  /** Long layer names keep their end, which tells layers apart. */
  private static String shorten(String layer) {
    return layer.length() <= MAX_LAYER ? layer : ".." + layer.substring(layer.length() - MAX_LAYER + 2);
  }

  /** "0", "0,1,5", or "0-3" for a run of consecutive tiles, "0-3,6". */
  static String tiles(List<Integer> tiles) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < tiles.size()) {
      int j = i;
      while (j + 1 < tiles.size() && tiles.get(j + 1) == tiles.get(j) + 1) {
        j++;
      }
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(tiles.get(i));
      if (j > i) {
        sb.append(j > i + 1 ? "-" : ",").append(tiles.get(j));
      }
      i = j + 1;
    }
    return sb.toString();
  }
}
