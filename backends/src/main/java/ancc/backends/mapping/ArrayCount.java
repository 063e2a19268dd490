package ancc.backends.mapping;

/**
 * How many R x C arrays (crossbars or SRAM macros) a weight matrix of M outputs by K inputs
 * needs when each output takes {@code columnsPerOutput} columns: rowBlocks = ceil(K / R),
 * outputsPerArray = floor(C / columnsPerOutput), colBlocks = ceil(M / outputsPerArray), arrays =
 * rowBlocks x colBlocks per group. A grouped convolution is G matrices of M/G x K/G; when one
 * group fits one array (a single row and column block), {@code groupsPerArray} = min(G, floor(R /
 * K), floor(outputsPerArray / M)) consecutive groups share an array as a block-diagonal matrix,
 * so the layer needs ceil(G / groupsPerArray) arrays; otherwise every group has its own blocks.
 */
public record ArrayCount(int groups, int rowBlocks, int outputsPerArray, int colBlocks, int groupsPerArray) {

  /** Arrays in all. */
  public long arrays() {
    return (long) packs() * rowBlocks * colBlocks;
  }

  /** Arrays' worth of groups: ceil(groups / groupsPerArray). */
  public int packs() {
    return (groups + groupsPerArray - 1) / groupsPerArray;
  }

  /**
   * Counts for one matrix [outputs, inputs] (or one per group, {@code groups} of them, packed
   * block-diagonally when a group fits one array).
   */
  public static ArrayCount of(long outputs, long inputs, int groups, int rows, int cols, int columnsPerOutput) {
    if (outputs <= 0 || inputs <= 0 || groups <= 0 || rows <= 0 || cols <= 0 || columnsPerOutput <= 0) {
      throw new IllegalArgumentException("array count needs positive sizes");
    }
    int perArray = cols / columnsPerOutput;
    if (perArray == 0) {
      throw new IllegalArgumentException("one output needs " + columnsPerOutput + " columns, arrays have " + cols);
    }
    long rowBlocks = (inputs + rows - 1) / rows;
    long colBlocks = (outputs + perArray - 1) / perArray;
    int pack = 1;
    if (rowBlocks == 1 && colBlocks == 1) {
      pack = (int) Math.min(groups, Math.min(rows / inputs, perArray / outputs));
    }
    return new ArrayCount(groups, Math.toIntExact(rowBlocks), perArray, Math.toIntExact(colBlocks), pack);
  }

  /** A convolution with M output channels, C input channels, {@code group} groups and a kernel of kernelSize taps. */
  public static ArrayCount conv(long outChannels, long inChannels, int group, long kernelSize, int rows, int cols,
      int columnsPerOutput) {
    return of(outChannels / group, inChannels / group * kernelSize, group, rows, cols, columnsPerOutput);
  }

  /**
   * Cell utilization: the cells holding the layer's weights (weights x columnsPerOutput; the zero
   * blocks of a packed grouped layer do not count) over the cells of its arrays, in [0, 1].
   * {@code outputs} is M (all groups), {@code inputs} K of one group.
   */
  public double utilization(long outputs, long inputs, int rows, int cols, int columnsPerOutput) {
    double used = (double) outputs * inputs * columnsPerOutput;
    return used / ((double) arrays() * rows * cols);
  }
}
