package ancc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ancc compare A.json B.json}: two reports side by side, as text and HTML. */
class CompareCommandTest {
  @TempDir
  Path dir;

  private Path compileReport(String placement) {
    Path json = dir.resolve(placement + ".json");
    Cli.Result r = Cli.run("compile", Cli.testdata("models/mlp.onnx").toString(), "--placement", placement, "-o",
        dir.resolve(placement).toString(), "--json", json.toString());
    assertEquals(0, r.code(), r::toString);
    return json;
  }

  @Test
  void showsBothReportsWithRatiosAndWritesHtml() throws IOException {
    Path a = compileReport("all-memristor");
    Path b = compileReport("all-digital");
    Path html = dir.resolve("cmp.html");
    Cli.Result r = Cli.run("compare", a.toString(), b.toString(), "--html", html.toString());
    assertEquals(0, r.code(), r::toString);
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).contains("A: mlp on default (all-memristor)"), r::toString);
    assertTrue(lines.get(0).contains("B: mlp on default (all-digital)"), r::toString);
    assertTrue(lines.stream().anyMatch(l -> l.matches(
        "energy/inference \\(uJ\\) +[0-9.e+-]+ +[0-9.e+-]+ +x[0-9.e+-]+")),
        r::toString);
    assertTrue(lines.stream().anyMatch(l -> l.matches(" +/net/net.1/Gemm +memristor, [0-9.e+-]+ +digital, .*")),
        r::toString);
    String page = Files.readString(html);
    assertTrue(page.contains("<figure class=\"chart\" id=\"chart-compare-components\">"), "component chart");
    assertTrue(page.contains("jfreesvg:ref"), "charts with data items");
  }

  @Test
  void rejectsWhatIsNotAReport() throws IOException {
    Path notJson = dir.resolve("x.json");
    Files.writeString(notJson, "{ nope");
    Path other = dir.resolve("y.json");
    Files.writeString(other, "{\"schema\": \"something/1\"}");
    Cli.Result r = Cli.run("compare", notJson.toString(), other.toString());
    assertEquals(3, r.code(), r::toString);
    assertTrue(r.err().startsWith("ancc: error: " + notJson + ": not valid JSON"), r::toString);
    Path a = compileReport("all-sram");
    Cli.Result r2 = Cli.run("compare", a.toString(), other.toString());
    assertEquals(3, r2.code(), r2::toString);
    assertTrue(r2.err().contains("not an ancc report"), r2::toString);
    assertEquals(2, Cli.run("compare", a.toString()).code());
  }
}
