package ancc.compiler.partition;

import ancc.backends.Cost;
import ancc.backends.DoesNotFitException;
import ancc.backends.mapping.Calibration;
import ancc.backends.place.DryPlacement;
import ancc.ir.chip.Chip;
import ancc.ir.chip.TileSpec;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Value;
import ancc.ir.program.TileKind;
import ancc.runtime.sim.energy.Transfer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The partitioner's objective: the energy ledger of a partition, per inference at batch 1, modelled
 * without lowering it (docs/partitioning.md, "Objective"). A pick (one choice per unit; every other
 * node on a digital tile) is placed as lowering would place it ({@link DryPlacement}), and
 *
 * <pre>
 *   E = sum_n D_n + sum_loads L_x + sum_stores S_y + sum_sends X_v + lambda x T
 *   T = sum_n C_n + cycles of the loads, stores and sends
 * </pre>
 *
 * with D_n and C_n the node's own energy and cycles on its kind (the backends' estimate,
 * {@link Cost}), L_x and S_y the one-node programs' load and store of a graph input or output,
 * X_v a value's move between two tiles by the ledger's send and recv rules ({@link Transfer}: the
 * sender's buffer read, flits x hops, the receiver's buffer write) over the hops of the placement,
 * and lambda the leakage power of the tiles the placement uses (pJ per cycle), charged over T as
 * the ledger charges it over the run. T adds up the nodes' latencies: at batch 1 a model runs
 * layer after layer, so this is the ledger's duration unless branches overlap (then T is longer).
 */
final class Objective {
  /** The model's parts, pJ per inference, and its run time in cycles. */
  record Breakdown(double dynamicPj, double transferPj, double hostPj, double leakagePj, long cycles, int tiles) {
    double totalPj() {
      return dynamicPj + transferPj + hostPj + leakagePj;
    }
  }

  private final Module template;
  private final List<List<Choice>> choices;
  private final CostTable costs;
  private final Chip chip;
  private final int[] unitAt;
  private final Set<Value> produced = new HashSet<>();
  private final Map<String, Integer> consumersFixed = new HashMap<>();

  private Objective(Module template, List<PartitionUnit> units, List<List<Choice>> choices, CostTable costs) {
    this.template = template;
    this.choices = choices;
    this.costs = costs;
    this.chip = costs.chip();
    Map<String, Integer> unitOf = new HashMap<>();
    for (int i = 0; i < units.size(); i++) {
      unitOf.put(units.get(i).key(), i);
    }
    unitAt = new int[template.nodes().size()];
    for (int j = 0; j < unitAt.length; j++) {
      Node n = template.nodes().get(j);
      unitAt[j] = unitOf.getOrDefault(n.output().name(), -1);
      produced.addAll(n.outputs());
      if (unitAt[j] < 0) {
        n.inputs().forEach(v -> {
          if (v != null) {
            consumersFixed.merge(v.name(), 1, Integer::sum);
          }
        });
      }
    }
    choices.forEach(cs -> cs.forEach(c -> c.nodes().forEach(p -> produced.addAll(p.node().outputs()))));
  }

  /**
   * The objective over {@code m} whose units {@code units} have {@code choices} (with their nodes,
   * estimated in {@code costs}); the costs of the other nodes, on digital tiles, are estimated here
   * with the ranges of {@code cal}.
   */
  static Objective of(Module m, List<PartitionUnit> units, List<List<Choice>> choices, CostTable costs,
      Calibration cal) {
    Objective o = new Objective(m, units, choices, costs);
    for (int j = 0; j < o.unitAt.length; j++) {
      if (o.unitAt[j] < 0) {
        costs.of(m.nodes().get(j), m, TileKind.DIGITAL, cal);
      }
    }
    return o;
  }

  /** The modelled ledger energy of {@code pick} per inference, pJ (infinite when it does not fit the chip). */
  double energyPj(int[] pick) {
    Breakdown b = breakdown(pick);
    return b == null ? Double.POSITIVE_INFINITY : b.totalPj();
  }

  /** The parts of {@link #energyPj}; null when the pick does not fit the chip. */
  Breakdown breakdown(int[] pick) {
    List<Choice.Placed> active = active(pick);
    Map<String, Choice.Placed> byKey = new HashMap<>();
    List<Node> nodes = new ArrayList<>();
    for (Choice.Placed p : active) {
      byKey.put(p.node().output().name(), p);
      nodes.add(p.node());
    }
    DryPlacement.Result r;
    try {
      r = DryPlacement.place(chip, nodes, template.inputs(), template.outputs(), this::constant,
          n -> byKey.get(n.output().name()).kind(), n -> (int) cost(byKey.get(n.output().name())).arrays());
    } catch (DoesNotFitException e) {
      return null;
    }
    double dynamic = 0;
    long cycles = 0;
    Map<String, Cost.Port> produces = new HashMap<>();
    for (Choice.Placed p : active) {
      Cost c = cost(p);
      dynamic += c.energyPj();
      cycles += c.cycles();
      c.outputs().forEach(port -> produces.put(port.value(), port));
    }
    double host = 0;
    for (DryPlacement.Move load : r.loads()) {
      Choice.Placed by = byKey.get(load.by());
      Cost.Port port = by == null ? null : cost(by).input(load.value().name());
      if (port != null) {
        host += port.pj();
        cycles += port.cycles();
        produces.putIfAbsent(load.value().name(), port);
      }
    }
    for (DryPlacement.Move store : r.stores()) {
      Choice.Placed by = byKey.get(store.by());
      Cost.Port port = by != null ? cost(by).output(store.value().name()) : produces.get(store.value().name());
      if (port != null) {
        host += port.pj();
        cycles += port.cycles();
      }
    }
    double transfers = 0;
    for (DryPlacement.Move s : r.sends()) {
      Transfer t = Transfer.of(chip, spec(s.from()), spec(s.to()), produces.get(s.value().name()).bytes(),
          chip.mesh().hops(s.from(), s.to()));
      transfers += t.pj();
      cycles += t.cycles();
    }
    double lambda = 0;
    for (int t : r.tiles()) {
      lambda += leakPjPerCycle(spec(t));
    }
    return new Breakdown(dynamic, transfers, host, lambda * cycles, cycles, r.tiles().size());
  }

