package ancc.cli;

import ancc.compiler.eval.Dataset;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converter for {@code --normalize MEAN,STD}. */
final class NormalizeConverter implements ITypeConverter<Dataset.Normalize> {
  @Override
  public Dataset.Normalize convert(String value) {
    String[] parts = value.split(",");
    try {
      if (parts.length == 2) {
        double mean = Double.parseDouble(parts[0].strip());
        double std = Double.parseDouble(parts[1].strip());
        if (std > 0 && Double.isFinite(mean) && Double.isFinite(std)) {
          return new Dataset.Normalize(mean, std);
        }
      }
    } catch (NumberFormatException ignored) {
      // fall through to the message below
    }
    throw new TypeConversionException("expected MEAN,STD with STD > 0 (e.g. 0.2860,0.3530) but was '" + value + "'");
  }
}
