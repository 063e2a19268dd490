package ancc.compiler.job;

import ancc.compiler.report.html.ReportData.LayerSpan;
import ancc.compiler.report.html.ReportData.TileBusy;
import ancc.compiler.driver.CompiledModel;
import ancc.compiler.report.CostReport;
import ancc.compiler.report.ProgramLayers;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.TileProgram;
import ancc.runtime.sim.timing.InstrTiming;
import ancc.runtime.sim.timing.TileTiming;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The parts of the HTML report that come from the compiled program and its timing, not the JSON report. */
final class ReportParts {
  private ReportParts() {}

  /** Each layer's output type, by layer name (the ONNX node name, or {@code %OUTPUT}). */
  static Map<String, String> shapes(Module placed) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Node n : placed.nodes()) {
      out.put(n.loc().isEmpty() ? "%" + n.output().name() : n.loc(), n.output().type().toString());
    }
    return out;
  }

  /** Each layer's first and last busy cycle in the batch-1 run, in graph order (layers without instructions: none). */
  static List<LayerSpan> pipeline(CompiledModel model, CostReport single) {
    Program p = model.program();
    List<ProgramLayers.Layer> layers = ProgramLayers.of(model.module(), p);
    Set<String> keys = new LinkedHashSet<>();
    layers.forEach(l -> keys.add(l.key()));
    Map<Integer, TileProgram> byTile = new HashMap<>();
    p.tiles().forEach(t -> byTile.put(t.tile(), t));
    Map<String, long[]> spans = new HashMap<>();
    for (InstrTiming it : single.timing().instrs()) {
      TileProgram tp = byTile.get(it.tile());
      if (tp == null || it.index() >= tp.instrs().size()) {
        continue;
      }
      Instr in = tp.instrs().get(it.index());
      String key = ProgramLayers.keyOf(p, in, keys);
      if (key == null) {
        continue;
      }
      long[] s = spans.computeIfAbsent(key, k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
      s[0] = Math.min(s[0], it.start());
      s[1] = Math.max(s[1], it.end());
    }
    List<LayerSpan> out = new ArrayList<>();
    for (ProgramLayers.Layer l : layers) {
      long[] s = spans.get(l.key());
      if (s != null) {
        out.add(new LayerSpan(l.entry().name(), l.entry().placement(), s[0], s[1]));
      }
    }
    return out;
  }

  /** Busy cycles of every used tile in the batch-1 run. */
  static List<TileBusy> tileBusy(Chip chip, CostReport single) {
    List<TileBusy> out = new ArrayList<>();
    for (TileTiming t : single.timing().tiles()) {
      out.add(new TileBusy(t.tile(), chip.groupOf(t.tile()).kind().text(), t.busyCycles()));
    }
    out.sort((a, b) -> Integer.compare(a.tile(), b.tile()));
    return out;
  }
}
