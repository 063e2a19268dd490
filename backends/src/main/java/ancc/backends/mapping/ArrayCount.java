package ancc.backends.mapping;

/**
 * How many R x C arrays (crossbars or SRAM macros) a weight matrix of M outputs by K inputs
 * needs when each output takes {@code columnsPerOutput} columns: rowBlocks = ceil(K / R),
 * outputsPerArray = floor(C / columnsPerOutput), colBlocks = ceil(M / outputsPerArray), arrays =
 * rowBlocks x colBlocks, times the number of groups (each group of a grouped convolution is its
 * own M/G x K/G matrix).
 */
public record ArrayCount(int groups, int rowBlocks, int outputsPerArray, int colBlocks) {

  /** Arrays in all. */
  public long arrays() {
    return (long) groups * rowBlocks * colBlocks;
  }

  /** Counts for one matrix [outputs, inputs] (or one per group, {@code groups} times). */
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
    return new ArrayCount(groups, Math.toIntExact(rowBlocks), perArray, Math.toIntExact(colBlocks));
  }

  /** A convolution with M output channels, C input channels, {@code group} groups and a kernel of kernelSize taps. */
  public static ArrayCount conv(long outChannels, long inChannels, int group, long kernelSize, int rows, int cols,
      int columnsPerOutput) {
    return of(outChannels / group, inChannels / group * kernelSize, group, rows, cols, columnsPerOutput);
  }

  /** Cell utilization: weights held over cells provided, in [0, 1]. */
  public double utilization(long outputs, long inputs, int rows, int cols, int columnsPerOutput) {
    double used = (double) outputs * inputs * columnsPerOutput;
    return used / ((double) arrays() * rows * cols);
  }
}
