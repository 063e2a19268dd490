package ancc.ir.program;

/** How signed integer weights are stored in unsigned cells. */
public enum WeightEncoding {
  /**
   * Two cells per weight slice, G+ and G-; the column pair's current difference is the signed
   * value. Column order within an output: for each slice (least significant first): +, -.
   */
  DIFFERENTIAL,
  /**
   * One cell per weight slice holding q + 2^(bits-1) (unsigned); the digital side subtracts
   * 2^(bits-1) * sum(inputs) to recover the signed product.
   */
  OFFSET,
  /** SRAM bit cells: one column per weight bit, two's complement (the top bit has weight -2^(bits-1)). */
  TWOS_COMPLEMENT
}
