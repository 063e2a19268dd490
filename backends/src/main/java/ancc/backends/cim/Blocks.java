package ancc.backends.cim;

import ancc.backends.mapping.ArrayCount;
import java.util.ArrayList;
import java.util.List;

/**
 * The weight blocks of a (block-diagonal) matrix, one per array, in placement order: pack of
 * groups, then column block, then row block, so that the row blocks whose partial sums are
 * accumulated together are adjacent. Offsets are in the expanded matrix. When groups are packed
 * ({@link ArrayCount#groupsPerArray()} > 1), an array's block spans the inputs and outputs of its
 * consecutive groups: a block-diagonal matrix whose off-diagonal cells hold weight 0, fed by the
 * im2col columns of those groups' channel range in order.
 */
record Blocks(ArrayCount count, List<Block> blocks) {

  /** One array's block: inputs [inStart, +inCount), outputs [outStart, +outCount); column block id. */
  record Block(int columnBlock, int inStart, int inCount, int outStart, int outCount) {}

  static Blocks of(int outputs, int inputsPerGroup, int groups, int rows, int cols, int columnsPerOutput) {
    int mg = outputs / groups;
    ArrayCount count = ArrayCount.of(mg, inputsPerGroup, groups, rows, cols, columnsPerOutput);
    int per = count.groupsPerArray();
    List<Block> list = new ArrayList<>();
    int columnBlock = 0;
    for (int g = 0; g < groups; g += per) {
      int n = Math.min(per, groups - g);
      for (int cb = 0; cb < count.colBlocks(); cb++) {
        int outStart = g * mg + cb * count.outputsPerArray();
        int outCount = n > 1 ? n * mg : Math.min(count.outputsPerArray(), mg - cb * count.outputsPerArray());
        for (int rb = 0; rb < count.rowBlocks(); rb++) {
          int inStart = g * inputsPerGroup + rb * rows;
          int inCount = n > 1 ? n * inputsPerGroup : Math.min(rows, inputsPerGroup - rb * rows);
          list.add(new Block(columnBlock, inStart, inCount, outStart, outCount));
        }
        columnBlock++;
      }
    }
    return new Blocks(count, List.copyOf(list));
  }
}