  /** The solvers' view: per choice the energy and cycles it costs for sure, the leakage per tile, {@link #energyPj}. */
  Problem problem(Map<TileKind, Long> capacity) {
    List<List<Problem.Term>> terms = new ArrayList<>();
    for (List<Choice> cs : choices) {
      List<Problem.Term> ts = new ArrayList<>();
      for (Choice c : cs) {
        ts.add(term(c));
      }
      terms.add(ts);
    }
    double fixedPj = 0;
    long fixedCycles = 0;
    boolean anyFixed = false;
    for (int j = 0; j < unitAt.length; j++) {
      if (unitAt[j] < 0) {
        Cost c = costs.get(template.nodes().get(j), TileKind.DIGITAL);
        fixedPj += c.energyPj();
        fixedCycles += c.cycles();
        anyFixed = true;
      }
    }
    Map<TileKind, Problem.Tiles> tiles = new EnumMap<>(TileKind.class);
    for (TileKind k : List.of(TileKind.MEMRISTOR, TileKind.SRAM)) {
      chip.spec(k).ifPresent(s -> tiles.put(k, new Problem.Tiles(s.arraysPerTile(), chip.tilesOf(k).size(),
          leakPjPerCycle(s))));
    }
    double base = anyFixed ? chip.spec(TileKind.DIGITAL).map(this::leakPjPerCycle).orElse(0.0) : 0;
    return new Problem(terms, capacity, tiles, base, fixedPj, fixedCycles, this::energyPj);
  }

  /**
   * A choice's certain part: its nodes' own energy and cycles, and for each of its nodes on a CIM
   * kind whose output a digital node reads (a fixed node, or a node of the same choice on digital),
   * one move of that output to a digital tile over the fewest hops between the two kinds' tiles.
   */
  private Problem.Term term(Choice c) {
    double pj = 0;
    long cycles = 0;
    Set<String> digitalHere = new HashSet<>();
    c.nodes().stream().filter(p -> p.kind() == TileKind.DIGITAL)
        .forEach(p -> p.node().inputs().forEach(v -> digitalHere.add(v == null ? "" : v.name())));
    for (Choice.Placed p : c.nodes()) {
      Cost cost = cost(p);
      pj += cost.energyPj();
      cycles += cost.cycles();
      if (p.kind() == TileKind.DIGITAL || !chip.has(TileKind.DIGITAL)) {
        continue;
      }
      for (Value y : p.node().outputs()) {
        if (consumersFixed.containsKey(y.name()) || digitalHere.contains(y.name())) {
          Transfer t = Transfer.of(chip, chip.spec(p.kind()).orElseThrow(), chip.spec(TileKind.DIGITAL).orElseThrow(),
              cost.output(y.name()).bytes(), minHops(p.kind(), TileKind.DIGITAL));
          pj += t.pj();
          cycles += t.cycles();
        }
      }
    }
    return new Problem.Term(pj, cycles, c.memristorArrays(), c.sramArrays(), c.drop());
  }

  /** The nodes of {@code pick} in lowering order: each unit's choice's nodes in its place, the others digital. */
  private List<Choice.Placed> active(int[] pick) {
    List<Choice.Placed> out = new ArrayList<>();
    for (int j = 0; j < unitAt.length; j++) {
      int u = unitAt[j];
      if (u < 0) {
        out.add(new Choice.Placed(template.nodes().get(j), TileKind.DIGITAL));
      } else {
        out.addAll(choices.get(u).get(pick[u]).nodes());
      }
    }
    return out;
  }

  private boolean constant(Value v) {
    return !produced.contains(v) && !template.inputs().contains(v);
  }

  private Cost cost(Choice.Placed p) {
    return costs.get(p.node(), p.kind());
  }

  private TileSpec spec(int tile) {
    return chip.groupOf(tile).spec();
  }

  private double leakPjPerCycle(TileSpec s) {
    return s.leakage().watts() * chip.clock().period().seconds() * 1e12;
  }

  private int minHops(TileKind a, TileKind b) {
    int best = Integer.MAX_VALUE;
    for (int x : chip.tilesOf(a)) {
      for (int y : chip.tilesOf(b)) {
        best = Math.min(best, chip.mesh().hops(x, y));
      }
    }
    return best;
  }
}
