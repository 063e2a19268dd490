package ancc.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How {@code ancc run} executes the model. */
enum Mode {
  /** The FP32 reference interpreter of the graph IR (ancc's golden model). */
  REFERENCE,
  /** The compiled program on the simulated chip, without device noise and with exact converters. */
  IDEAL,
  /** The compiled program on the simulated chip with the chip file's device and circuit models. */
  ANALOG;

  /** The spelling on the command line, e.g. {@code reference}. */
  String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** True for the modes that compile and simulate. */
  boolean simulates() {
    return this != REFERENCE;
  }

  /** Parses {@code --mode}. */
  static final class Converter implements ITypeConverter<Mode> {
    @Override
    public Mode convert(String value) {
      for (Mode m : values()) {
        if (m.label().equals(value.toLowerCase(Locale.ROOT))) {
          return m;
        }
      }
      throw new TypeConversionException("unknown mode '" + value + "' (modes: " + Candidates.list() + ")");
    }
  }

  /** The labels, for help text. */
  static final class Candidates implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(values()).map(Mode::label).iterator();
    }

    static String list() {
      return Arrays.stream(values()).map(Mode::label).collect(Collectors.joining(", "));
    }
  }
}
