package ancc.backends.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.program.Program;
import ancc.runtime.sim.energy.Action;
import ancc.runtime.sim.energy.EnergyModel;
import ancc.runtime.sim.timing.InstrTiming;
import ancc.runtime.sim.timing.Timing;
import ancc.runtime.sim.timing.TimingModel;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Row pipelining of consecutive convolutions (docs/energy-model.md, "Row pipelining"). */
class StreamingTimingTest {
  private static final Chip CHIP = Chips.preset("default");

  private static long latency(Program p) {
    return TimingModel.simulate(p, CHIP, 1).latencyCycles();
  }

  /** Cycles from the first to the last instruction of the layer whose buffers start with {@code prefix}. */
  private static long layerSpan(Program p, Timing t, String prefix) {
    long start = Long.MAX_VALUE;
    long end = 0;
    for (InstrTiming it : t.instrs()) {
      var in = p.tiles().stream().filter(tp -> tp.tile() == it.tile()).findFirst().orElseThrow().instrs()
          .get(it.index());
      if (in.writes().stream().anyMatch(w -> w.startsWith(prefix))) {
        start = Math.min(start, it.start());
        end = Math.max(end, it.end());
      }
    }
    return end - start;
  }

  @Test
  void twoConvChainIsFasterThanTheSumOfItsLayers() {
    for (boolean relu : new boolean[] {false, true}) {
      Program streamed = BufferPlanTest.convChain(CHIP, "N", relu);
      Program whole = BufferPlanTest.withRowTile(streamed, 0);
      Timing t = TimingModel.simulate(whole, CHIP, 1);
      long layers = layerSpan(whole, t, "c1") + layerSpan(whole, t, "y");
      assertTrue(latency(whole) >= layers, "without row tiles the layers run one after the other");
      assertTrue(latency(streamed) < layers, "relu " + relu + ": streamed " + latency(streamed)
          + " cycles, layers " + layers);
      // the second conv starts before the first one ends
      Timing ts = TimingModel.simulate(streamed, CHIP, 1);
      List<InstrTiming> mvms = ts.instrs().stream().filter(i -> i.name().equals("mvm")).toList();
      assertEquals(2, mvms.size());
      assertTrue(mvms.get(1).start() < mvms.get(0).end(), mvms.toString());
    }
  }

  @Test
  void rowTilesChangeTimeNotWork() {
    Program streamed = BufferPlanTest.convChain(CHIP, "N", true);
    Program whole = BufferPlanTest.withRowTile(streamed, 0);
    Timing ts = TimingModel.simulate(streamed, CHIP, 1);
    Timing tw = TimingModel.simulate(whole, CHIP, 1);
    Map<Action, Long> w = new EnumMap<>(EnergyModel.estimate(whole, CHIP, tw).counts());
    Map<Action, Long> s = new EnumMap<>(EnergyModel.estimate(streamed, CHIP, ts).counts());
    w.remove(Action.LEAKAGE);
    s.remove(Action.LEAKAGE);
    assertEquals(w, s, "the same actions");
    assertEquals(tw.resourceBusy(), ts.resourceBusy(), "every resource does the same work");
  }
}
