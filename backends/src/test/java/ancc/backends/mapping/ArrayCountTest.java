package ancc.backends.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ancc.ir.program.WeightEncoding;
import org.junit.jupiter.api.Test;

class ArrayCountTest {
  @Test
  void gemm784x256OnDifferentialPairs() {
    // 8-bit weights, 2 slices of 4 bits, +/- pairs: 4 columns per output, 64 outputs per array.
    WeightFormat f = new WeightFormat(8, 2, 4, WeightEncoding.DIFFERENTIAL, 16);
    assertEquals(4, f.columnsPerOutput());
    ArrayCount c = ArrayCount.of(256, 784, 1, 256, 256, f.columnsPerOutput());
    assertEquals(4, c.rowBlocks());
    assertEquals(64, c.outputsPerArray());
    assertEquals(4, c.colBlocks());
    assertEquals(16, c.arrays());
  }

  @Test
  void offsetAndTwosComplement() {
    // offset, 8 bits in 2 slices: 2 columns per output -> 128 per array.
    ArrayCount o = ArrayCount.of(256, 784, 1, 256, 256, 2);
    assertEquals(8, o.arrays());
    // SRAM macro 64 x 64, 8 bit columns per output: 8 outputs per macro; 120x400 -> 7 x 15.
    ArrayCount s = ArrayCount.of(120, 400, 1, 64, 64, WeightFormat.twosComplement(8).columnsPerOutput());
    assertEquals(7, s.rowBlocks());
    assertEquals(15, s.colBlocks());
    assertEquals(105, s.arrays());
  }

  @Test
  void convCounts() {
    // lenet conv2: 16 x 6 x 5 x 5 -> K = 150 on 256 x 256, 4 columns per output: 1 array.
    assertEquals(1, ArrayCount.conv(16, 6, 1, 25, 256, 256, 4).arrays());
    // resnet block3 conv2: 64 x 64 x 3 x 3 -> K = 576: 3 row blocks x 1 column block.
    ArrayCount c = ArrayCount.conv(64, 64, 1, 9, 256, 256, 4);
    assertEquals(3, c.rowBlocks());
    assertEquals(3, c.arrays());
    // depthwise 32 channels, 3x3: 32 groups of a 1 x 9 matrix, floor(256 / 9) = 28 per array
    // (block-diagonal): 2 arrays instead of 32.
    ArrayCount d = ArrayCount.conv(32, 32, 32, 9, 256, 256, 4);
    assertEquals(1, d.rowBlocks());
    assertEquals(28, d.groupsPerArray());
    assertEquals(2, d.arrays());
    assertEquals(32.0 * 9 * 4 / (2.0 * 256 * 256), d.utilization(32, 9, 256, 256, 4), 1e-12);
    // depthwise 64 channels: ceil(64 x 9 / 256) = 3 arrays.
    assertEquals(3, ArrayCount.conv(64, 64, 64, 9, 256, 256, 4).arrays());
    // grouped: 64 -> 128 channels in 4 groups, 3x3: each group 32 outputs x 144 inputs, 128 columns;
    // a group needs 2 row blocks, so groups are not packed.
    ArrayCount g = ArrayCount.conv(128, 64, 4, 9, 128, 128, 4);
    assertEquals(2, g.rowBlocks());
    assertEquals(1, g.colBlocks());
    assertEquals(1, g.groupsPerArray());
    assertEquals(8, g.arrays());
    assertEquals(32.0 * 144 * 4 * 4 / (8.0 * 128 * 128), g.utilization(128, 144, 128, 128, 4), 1e-12);
    // 32 -> 32 channels in 4 groups, 3x3: 8 outputs x 72 inputs per group; rows hold 3 groups
    // (216 of 256), columns 8 (64 outputs): 3 groups per array, 2 arrays.
    ArrayCount p = ArrayCount.conv(32, 32, 4, 9, 256, 256, 4);
    assertEquals(3, p.groupsPerArray());
    assertEquals(2, p.arrays());
    // columns bound the packing: 64 outputs per group on 256 columns (64 outputs per array).
    assertEquals(1, ArrayCount.conv(256, 32, 4, 1, 256, 256, 4).groupsPerArray());
    // SRAM 64 x 64 macro, 8 columns per output (8 outputs): depthwise 3x3 packs min(7, 8) = 7.
    assertEquals(7, ArrayCount.conv(64, 64, 64, 9, 64, 64, 8).groupsPerArray());
    assertEquals(10, ArrayCount.conv(64, 64, 64, 9, 64, 64, 8).arrays());
  }
}
