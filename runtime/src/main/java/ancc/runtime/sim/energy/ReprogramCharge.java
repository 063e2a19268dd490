package ancc.runtime.sim.energy;

import ancc.ir.chip.Chip;
import ancc.ir.program.TileKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a time-multiplexed chip pays per inference ({@code --reprogram}; docs/energy-model.md,
 * "Reprogramming"): the model's layers run in consecutive groups, each of which fits the physical
 * chip, and the arrays are rewritten before each group runs. With two or more groups every group
 * is rewritten every inference (in steady state the arrays hold the last group when the next
 * inference starts), so the charge is the programming energy and time of every group's arrays
 * ({@link ProgrammingCost}, the one-time cost model) plus the leakage of the physical tiles in use
 * during that time. Groups run one after another and a group's programming does not overlap any
 * compute: the time adds to the latency. With one group the arrays are programmed once, as on any
 * chip, and nothing is charged per inference.
 *
 * @param physical the chip the groups run on (what area and tile counts are reported of)
 * @param groups the groups in execution order
 * @param leakageW leakage power of the physical tiles the groups use (per kind, the most any group
 *     uses), W: charged over the programming time
 */
public record ReprogramCharge(Chip physical, List<Group> groups, double leakageW) {

  /**
   * One layer group.
   *
   * @param layers the names of the group's layers with arrays, in order
   * @param nodes graph nodes in the group (array layers and the digital work between them)
   * @param arrays arrays (crossbars and SRAM macros) the group's layers occupy, all written before it runs
   * @param tiles physical tiles per kind the group occupies
   * @param programming the programming cost of the group's memristor arrays (SRAM-CIM weight writes
   *     are not counted, as in {@link ProgrammingCost})
   */
  public record Group(List<String> layers, int nodes, int arrays, Map<TileKind, Integer> tiles,
      ProgrammingCost programming) {
    public Group {
      layers = List.copyOf(layers);
      tiles = Collections.unmodifiableMap(tiles.isEmpty() ? new EnumMap<>(TileKind.class) : new EnumMap<>(tiles));
      Objects.requireNonNull(programming, "programming");
    }
  }

  public ReprogramCharge {
    Objects.requireNonNull(physical, "physical");
    groups = List.copyOf(groups);
  }

  /** Whether anything is charged per inference: two or more groups. */
  public boolean charged() {
    return groups.size() >= 2;
  }

  /** Arrays written per inference (0 with one group). */
  public long arraysPerInference() {
    return charged() ? groups.stream().mapToLong(Group::arrays).sum() : 0;
  }

  /** Programming energy of every group per inference, pJ (0 with one group). */
  public double programmingPj() {
    return charged() ? groups.stream().mapToDouble(g -> g.programming().energyPj()).sum() : 0;
  }

  /** Programming time per inference, s: the groups' times one after another (0 with one group). */
  public double seconds() {
    return charged() ? groups.stream().mapToDouble(g -> g.programming().seconds()).sum() : 0;
  }

  /** Leakage of the physical tiles in use during the programming time, pJ. */
  public double leakagePj() {
    return leakageW * seconds() * 1e12;
  }

  /** The whole charge per inference, pJ: programming plus leakage during it. */
  public double perInferencePj() {
    return programmingPj() + leakagePj();
  }

  /** Whether every group's memristor tiles describe their programming cost (else part is not charged). */
  public boolean described() {
    return groups.stream().allMatch(g -> g.programming().described());
  }
}
