package ancc.compiler.driver;

import ancc.ir.program.TileKind;
import java.util.List;

/**
 * One node of a compilation summary: its layer name (the ONNX node name, or {@code %output}
 * when it has none), op, tile kind, arrays (crossbars or SRAM macros) it occupies, their
 * utilization (cells holding its weights / cells of those arrays, see {@code ArrayUsage}; 0
 * without arrays) and the tiles it
 * runs on.
 */
public record LayerRow(String layer, String op, TileKind kind, int arrays, double utilization, List<Integer> tiles) {
  public LayerRow {
    tiles = List.copyOf(tiles);
  }
}
