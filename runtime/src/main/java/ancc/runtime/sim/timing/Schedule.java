package ancc.runtime.sim.timing;

import java.util.List;
import java.util.Map;

/**
 * The result of one event-driven run at one batch size: total cycles, per-instruction intervals
 * (tile order, then program order), per-tile busy cycles, per-resource busy cycles and the number
 * of events the scheduler processed (the measure of its work: it grows with the instructions,
 * never with the cycles).
 */
record Schedule(long totalCycles, List<InstrTiming> instrs, Map<Integer, Long> tileBusy, Map<Resource, Long> busy,
    long events) {}
