package ancc.compiler.report;

import ancc.ir.InvalidInputException;
import ancc.runtime.io.StagedFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders a {@link Report} as JSON (two-space indentation, fields in schema order, a final
 * newline) and writes it atomically: the text goes to a hidden temporary beside the target and
 * is renamed into place, so a reader never sees half a report and a failure leaves none.
 */
public final class ReportWriter {
  private static final ObjectWriter WRITER = createWriter();

  private ReportWriter() {}

  private static ObjectWriter createWriter() {
    ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    return mapper.writer(pp);
  }

  /** The report as JSON text, ending in a newline. */
  public static String toJson(Report report) {
    try {
      return WRITER.writeValueAsString(report) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the report: " + e.getOriginalMessage(), e);
    }
  }

  /** Fails before any work when {@code file} cannot receive a report. */
  public static void requireWritable(Path file) {
    if (Files.isDirectory(file)) {
      throw new InvalidInputException(file + ": --json target is a folder; give a file name");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new InvalidInputException(file + ": cannot write the report: folder " + parent + " does not exist");
    }
  }

  /** Writes the report to {@code file} atomically. */
  public static void write(Report report, Path file) throws IOException {
    requireWritable(file);
    byte[] bytes = toJson(report).getBytes(StandardCharsets.UTF_8);
    try (StagedFiles staged = new StagedFiles()) {
      staged.stage(file, out -> out.write(bytes));
      staged.commit();
    }
  }
}
