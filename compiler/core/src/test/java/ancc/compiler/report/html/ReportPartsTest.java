package ancc.compiler.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ancc.compiler.report.html.ReportData.StrategyPoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pieces of the report that are plain arithmetic or text: Pareto front, energy groups, CSV fields; escaping is HtmlReportTest's. */
class ReportPartsTest {
  private static StrategyPoint p(String name, double energy, double acc) {
    return new StrategyPoint(name, true, energy, acc, false, "");
  }

  @Test
  void paretoFrontKeepsOnlyPointsNothingBeatsOnBoth() {
    StrategyPoint cheap = p("cheap", 1, 0.80);
    StrategyPoint mid = p("mid", 2, 0.90);
    StrategyPoint worse = p("worse", 3, 0.85);
    StrategyPoint best = p("best", 4, 0.95);
    StrategyPoint tie = p("tie", 2, 0.90);
    assertEquals(List.of(cheap, mid, tie, best), TradeoffCharts.front(List.of(best, worse, mid, cheap, tie)));
  }

  @Test
  void energyGroupsSumTheLedgerComponents() {
    Map<String, Double> g = Metrics.grouped(Map.of("buffer.read", 1.0, "buffer.write", 2.0, "crossbar.read", 4.0,
        "macro.cycle", 8.0, "mac.op", 16.0, "vector.op", 32.0, "leakage", 64.0, "global_buffer.read", 128.0,
        "dram.write", 256.0));
    assertEquals(List.of("arrays", "DACs", "ADCs", "shift-add", "buffers", "mesh", "spill", "digital", "leakage"),
        List.copyOf(g.keySet()));
    assertEquals(12.0, g.get("arrays"));
    assertEquals(3.0, g.get("buffers"));
    assertEquals(48.0, g.get("digital"));
    assertEquals(0.0, g.get("ADCs"));
    assertEquals(64.0, g.get("leakage"));
    assertEquals(384.0, g.get("spill"));
  }

  @Test
  void csvQuotesOnlyWhatNeedsIt() {
    assertEquals("/conv1/Conv", LayersCsv.field("/conv1/Conv"));
    assertEquals("\"a,b\"", LayersCsv.field("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", LayersCsv.field("say \"hi\""));
  }
}
