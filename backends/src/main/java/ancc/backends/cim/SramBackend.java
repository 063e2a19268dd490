package ancc.backends.cim;

import ancc.ir.program.TileKind;

/** SRAM-CIM macros: two's complement weight bits, bit-serial inputs, exact digital or ADC readout. */
public final class SramBackend extends CimBackend {
  public SramBackend() {
    super(TileKind.SRAM);
  }
}
