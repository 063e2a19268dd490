package ancc.ir.chip;

/**
 * Typed quantities of the chip description, each an SI double. They are records so that chips
 * compare by value; the canonical text is {@code Dimension.X.format(si)}.
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
    public static final String EXPECTATION = "expected a size such as 64KiB";

    public static DataSize parse(String text) {
      String t = text.strip();
      int i = 0;
      while (i < t.length() && Character.isDigit(t.charAt(i))) {
        i++;
      }
      String digits = t.substring(0, i);
      String suffix = t.substring(i).strip();
      long factor;
      switch (suffix) {
        case "B" -> factor = 1;
        case "KB" -> factor = 1000;
        case "KiB" -> factor = 1024;
        case "MB" -> factor = 1_000_000;
        case "MiB" -> factor = 1 << 20;
        case "GiB" -> factor = 1L << 30;
        default -> throw new IllegalArgumentException(EXPECTATION + ", got '" + text + "'"
            + (suffix.isEmpty() ? " (no unit)" : " (unit '" + suffix + "' is not one of [B, KB, KiB, MB, MiB, GiB])"));
      }
      if (digits.isEmpty()) {
        throw new IllegalArgumentException(EXPECTATION + ", got '" + text + "' (a whole number of units)");
      }
      try {
        return new DataSize(Math.multiplyExact(Long.parseLong(digits), factor));
      } catch (ArithmeticException | NumberFormatException e) {
        throw new IllegalArgumentException(EXPECTATION + ", got '" + text + "' (too large)");
      }
    }

    @Override
    public String toString() {
      if (bytes != 0 && bytes % (1 << 20) == 0) {
        return bytes / (1 << 20) + "MiB";
      }
      if (bytes != 0 && bytes % 1024 == 0) {
        return bytes / 1024 + "KiB";
      }
      return bytes + "B";
    }
  }
}
