package ancc.compiler.driver;

import ancc.backends.Assignment;
import ancc.ir.InvalidInputException;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.program.TileKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the layers of a model are placed on tile kinds: chosen by the partitioner from measured
 * sensitivities ({@link Auto}), or by a fixed rule ({@link Fixed}: {@link Uniform} or {@link
 * FirstLastDigital}). The names ({@link #text()}) are the words of the CLI, the plugin and the
 * reports; inside the compiler a strategy is this type.
 */
public sealed interface Strategy permits Strategy.Auto, Strategy.Fixed {

  /** The strategy's name, e.g. {@code auto} or {@code all-memristor}. */
  String text();

  /** Whether the partitioner chooses the placement from sensitivities. */
  default boolean automatic() {
    return this instanceof Auto;
  }

  /** The partitioner's solvers. */
  enum Solver {
    /** Exact on the drop model (branch and bound), the default. */
    EXACT,
    /** Greedy: cheapest moves first. */
    GREEDY
  }

  /** The partitioner's choice under the accuracy budget. */
  record Auto(Solver solver) implements Strategy {
    @Override
    public String text() {
      return solver == Solver.EXACT ? "auto" : "auto-greedy";
    }
  }

  /** A placement by a fixed rule: the partitioner measures it, but does not choose it. */
  sealed interface Fixed extends Strategy permits Uniform, FirstLastDigital {
    /** The tile kind of every node of {@code m} by this rule (whether the chip has room is checked when lowering). */
    Assignment assign(Module m);
  }

  /** Every node the kind's backend can map on that kind, the rest digital: {@code all-KIND}. */
  record Uniform(TileKind kind) implements Fixed {
    @Override
    public String text() {
      return "all-" + kind.text();
    }

    @Override
    public Assignment assign(Module m) {
      return Assignment.uniform(m, kind);
    }
  }

  /**
   * The first and the last weight layer digital, every other weight layer on memristor tiles, the
   * rest digital: the common hand heuristic.
   */
  record FirstLastDigital() implements Fixed {
    @Override
    public String text() {
      return "first-last-digital";
    }

    @Override
    public Assignment assign(Module m) {
      List<Node> layers = Placements.weightLayers(m);
      Map<String, TileKind> kinds = new LinkedHashMap<>();
      for (Node n : m.nodes()) {
        kinds.put(n.output().name(), TileKind.DIGITAL);
      }
      for (int i = 1; i < layers.size() - 1; i++) {
        kinds.put(layers.get(i).output().name(), TileKind.MEMRISTOR);
      }
      return new Assignment(kinds);
    }
  }

  Strategy AUTO = new Auto(Solver.EXACT);
  Strategy AUTO_GREEDY = new Auto(Solver.GREEDY);
  Fixed ALL_MEMRISTOR = new Uniform(TileKind.MEMRISTOR);
  Fixed ALL_SRAM = new Uniform(TileKind.SRAM);
  Fixed ALL_DIGITAL = new Uniform(TileKind.DIGITAL);
  Fixed FIRST_LAST_DIGITAL = new FirstLastDigital();

  /** The fixed strategies, in the order reports list them. */
  static List<Fixed> fixed() {
    return List.of(ALL_MEMRISTOR, ALL_SRAM, ALL_DIGITAL, FIRST_LAST_DIGITAL);
  }

  /** Every strategy, automatic ones first. */
  static List<Strategy> all() {
    List<Strategy> out = new ArrayList<>(List.of(AUTO, AUTO_GREEDY));
    out.addAll(fixed());
    return List.copyOf(out);
  }

  /** Every strategy's name, automatic ones first. */
  static List<String> names() {
    return all().stream().map(Strategy::text).toList();
  }

  /** The strategy named {@code text} (any case); an unknown name is an invalid-input error listing the names. */
  static Strategy parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    for (Strategy s : all()) {
      if (s.text().equals(t)) {
        return s;
      }
    }
    throw new InvalidInputException("unknown placement '" + text + "' (" + String.join(", ", names()) + ")");
  }
}
