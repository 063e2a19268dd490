package ancc.bench;

import ancc.ir.chip.Chip;
import ancc.ir.chip.MemristorTile;
import ancc.ir.chip.TileSpec;
import ancc.ir.program.ArrayImage;
import ancc.runtime.device.ArrayPhysics;
import ancc.runtime.device.ConverterOffsets;
import ancc.runtime.device.DeviceModels;
import ancc.runtime.sim.PhysicsFactory;
import ancc.runtime.sim.SimOptions;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link PhysicsFactory} that counts, over one simulated run, the memristor reads the simulator
 * performs and how many of them carry current. Each array gets the chip's own physics ({@link
 * DeviceModels#forArray}) wrapped so that it declares no Gaussian shortcut ({@link
 * ArrayPhysics#gaussianReadSigma} NaN): the simulator then hands every read (one bit plane of a
 * block of vectors) to {@link ArrayPhysics#read} with its drives, where this class counts, per
 * vector, the physical columns read, the ADC conversions they take on the tile
 * ({@code AdcSpec.conversions}: one per column, or one per pair of columns with pair sensing), and
 * the same two figures restricted to the vectors whose plane has a set bit. The fast bit-serial
 * kernel draws read noise for exactly those (a plane without a set bit draws no current, so no
 * noise), one draw per physical column.
 *
 * <p>Counting only: the wrapped physics still adds its read noise, but from its own generic path,
 * so outputs of a counting run are not those of the fast kernel. Thread-safe (reads run in
 * parallel blocks).
 */
final class DrawCounter implements PhysicsFactory {
  private final LongAdder columnReads = new LongAdder();
  private final LongAdder columnReadsLit = new LongAdder();
  private final LongAdder conversions = new LongAdder();
  private final LongAdder conversionsLit = new LongAdder();

  @Override
  public ArrayPhysics physics(ArrayImage image, Chip chip, SimOptions options) {
    ArrayPhysics real = DeviceModels.forArray(image, chip, options);
    TileSpec spec = chip.groupOf(image.tile()).spec();
    MemristorTile tile = spec instanceof MemristorTile m ? m : null;
    return new Counting(real, tile);
  }

  /** Physical column reads (vectors x planes x used columns), whole run. */
  long columnReads() {
    return columnReads.sum();
  }

  /** Column reads whose plane has a set bit for that vector: the simulator's read-noise draws. */
  long columnReadsLit() {
    return columnReadsLit.sum();
  }

  /** ADC conversions of all reads, whole run (the ledger's {@code adc.conversion} count). */
  long conversions() {
    return conversions.sum();
  }

  /** ADC conversions of the reads whose plane has a set bit. */
  long conversionsLit() {
    return conversionsLit.sum();
  }

  private final class Counting implements ArrayPhysics {
    private final ArrayPhysics real;
    private final MemristorTile tile;

    Counting(ArrayPhysics real, MemristorTile tile) {
      this.real = real;
      this.tile = tile;
    }

    @Override
    public float[] program(ArrayImage image, SplittableRandom rng) {
      return real.program(image, rng);
    }

    @Override
    public void read(float[] values, int vectors, int cols, float[] inputs, int rows, float[] cells,
        SplittableRandom rng) {
      long lit = 0;
      for (int v = 0; v < vectors; v++) {
        int base = v * rows;
        for (int r = 0; r < rows; r++) {
          if (inputs[base + r] != 0f) {
            lit++;
            break;
          }
        }
      }
      long perRead = tile == null ? cols : tile.adc().conversions(cols);
      columnReads.add((long) vectors * cols);
      columnReadsLit.add(lit * cols);
      conversions.add(vectors * perRead);
      conversionsLit.add(lit * perRead);
      real.read(values, vectors, cols, inputs, rows, cells, rng);
    }

    @Override
    public double outputScale(ArrayImage image, float[] cells) {
      return real.outputScale(image, cells);
    }

    @Override
    public ConverterOffsets offsets(ArrayImage image, float[] cells) {
      return real.offsets(image, cells);
    }

    @Override
    public double gaussianReadSigma() {
      return Double.NaN;
    }
  }
}
