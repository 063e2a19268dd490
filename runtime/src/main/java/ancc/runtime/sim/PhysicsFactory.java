package ancc.runtime.sim;

import ancc.ir.chip.Chip;
import ancc.ir.program.ArrayImage;
import ancc.runtime.device.ArrayPhysics;

/**
 * Chooses the device physics of each memristor array of a simulated chip. The simulator asks
 * once per array per run, and only in {@link SimOptions.Mode#ANALOG} mode (IDEAL mode always
 * uses {@link ArrayPhysics#IDEAL}); SRAM macros are digital and never use it.
 */
@FunctionalInterface
public interface PhysicsFactory {

  ArrayPhysics physics(ArrayImage image, Chip chip, SimOptions options);

  /** Ideal devices for every array. */
  PhysicsFactory IDEAL = (image, chip, options) -> ArrayPhysics.IDEAL;
}
