package ancc.compiler.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ancc.ir.graph.Module;
import ancc.ir.graph.text.IrParser;
import ancc.ir.graph.text.IrPrinter;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden text tests: every {@code passes/<pass-name>/<case>.air} under the test resources is
 * parsed, run through that one pass (with the verifier on) and printed; the text must equal
 * {@code <case>.expected.air} exactly. Cases named {@code negative-*} must come back unchanged,
 * as the very same module (the pass reports "nothing to do").
 */
class GoldenPassTest {
  private static final String EXPECTED_SUFFIX = ".expected.air";

  @TestFactory
  Stream<DynamicTest> goldenCases() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path input : inputs()) {
      String pass = input.getParent().getFileName().toString();
      String name = pass + "/" + input.getFileName();
      tests.add(DynamicTest.dynamicTest(name, () -> runCase(pass, input)));
    }
    return tests.stream();
  }

  @Test
  void everyPassHasAGoldenCaseAndANegativeCase() throws IOException {
    List<Path> inputs = inputs();
    for (Pass p : Pipelines.all()) {
      List<String> cases = inputs.stream()
          .filter(i -> i.getParent().getFileName().toString().equals(p.name()))
          .map(i -> i.getFileName().toString())
          .collect(Collectors.toList());
      assertTrue(cases.stream().anyMatch(c -> !c.startsWith("negative-")), p.name() + " has no positive case");
      assertTrue(cases.stream().anyMatch(c -> c.startsWith("negative-")), p.name() + " has no negative case");
    }
  }

  private static void runCase(String passName, Path input) throws IOException {
    Pass pass = Pipelines.byName(passName)
        .orElseThrow(() -> new AssertionError("folder " + passName + " names no pass"));
    Path expectedFile = input.resolveSibling(baseName(input) + EXPECTED_SUFFIX);
    assertTrue(Files.exists(expectedFile), "missing " + expectedFile.getFileName() + " next to " + input);
    Module in = IrParser.parse(Files.readString(input, StandardCharsets.UTF_8), input.getFileName().toString());
    PassContext ctx = new PassContext();
    Module out = PassManager.of(pass).verifyEach(true).run(in, ctx);
    String actual = IrPrinter.print(out);
    String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
    assertEquals(expected, IrPrinter.print(IrParser.parse(expected, expectedFile.getFileName().toString())),
        expectedFile.getFileName() + " is not in printed form (edited by hand?)");
    String diff = GoldenText.firstDifference(expected, actual);
    if (diff != null) {
      fail(passName + " on " + input.getFileName() + ": " + diff + "\n--- actual output ---\n" + actual);
    }
    if (baseName(input).startsWith("negative-")) {
      assertSame(in, out, "a negative case must come back as the same module");
    } else {
      assertFalse(IrPrinter.print(in).equals(actual), "a positive case must change something");
    }
    assertEquals(1, ctx.timings().size());
  }

  private static String baseName(Path p) {
    String f = p.getFileName().toString();
    return f.substring(0, f.length() - ".air".length());
  }

  /** Every input case (not an expected file), sorted for a stable order. */
  private static List<Path> inputs() throws IOException {
    URL root = GoldenPassTest.class.getClassLoader().getResource("passes");
    assertTrue(root != null, "test resource folder passes/ not found");
    Path dir;
    try {
      dir = Paths.get(root.toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    try (Stream<Path> files = Files.walk(dir, 2)) {
      List<Path> inputs = files
          .filter(p -> p.getFileName().toString().endsWith(".air"))
          .filter(p -> !p.getFileName().toString().endsWith(EXPECTED_SUFFIX))
          .sorted()
          .collect(Collectors.toList());
      assertFalse(inputs.isEmpty(), "no golden cases under " + dir);
      return inputs;
    }
  }
}
