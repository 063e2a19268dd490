package ancc.ir.program;

import java.util.Locale;

/** The three kinds of compute tile a chip may have. */
public enum TileKind {
  /** Analog memristor crossbars (RRAM or PCM): dense, cheap per MAC, noisy. */
  MEMRISTOR,
  /** SRAM compute-in-memory macros: integer weights and inputs, exact or ADC readout. */
  SRAM,
  /** Digital MAC array plus vector unit: exact in its precision, runs every graph IR op. */
  DIGITAL;

  /** Lower-case name as written in chip files, program text and reports. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TileKind fromText(String s) {
    for (TileKind k : values()) {
      if (k.text().equals(s)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown tile kind '" + s + "' (memristor, sram, digital)");
  }
}
