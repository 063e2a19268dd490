package ancc.backends;

import ancc.backends.cim.MemristorBackend;
import ancc.backends.cim.SramBackend;
import ancc.backends.digital.DigitalBackend;
import ancc.ir.program.TileKind;

/** The backend of each tile kind. */
public final class Backends {
  private static final TileBackend MEMRISTOR = new MemristorBackend();
  private static final TileBackend SRAM = new SramBackend();
  private static final TileBackend DIGITAL = new DigitalBackend();

  private Backends() {}

  public static TileBackend of(TileKind kind) {
    return switch (kind) {
      case MEMRISTOR -> MEMRISTOR;
      case SRAM -> SRAM;
      case DIGITAL -> DIGITAL;
    };
  }
}
