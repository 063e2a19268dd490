package ancc.runtime.device;

import ancc.ir.chip.Chip;
import ancc.ir.chip.MemristorTile;
import ancc.ir.chip.NoiseModel;
import ancc.ir.chip.NoiseSpec;
import ancc.ir.chip.TileSpec;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.Instr.InputMode;
import ancc.runtime.sim.SimOptions;

/**
 * Builds the {@link ArrayPhysics} of a memristor tile group from its chip description: IDEAL mode
 * (or a chip whose noise block describes ideal devices) gives {@link ArrayPhysics#IDEAL}; ANALOG
 * mode the chip's {@link NoiseModel} with the common effects of its {@link NoiseSpec}. The
 * equations and the sources of every constant are in docs/noise-models.md.
 */
public final class DeviceModels {

  private DeviceModels() {}

  /**
   * The physics of {@code image}'s tile (the group its tile number falls in); the signature of
   * {@code ancc.runtime.sim.PhysicsFactory}, so {@code DeviceModels::forArray} is one.
   */
  public static ArrayPhysics forArray(ArrayImage image, Chip chip, SimOptions options) {
    if (image.tile() < 0 || image.tile() >= chip.tileCount()) {
      throw new IllegalArgumentException("array #" + image.id() + " is on tile " + image.tile() + ", chip '"
          + chip.name() + "' has " + chip.tileCount() + " tiles");
    }
    TileSpec spec = chip.groupOf(image.tile()).spec();
    if (!(spec instanceof MemristorTile)) {
      return ArrayPhysics.IDEAL;
    }
    return forTile((MemristorTile) spec, options);
  }

  /** The physics of the arrays of a memristor tile group under {@code options}. */
  public static ArrayPhysics forTile(MemristorTile tile, SimOptions options) {
    if (options.isIdeal()) {
      return ArrayPhysics.IDEAL;
    }
    NoiseSpec spec = tile.noise();
    NoiseModel model = spec.model();
    ProgrammingNoise programming;
    double readSigma = 0;
    PcmDrift drift = null;
    PcmReadNoise flicker = null;
    if (model instanceof NoiseModel.None) {
      programming = ProgrammingNoise.none();
    } else if (model instanceof NoiseModel.Gaussian) {
      NoiseModel.Gaussian m = (NoiseModel.Gaussian) model;
      programming = ProgrammingNoise.constant(m.programmingSigma());
      readSigma = m.readSigma();
    } else if (model instanceof NoiseModel.RramWan2022) {
      NoiseModel.RramWan2022 m = (NoiseModel.RramWan2022) model;
      programming = ProgrammingNoise.polynomial(m.programmingPoly(), m.gMax());
      readSigma = m.readSigma();
    } else if (model instanceof NoiseModel.PcmNandakumar2019) {
      NoiseModel.PcmNandakumar2019 m = (NoiseModel.PcmNandakumar2019) model;
      programming = ProgrammingNoise.polynomial(m.programmingPoly(), m.gMax());
      double t0 = m.t0().seconds();
      if (m.drift()) {
        drift = new PcmDrift(t0, options.driftSeconds());
      }
      if (m.readNoise()) {
        flicker = new PcmReadNoise(m.tRead().seconds(), Math.max(options.driftSeconds(), t0));
      }
    } else {
      throw new IllegalStateException("noise model without a device implementation: " + model.modelName());
    }
    if (spec.writeVerify().enabled()) {
      programming = ProgrammingNoise.constant(spec.writeVerify().residualSigma());
    }
    boolean ideal = model instanceof NoiseModel.None && !spec.writeVerify().enabled() && spec.stuckOnRate() == 0
        && spec.stuckOffRate() == 0 && spec.irDrop() == 0 && spec.dacGainSigma() == 0 && spec.adcGainSigma() == 0
        && spec.dacOffsetSigma() == 0 && spec.adcOffsetSigma() == 0;
    if (ideal) {
      return ArrayPhysics.IDEAL;
    }
    int maxDrive = tile.input().encoding() == InputMode.BIT_SERIAL ? 1 : (1 << tile.dac().bits()) - 1;
    return new AnalogArray(new AnalogArray.Config(CellRange.of(tile), programming, spec.stuckOnRate(),
        spec.stuckOffRate(), drift, flicker, readSigma, spec.irDrop(), tile.crossbar().rows(), Math.max(1, maxDrive),
        options.driftCompensation(), spec.dacGainSigma(), spec.adcGainSigma(), tile.adc().columnsPerAdc(),
        spec.dacOffsetSigma(), spec.adcOffsetSigma()));
  }
}
