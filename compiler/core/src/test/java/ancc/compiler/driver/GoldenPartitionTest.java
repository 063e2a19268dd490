package ancc.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ancc.compiler.partition.LayerDecision;
import ancc.compiler.partition.PartitionOptions;
import ancc.compiler.partition.PartitionResult;
import ancc.compiler.partition.ProgressListener;
import ancc.compiler.partition.SolvedPartition;
import ancc.compiler.pass.GoldenText;
import ancc.compiler.pass.Ir;
import ancc.compiler.pass.PassContext;
import ancc.compiler.pass.PassManager;
import ancc.compiler.pass.PassTiming;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.text.IrParser;
import ancc.ir.graph.text.IrPrinter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Golden tests of the {@code partition} step with given sensitivities: every {@code
 * partition/<case>.air} under the test resources (an unplaced module) runs through the real steps
 * under a {@link PassManager} with verification on ({@code read-ir}, then {@link Partition} with the
 * case's options, which solves from the sensitivities file without simulating anything), and the
 * result must equal {@code <case>.expected.air} exactly: a comment line with the partition's
 * predicted drop and modelled energy, one comment line per placed layer with the partitioner's
 * reason, then the placed module as printed (every node carries {@code place(...)}).
 *
 * <p>A case's header ({@link GoldenCases}) gives its options:
 *
 * <ul>
 *   <li>{@code // chip: NAME}: a preset, or a chip file beside the cases (required);
 *   <li>{@code // sensitivities: FILE}: the sensitivities file beside the cases (required);
 *   <li>{@code // budget: PCT}: the allowed drop, e.g. {@code 1%} (default 0.5%);
 *   <li>{@code // placement: auto|auto-greedy} (default auto);
 *   <li>{@code // granularity: layer|kernel} (default layer);
 *   <li>{@code // expected-error: TEXT} or {@code // expected-does-not-fit: TEXT} for a negative case.
 * </ul>
 *
 * <p>To regenerate the expected files on purpose (after a deliberate change to the objective, the
 * estimates, the solvers or a chip): {@code mvn -B -ntp -o -q verify -pl compiler/core -am
 * -Dtest=GoldenPartitionTest -Dsurefire.failIfNoSpecifiedTests=false -Dancc.golden.update=true};
 * review the diff before committing.
 */
class GoldenPartitionTest extends GoldenCases {
  private static final Set<String> KEYS = Set.of("chip", "sensitivities", "budget", "placement", "granularity");

  GoldenPartitionTest() {
    super("partition", ".expected.air", KEYS);
  }

  /** The options of one case. */
  private record Case(Chip chip, Strategy strategy, PartitionOptions options) {
    static Case of(Path input, Header h) {
      String file = input.getFileName().toString();
      Chip chip = GoldenCases.chip(input, h.require("chip", file));
      Path scores = input.resolveSibling(h.require("sensitivities", file));
      Strategy s = Strategy.parse(h.get("placement", "auto"));
      assertTrue(s.automatic(), file + ": placement must be auto or auto-greedy");
      String budget = h.get("budget", Options.defaults().budgetPercent() + "%");
      assertTrue(budget.endsWith("%"), file + ": budget is a percentage, e.g. 1%");
      double percent = Double.parseDouble(budget.substring(0, budget.length() - 1).strip());
      boolean kernel = Granularity.parse(h.get("granularity", "layer")) == Granularity.KERNEL;
      Options d = Options.defaults();
      return new Case(chip, s, new PartitionOptions(s, percent, kernel, d.calibSamples(), d.seed(), d.chips(),
          null, scores));
    }
  }

  @Override
  void runCase(Path input) throws IOException {
    String file = input.getFileName().toString();
    Header header = header(input);
    Case c = Case.of(input, header);
    PassContext ctx = new PassContext();
    if (header.negative()) {
      assertDiagnostic(header, file, () -> partitionModule(input, c, ctx));
      return;
    }
    Module placed = partitionModule(input, c, ctx);
    assertEquals(List.of("read-ir", "partition"), ctx.timings().stream().map(PassTiming::pass).toList());
    for (Node n : placed.nodes()) {
      assertTrue(n.placement() != null, file + ": " + n.describe() + " has no placement");
    }
    assertFalse(ctx.get(PartitionResult.class).isPresent(), file + ": nothing may be compiled or measured");
    SolvedPartition s = ctx.get(SolvedPartition.class).orElseThrow(() -> new AssertionError(file + ": no solution"));
    assertTrue(s.module() == placed, file + ": the step returns the solution's module");
    assertTrue(s.predictedDropPercent() <= c.options().budgetPercent() + 1e-9,
        file + ": predicted drop " + s.predictedDropPercent() + "% over the budget");
    String actual = render(s, c);
    assertEquals(actual, render(partition(input, c, new PassContext()), c), file + ": not deterministic");
    Path expectedFile = expectedFile(input);
    if (updating()) {
      update(input, actual);
      return;
    }
    assertTrue(Files.exists(expectedFile), "missing " + expectedFile.getFileName() + " next to " + file
        + " (-D" + UPDATE_PROPERTY + "=true writes it)");
    String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
    String module = expected.substring(expected.indexOf("module @"));
    assertEquals(module, IrPrinter.print(IrParser.parse(expected, expectedFile.getFileName().toString())),
        expectedFile.getFileName() + ": the module is not in printed form (edited by hand?)");
    String diff = GoldenText.firstDifference(expected, actual);
    if (diff != null) {
      fail("partition on " + file + ": " + diff + "\n(-D" + UPDATE_PROPERTY + "=true rewrites the"
          + " expected file)\n--- actual output ---\n" + actual);
    }
  }

  private static SolvedPartition partition(Path input, Case c, PassContext ctx) {
    partitionModule(input, c, ctx);
    return ctx.get(SolvedPartition.class).orElseThrow();
  }

  /** read-ir and partition, each verified. */
  private static Module partitionModule(Path input, Case c, PassContext ctx) {
    PassManager pm = new PassManager(List.of()).verifyEach(true);
    Module m = pm.apply(new ReadIr(), Ir.GRAPH, input, ctx);
    return pm.apply(new Partition(c.chip(), c.strategy(), c.options(), null, false, ProgressListener.NONE), Ir.GRAPH,
        m, ctx);
  }

  /** The expected file: the partition and its decisions as comments, then the placed module. */
  private static String render(SolvedPartition s, Case c) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "// %s on chip %s, budget %s%%: predicted drop %.2f%%, modelled energy %.1f"
        + " pJ/inference%s%n", s.strategy(), c.chip().name(), Pipeline.plain(s.budgetPercent()),
        s.predictedDropPercent(), s.estimatedEnergyPj(), s.exact() ? " (optimal)" : ""));
    for (LayerDecision d : s.layers()) {
      b.append("// ").append(d.name()).append(": ").append(d.why()).append('\n');
    }
    return b.append(IrPrinter.print(s.module())).toString();
  }
}
