package ancc.runtime.sim.timing;

/**
 * One tile's activity over a simulated run: cycles during which at least one of its instructions
 * was executing, and that as a fraction of the run's total cycles.
 */
public record TileTiming(int tile, long busyCycles, double utilization) {}
