package ancc.ir.program;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ancc.ir.VisitorCoverage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Instr.Visitor} names every instruction record once, and every record's {@code accept}
 * reaches its own method: with that, adding an instruction fails to compile until every
 * dispatcher handles it.
 */
class InstrVisitorTest {
  @Test
  void everyInstructionIsVisitedByItsOwnMethod() {
    List<Instr> instrs = ProgramSamples.everything().tiles().stream().flatMap(t -> t.instrs().stream()).toList();
    assertEquals(List.of(), VisitorCoverage.problems(Instr.class, Instr.Visitor.class, instrs));
  }
}
