package ancc.ir.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ancc.ir.VisitorCoverage;
import ancc.ir.graph.text.AllOpsModule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Op.Visitor} names every op record once, and every record's {@code accept} reaches its own
 * method: with that, adding an op fails to compile until every dispatcher handles it.
 */
class OpVisitorTest {
  @Test
  void everyOpRecordIsVisitedByItsOwnMethod() {
    List<Op> ops = AllOpsModule.build().nodes().stream().map(Node::op).toList();
    assertEquals(List.of(), VisitorCoverage.problems(Op.class, Op.Visitor.class, ops));
  }
}
