package ancc.compiler.partition;

import ancc.backends.mapping.Calibration;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.program.TileKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The kernel-granular problem: per weight layer, either the whole layer on one kind (the layer's own
 * choices) or its channel groups ({@link KernelSplit}) each on its own kind, every combination of the
 * groups' choices, plus the concat that joins them on a digital tile. The solvers pick one
 * option per layer, so kernel granularity is never worse than layer granularity on the objective;
 * {@link #realize} splits only the layers whose option is a group combination.
 */
final class KernelPlan {
  /** One option of a layer: its choice, and either the layer choice index or the group choice indices. */
  record Option(Choice choice, int whole, int[] groups) {}

  /** The partition of the realized module. */
  record Realized(KernelSplit.Split split, List<List<Choice>> choices, int[] pick) {}

  private final List<PartitionUnit> layers;
  private final List<List<Choice>> layerChoices;
  private final KernelSplit.Split groups;
  private final List<List<Choice>> groupChoices;
  private final List<List<Option>> options = new ArrayList<>();
  private final Map<String, List<Integer>> groupsOf = new HashMap<>();

  private KernelPlan(List<PartitionUnit> layers, List<List<Choice>> layerChoices, KernelSplit.Split groups,
      List<List<Choice>> groupChoices) {
    this.layers = layers;
    this.layerChoices = layerChoices;
    this.groups = groups;
    this.groupChoices = groupChoices;
  }

  static KernelPlan build(List<PartitionUnit> layers, List<List<Choice>> layerChoices, KernelSplit.Split groups,
      List<List<Choice>> groupChoices, CostTable costs, Calibration groupCal) {
    KernelPlan p = new KernelPlan(layers, layerChoices, groups, groupChoices);
    for (int g = 0; g < groups.units().size(); g++) {
      PartitionUnit u = groups.units().get(g);
      if (!u.whole()) {
        p.groupsOf.computeIfAbsent(u.layerKey(), k -> new ArrayList<>()).add(g);
      }
    }
    Map<String, Node> byKey = new HashMap<>();
    groups.module().nodes().forEach(n -> byKey.put(n.output().name(), n));
    for (int i = 0; i < layers.size(); i++) {
      List<Option> opts = new ArrayList<>();
      for (int c = 0; c < layerChoices.get(i).size(); c++) {
        opts.add(new Option(layerChoices.get(i).get(c), c, null));
      }
      List<Integer> gs = p.groupsOf.get(layers.get(i).key());
      if (gs != null) {
        Node concat = byKey.get(layers.get(i).key());
        double join = costs.of(concat, groups.module(), TileKind.DIGITAL, groupCal).orElseThrow().energyPj();
        p.combinations(gs, 0, new int[gs.size()], new Choice.Placed(concat, TileKind.DIGITAL), join, opts);
      }
      p.options.add(opts);
    }
    return p;
  }

  private void combinations(List<Integer> gs, int j, int[] idx, Choice.Placed concat, double join,
      List<Option> out) {
    if (j == gs.size()) {
      double e = join;
      double d = 0;
      long mem = 0;
      long sram = 0;
      List<Choice.Placed> nodes = new ArrayList<>();
      TileKind kind = groupChoices.get(gs.get(0)).get(idx[0]).kind();
      for (int k = 0; k < gs.size(); k++) {
        Choice c = groupChoices.get(gs.get(k)).get(idx[k]);
        e += c.energyPj();
        d = Drops.combine(d, c.drop());
        mem += c.memristorArrays();
        sram += c.sramArrays();
        nodes.addAll(c.nodes());
        kind = c.kind() == kind ? kind : null;
      }
      nodes.add(concat);
      out.add(new Option(new Choice(kind, e, mem, sram, d, nodes), -1, idx.clone()));
      return;
    }
    for (int c = 0; c < groupChoices.get(gs.get(j)).size(); c++) {
      idx[j] = c;
      combinations(gs, j + 1, idx, concat, join, out);
    }
  }

  /** The options of every layer as solver choices. */
  List<List<Choice>> choices() {
    List<List<Choice>> out = new ArrayList<>();
    for (List<Option> os : options) {
      out.add(os.stream().map(Option::choice).toList());
    }
    return out;
  }

  /** The module with the chosen layers split, its units' choices and the picks of {@code opt}. */
  Realized realize(Module canonical, int[] opt, Map<String, Map<TileKind, Score>> scores, CostTable costs,
      Calibration groupCal) {
    Set<String> split = new HashSet<>();
    Map<String, TileKind> kindOf = new HashMap<>();
    for (int i = 0; i < layers.size(); i++) {
      Option o = options.get(i).get(opt[i]);
      if (o.groups() == null) {
        kindOf.put(layers.get(i).key(), layerChoices.get(i).get(o.whole()).kind());
        continue;
      }
      split.add(layers.get(i).key());
      List<Integer> gs = groupsOf.get(layers.get(i).key());
      for (int k = 0; k < gs.size(); k++) {
        kindOf.put(groups.units().get(gs.get(k)).key(), groupChoices.get(gs.get(k)).get(o.groups()[k]).kind());
      }
    }
    KernelSplit.Split fin = KernelSplit.split(canonical, split::contains);
    List<List<Choice>> choices = Choices.of(fin.module(), fin.units(), scores, costs, groupCal);
    int[] pick = new int[fin.units().size()];
    for (int u = 0; u < pick.length; u++) {
      pick[u] = Choices.index(choices.get(u), kindOf.get(fin.units().get(u).key()));
      if (pick[u] < 0) {
        throw new IllegalStateException("kernel plan: no choice " + kindOf.get(fin.units().get(u).key()) + " for "
            + fin.units().get(u).name());
      }
    }
    return new Realized(fin, choices, pick);
  }
}
