package ancc.ir.chip;

import ancc.ir.units.Dimension;

/**
 * Typed quantities of the chip description, each an SI double. They are records so that chips
 * compare by value; the canonical text is {@code Dimension.X.format(si)} ({@link Dimension}).
 */
public final class Quantities {
  private Quantities() {}

  /** Energy per action, in joules. */
  public record Energy(double joules) {
    public static Energy parse(String text) {
      return new Energy(Dimension.ENERGY.parse(text));
    }

    public static Energy ofPj(double pj) {
      return new Energy(pj * 1e-12);
    }

    public double pj() {
      return joules * 1e12;
    }

    @Override
    public String toString() {
      return Dimension.ENERGY.format(joules);
    }
  }

  /** A duration, in seconds. */
  public record Time(double seconds) {
    public static Time parse(String text) {
      return new Time(Dimension.TIME.parse(text));
    }

    public double ns() {
      return seconds * 1e9;
    }

    @Override
    public String toString() {
      return Dimension.TIME.format(seconds);
    }
  }

  /** A power, in watts. */
  public record Power(double watts) {
    public static Power parse(String text) {
      return new Power(Dimension.POWER.parse(text));
    }

    public double mw() {
      return watts * 1e3;
    }

    @Override
    public String toString() {
      return Dimension.POWER.format(watts);
    }
  }

  /** A conductance, in siemens. */
  public record Conductance(double siemens) {
    public static Conductance parse(String text) {
      return new Conductance(Dimension.CONDUCTANCE.parse(text));
    }

    public static Conductance ofMicro(double us) {
      return new Conductance(us * 1e-6);
    }

    public double us() {
      return siemens * 1e6;
    }

    @Override
    public String toString() {
      return Dimension.CONDUCTANCE.format(siemens);
    }
  }

  /** An area, in square metres. */
  public record Area(double m2) {
    public static Area parse(String text) {
      return new Area(Dimension.AREA.parse(text));
    }

    public double um2() {
      return m2 * 1e12;
    }

    public double mm2() {
      return m2 * 1e6;
    }

    @Override
    public String toString() {
      return Dimension.AREA.format(m2);
    }
  }

  /** A voltage, in volts. */
  public record Voltage(double volts) {
    public static Voltage parse(String text) {
      return new Voltage(Dimension.VOLTAGE.parse(text));
    }

    @Override
    public String toString() {
      return Dimension.VOLTAGE.format(volts);
    }
  }

  /** A frequency, in hertz. */
  public record Frequency(double hertz) {
    public static Frequency parse(String text) {
      return new Frequency(Dimension.FREQUENCY.parse(text));
    }

    /** The clock period. */
    public Time period() {
      return new Time(1 / hertz);
    }

    @Override
    public String toString() {
      return Dimension.FREQUENCY.format(hertz);
    }
  }

  /** A memory size, in bytes: "64KiB", "2MiB", "512B"; KB and MB are decimal (1000, 10^6). */
  public record DataSize(long bytes) {
    public static DataSize parse(String text) {
      return new DataSize(Dimension.BYTES.read(text, Dimension.Spelling.SYMBOL).bytes());
    }

    @Override
    public String toString() {
      return Dimension.BYTES.format(bytes);
    }
  }

  /** A data rate, in bytes per second: "25.6GB/s". */
  public record Bandwidth(double bytesPerSecond) {
    public static Bandwidth parse(String text) {
      return new Bandwidth(Dimension.BANDWIDTH.parse(text));
    }

    /** Seconds to move {@code bytes} at this rate. */
    public double seconds(long bytes) {
      return bytes / bytesPerSecond;
    }

    @Override
    public String toString() {
      return Dimension.BANDWIDTH.format(bytesPerSecond);
    }
  }
}
