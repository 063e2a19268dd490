package ancc.backends.cim;

import ancc.ir.program.TileKind;

/** Memristor (RRAM/PCM) crossbars: multi-level cells, DIFFERENTIAL or OFFSET weights, DAC drive, ADC readout. */
public final class MemristorBackend extends CimBackend {
  public MemristorBackend() {
    super(TileKind.MEMRISTOR);
  }
}
