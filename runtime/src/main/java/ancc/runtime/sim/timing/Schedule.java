package ancc.runtime.sim.timing;

import java.util.List;
import java.util.Map;

/**
 * The result of one event-driven run at one batch size: total cycles, per-instruction intervals
 * (tile order, then program order), per-tile busy cycles and per-resource busy cycles.
 */
record Schedule(long totalCycles, List<InstrTiming> instrs, Map<Integer, Long> tileBusy, Map<Resource, Long> busy) {}
