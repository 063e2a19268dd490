package ancc.cli;

import ancc.compiler.report.html.CompareReport;
import ancc.ir.InvalidInputException;
import ancc.runtime.io.StagedFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ancc compare A.json B.json [--html OUT.html]}: two JSON reports side by side. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    versionProvider = Main.Version.class,
    description = {
      "Compare two JSON reports (report.json of 'ancc MODEL.onnx', or --json of compile, run, eval) side by side:"
          + " headline figures with B's ratio to A, energy by component, and the layers matched by name.",
      "Prints the comparison; --html also writes it as a self-contained HTML page with charts."
    })
final class CompareCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "A.json", description = "The first report.")
  Path a;

  @Parameters(index = "1", paramLabel = "B.json", description = "The second report.")
  Path b;

  @Option(names = "--html", paramLabel = "OUT.html", description = "Also write the comparison as HTML.")
  Path html;

  @Override
  public Integer call() throws Exception {
    if (html != null) {
      OutputFiles.requireWritableTarget(html);
    }
    CompareReport.Side sa = side(a);
    CompareReport.Side sb = side(b);
    if (sa.label().equals(sb.label())) {
      sa = new CompareReport.Side(sa.label() + " (" + a.getFileName() + ")", sa.root());
      sb = new CompareReport.Side(sb.label() + " (" + b.getFileName() + ")", sb.root());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(CompareReport.text(sa, sb));
    out.flush();
    if (html != null) {
      byte[] bytes = CompareReport.html(sa, sb).getBytes(StandardCharsets.UTF_8);
      try (StagedFiles staged = new StagedFiles()) {
        staged.stage(html, o -> o.write(bytes));
        staged.commit();
      }
      PrintWriter err = spec.commandLine().getErr();
      err.println("ancc: wrote " + html);
      err.flush();
    }
    return ErrorReporter.OK;
  }

  /** Reads a report; the label is {@code MODEL on CHIP (PLACEMENT)}. */
  static CompareReport.Side side(Path file) throws IOException {
    ancc.compiler.driver.Pipeline.requireFile(file);
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(file + ": not valid JSON: " + ErrorReporter.oneLine(e.getOriginalMessage()));
    }
    String schema = root == null ? "" : root.path("schema").asText("");
    if (!schema.startsWith("ancc-report/")) {
      throw new InvalidInputException(file + ": not an ancc report (schema '" + schema + "', expected ancc-report/2)");
    }
    if (!root.path("totals").isObject() || !root.path("layers").isArray()) {
      throw new InvalidInputException(file + ": report lacks its 'totals' or 'layers'");
    }
    String label = root.path("model").path("name").asText("?") + " on " + root.path("chip").path("name").asText("?");
    if (root.hasNonNull("placement")) {
      label += " (" + root.path("placement").asText() + ")";
    }
    return new CompareReport.Side(label, root);
  }
}
