package ancc.compiler.conformance;

import ancc.compiler.conformance.ConformanceCase.Outcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The counts of a conformance run and its printed summary. Filled case by case, in suite order. */
final class ConformanceTally {
  private int passed;
  private int unsupported;
  private int unlisted;
  private int excluded;
  private final List<String> failures = new ArrayList<>();
  private final Map<String, Integer> unsupportedOps = new TreeMap<>();
  private final Set<String> passedOps = new TreeSet<>();

  /** A case's outcome; {@code listed}: it is on the expected-unsupported list. */
  void add(String id, Path dir, Outcome o, boolean listed) {
    switch (o.kind()) {
      case PASS -> {
        passed++;
        passedOps.addAll(OnnxOpTypes.of(dir.resolve("model.onnx")));
      }
      case UNSUPPORTED -> {
        unsupported++;
        unsupportedOps.merge(o.detail(), 1, Integer::sum);
        if (!listed) {
          unlisted++;
        }
      }
      case FAIL -> failures.add(id + ": " + o.detail());
    }
  }

  /** A case excluded for test data that contradicts its model (and failing as expected). */
  void excluded() {
    excluded++;
  }

  Set<String> passedOps() {
    return passedOps;
  }

  void print(Set<String> badData) {
    System.out.printf("conformance: %d passed, %d failed, %d unsupported%n", passed, failures.size(), unsupported);
    System.out.println("conformance: " + (unsupported - unlisted) + " unsupported cases are listed in "
        + ExpectedUnsupported.RESOURCE + ", " + unlisted + " are not");
    System.out.println("conformance: " + excluded + " cases excluded for test data that contradicts the model: "
        + String.join(", ", new TreeSet<>(badData)));
    System.out.println("conformance: unsupported ops (cases): " + unsupportedOps.entrySet().stream()
        .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", ")));
    failures.forEach(f -> System.out.println("conformance: FAIL " + f));
  }
}
