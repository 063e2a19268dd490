package ancc.compiler.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Op;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.ir.graph.text.IrParser;
import ancc.ir.graph.text.IrPrinter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PassManagerTest {
  private static final String SMALL = String.join("\n",
      "module @m {",
      "  input %x : f32[N,4]",
      "  const %unused : f32[2] = dense<[1.0, 2.0]>",
      "  %a = identity(%x) : f32[N,4]",
      "  %y = relu(%a) : f32[N,4]",
      "  output %y",
      "}",
      "");

  /** A pass that only records that it ran. */
  private record Recorder(String name, List<String> log) implements Pass {
    public String summary() {
      return "records its name";
    }

    public Module run(Module m, PassContext ctx) {
      log.add(name);
      return m;
    }
  }

  /** A pass that breaks SSA: the relu reads a value nobody defines. */
  private static final class Breaker implements Pass {
    public String name() {
      return "break-ssa";
    }

    public String summary() {
      return "makes the module invalid";
    }

    public Module run(Module m, PassContext ctx) {
      Module.Builder b = m.toBuilder();
      Value ghost = new Value("ghost", TensorType.of(ancc.ir.graph.DType.F32, 2));
      b.nodes().add(0, new Node(new Op.Unary(Op.UnaryOp.RELU), List.of(ghost),
          new Value("ghost_out", ghost.type()), ""));
      return b.build();
    }
  }

  private static Module small() {
    return IrParser.parse(SMALL, "small.air");
  }

  @Test
  void runsPassesInOrderAndTimesEach() {
    List<String> log = new ArrayList<>();
    PassContext ctx = new PassContext();
    PassManager pm = PassManager.of(new Recorder("first", log), new Recorder("second", log),
        new Recorder("third", log));
    Module in = small();
    Module out = pm.run(in, ctx);
    assertEquals(in, out);
    assertEquals(List.of("first", "second", "third"), log);
    assertEquals(List.of("first", "second", "third"),
        ctx.timings().stream().map(PassTiming::pass).collect(Collectors.toList()));
    assertTrue(ctx.timings().stream().allMatch(t -> t.nanos() >= 0));
  }

  @Test
  void printsIrAfterEveryPass() {
    StringBuilder dump = new StringBuilder();
    PassManager pm = new PassManager(List.of(new RemoveIdentity(), new EliminateDeadCode()))
        .verifyEach(true)
        .printOptions(IrPrinter.Options.DEFAULT)
        .printIrAfterAll(dump::append);
    Module out = pm.run(small(), new PassContext());
    String afterIdentity = String.join("\n",
        "module @m {",
        "  input %x : f32[N,4]",
        "  const %unused : f32[2] = dense<[1.0, 2.0]>",
        "  %y = relu(%x) : f32[N,4]",
        "  output %y",
        "}",
        "");
    String afterDce = String.join("\n",
        "module @m {",
        "  input %x : f32[N,4]",
        "  %y = relu(%x) : f32[N,4]",
        "  output %y",
        "}",
        "");
    assertEquals("// -----// IR after remove-identity //----- //\n" + afterIdentity
        + "// -----// IR after eliminate-dead-code //----- //\n" + afterDce, dump.toString());
    assertEquals(afterDce, IrPrinter.print(out));
  }

  @Test
  void printsToAPrintStreamWithLargeConstantsElidedByDefault() {
    String big = SMALL.replace("const %unused : f32[2] = dense<[1.0, 2.0]>",
        "const %unused : f32[20] = dense<[" + "1.0, ".repeat(19) + "1.0]>");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PassManager.of(new RemoveIdentity())
        .printIrAfterAll(new PrintStream(bytes, true, StandardCharsets.UTF_8))
        .run(IrParser.parse(big, "big.air"), new PassContext());
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith(PassManager.header("remove-identity") + "\nmodule @m {\n"), text);
    assertTrue(text.contains("const %unused : f32[20] = dense_elided<20>"), text);
  }

  @Test
  void verifierFailureNamesThePass() {
    PassManager pm = PassManager.of(new RemoveIdentity(), new Breaker(), new EliminateDeadCode())
        .verifyEach(true);
    PassContext ctx = new PassContext();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> pm.run(small(), ctx));
    assertTrue(e.getMessage().startsWith("after pass break-ssa: module @m: "), e.getMessage());
    assertTrue(e.getMessage().contains("ghost"), e.getMessage());
    assertEquals(2, ctx.timings().size(), "the pipeline stops at the failing pass");
  }

  @Test
  void withoutVerificationABrokenResultPassesThrough() {
    Module out = PassManager.of(new Breaker()).run(small(), new PassContext());
    assertEquals("relu", out.nodes().get(0).op().name());
  }

  @Test
  void invalidInputIsReportedAsSuch() {
    Module bad = new Breaker().run(small(), new PassContext());
    PassManager pm = PassManager.of(new RemoveIdentity()).verifyEach(true);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> pm.run(bad, new PassContext()));
    assertTrue(e.getMessage().contains("ghost"), e.getMessage());
  }

  @Test
  void registryAndCanonicalPipeline() {
    assertEquals(List.of("remove-identity", "fold-constants", "fuse-linear", "fold-batch-norm",
        "eliminate-dead-code"),
        Pipelines.canonicalize().stream().map(Pass::name).collect(Collectors.toList()));
    for (Pass p : Pipelines.all()) {
      assertTrue(p.name().matches("[a-z]+(-[a-z]+)*"), p.name());
      assertTrue(!p.summary().isBlank(), p.name());
      assertEquals(p.getClass(), Pipelines.byName(p.name()).orElseThrow().getClass());
    }
    assertTrue(Pipelines.byName("no-such-pass").isEmpty());
  }
}
