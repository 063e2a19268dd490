package ancc.compiler.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ancc.compiler.conformance.ConformanceCase.Kind;
import ancc.compiler.conformance.ConformanceCase.Outcome;
import ancc.ir.UnsupportedOpException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the ONNX backend conformance suite shipped by Debian's {@code libonnx-testdata}, one
 * dynamic test per case (named {@code SUITE/CASE}, grouped by suite): every case is imported,
 * canonicalized and run through the reference interpreter, and its outputs compared with the
 * suite's expected outputs ({@link ConformanceCase}). A case passes when its outputs match; a case
 * the importer rejects with {@link UnsupportedOpException} passes only when it is listed, with
 * that op, in {@value ExpectedUnsupported#RESOURCE}, and a listed case that now runs fails until
 * it leaves the list. A final test prints the summary and checks that every required operator has
 * a passing case. Tolerances and their reasons are in docs/conformance.md.
 */
class ConformanceTest {
  static final Path DATA = Path.of(System.getProperty("ancc.onnx.testdata", "/usr/share/libonnx-testdata/data"));
  static final List<String> SUITES = List.of("node", "pytorch-converted", "pytorch-operator", "simple");

  /** The operators the foundation issue requires; each must pass at least one case. */
  static final Set<String> REQUIRED = Set.of("Conv", "ConvTranspose", "Gemm", "MatMul", "Add", "Sub", "Mul",
      "Div", "Pow", "Sqrt", "Erf", "Exp", "Neg", "Relu", "LeakyRelu", "PRelu", "Sigmoid", "Tanh", "Clip",
      "HardSigmoid", "HardSwish", "Softmax", "LogSoftmax", "MaxPool", "AveragePool", "GlobalAveragePool",
      "GlobalMaxPool", "BatchNormalization", "LayerNormalization", "Flatten", "Reshape", "Transpose", "Concat",
      "Split", "Slice", "Squeeze", "Unsqueeze", "Pad", "Dropout", "Identity", "Constant", "Shape", "Gather",
      "Cast", "ReduceMean", "ReduceSum", "Resize");

  /**
   * Cases whose shipped test data contradicts their own model: each must still fail, on input
   * validation, for the reason given (if one starts passing, it leaves this list).
   */
  static final Map<String, String> BAD_DATA = Map.of(
      "node/test_castlike_BFLOAT16_to_FLOAT", "input 'like' is declared f32[3,4] but the data is [1]",
      "node/test_castlike_FLOAT_to_BFLOAT16", "input 'like' is declared bf16[3,4] but the data is [1]",
      "node/test_castlike_BFLOAT16_to_FLOAT_expanded", "input 'like' is declared f32[3,4] but the data is [1]",
      "node/test_castlike_FLOAT_to_BFLOAT16_expanded", "input 'like' is declared bf16[3,4] but the data is [1]");

  @TestFactory
  Stream<DynamicNode> conformanceSuite() throws IOException {
    assertTrue(Files.isDirectory(DATA),
        "ONNX conformance data missing at " + DATA + ": install Debian's libonnx-testdata (.ci/run does)");
    Map<String, String> expected = ExpectedUnsupported.read();
    ConformanceTally tally = new ConformanceTally();
    Set<String> ids = new TreeSet<>();
    List<DynamicNode> nodes = new ArrayList<>();
    for (String suite : SUITES) {
      List<DynamicTest> tests = new ArrayList<>();
      for (Path dir : cases(DATA.resolve(suite))) {
        String id = DATA.relativize(dir).toString();
        ids.add(id);
        tests.add(DynamicTest.dynamicTest(id, dir.toUri(), () -> check(id, dir, expected.get(id), tally)));
      }
      nodes.add(DynamicContainer.dynamicContainer(suite, DATA.resolve(suite).toUri(), tests.stream()));
    }
    // with a source, so that Surefire's report names them (it numbers dynamic tests without one)
    nodes.add(DynamicContainer.dynamicContainer("conformance", DATA.toUri(), Stream.of(
        DynamicTest.dynamicTest("every case listed as unsupported exists", DATA.toUri(), () -> {
          Set<String> stale = new TreeSet<>(expected.keySet());
          stale.removeAll(ids);
          assertTrue(stale.isEmpty(), ExpectedUnsupported.RESOURCE + " lists cases the suite does not have: " + stale);
        }),
        DynamicTest.dynamicTest("summary: every required operator has a passing case", DATA.toUri(), () -> {
          tally.print(BAD_DATA.keySet());
          Set<String> missing = new TreeSet<>(REQUIRED);
          missing.removeAll(tally.passedOps());
          assertTrue(missing.isEmpty(), "required ops without a passing conformance case: " + missing);
        }))));
    return nodes.stream();
  }

  private static List<Path> cases(Path suite) throws IOException {
    try (Stream<Path> s = Files.list(suite)) {
      return s.filter(d -> Files.isRegularFile(d.resolve("model.onnx"))).sorted().toList();
    }
  }

  /** One case: its outcome against what the lists expect of it. */
  private static void check(String id, Path dir, String expectedOp, ConformanceTally tally) {
    Outcome o = ConformanceCase.run(dir);
    String badData = BAD_DATA.get(id);
    if (badData != null) {
      assertTrue(o.kind() == Kind.FAIL && o.detail().contains("expected shape"),
          id + ": listed as bad test data (" + badData + ") but " + o.kind() + " " + o.detail());
      tally.excluded();
      return;
    }
    tally.add(id, dir, o, expectedOp != null);
    switch (o.kind()) {
      case PASS -> assertNull(expectedOp, id + " passes now: remove it from " + ExpectedUnsupported.RESOURCE
          + " (listed as unsupported: " + expectedOp + ")");
      case UNSUPPORTED -> {
        assertNotNull(expectedOp, id + ": unsupported (" + o.detail() + ") and not listed in "
            + ExpectedUnsupported.RESOURCE);
        assertEquals(expectedOp, o.detail(), id + ": unsupported for another op than listed");
      }
      case FAIL -> fail(id + ": " + o.detail());
    }
  }
}
