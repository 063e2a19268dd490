// Per-compilation data shared by the steps of one pipeline run: a sink for remarks (things a
// pass chose not to do and why, e.g. a constant too large to fold), the per-step timings the
// PassManager records, the results of analyses a step made for later ones (the partitioner's
// decisions), and a generator of fresh value names. Steps themselves stay stateless.
package ancc.compiler.pass;

import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Mutable per-compilation state handed to every {@link Pass#run}. Not thread-safe. */
public final class PassContext {

  /** A note from a pass, e.g. why a rewrite was skipped. Not an error. */
  public record Remark(String pass, String message) {
    @Override
    public String toString() {
      return pass + ": " + message;
    }
  }

  private final List<Remark> remarks = new ArrayList<>();
  private final List<PassTiming> timings = new ArrayList<>();
  private final Set<String> issuedNames = new HashSet<>();
  private final Map<Class<?>, Object> analyses = new HashMap<>();

  /** Records a remark from {@code pass}. */
  public void remark(String pass, String message) {
    remarks.add(new Remark(pass, message));
  }

  /** Remarks in the order they were made. */
  public List<Remark> remarks() {
    return Collections.unmodifiableList(remarks);
  }

  void recordTiming(PassTiming t) {
    timings.add(t);
  }

  /** Records the wall time of a stage that is not a pass (reading inputs, simulating, writing). */
  public void recordTiming(String stage, long nanos) {
    timings.add(new PassTiming(stage, nanos));
  }

  /** Stores the result of an analysis a step made (e.g. the partitioner's decisions), replacing one of its type. */
  public <T> void put(Class<T> type, T result) {
    analyses.put(type, type.cast(result));
  }

  /** The analysis result of {@code type} a step stored, if any. */
  public <T> Optional<T> get(Class<T> type) {
    return Optional.ofNullable(type.cast(analyses.get(type)));
  }

  /** Wall time per pass run, in pipeline order (filled by {@link PassManager}). */
  public List<PassTiming> timings() {
    return Collections.unmodifiableList(timings);
  }

  /**
   * A generator of names that are unused in {@code m} and were never issued before by this
   * context. Create one per pass run, after which {@code m}'s names are fixed.
   */
  public FreshNames freshNames(Module m) {
    Set<String> taken = new HashSet<>(issuedNames);
    for (Value v : m.inputs()) {
      taken.add(v.name());
    }
    for (Value v : m.constants().keySet()) {
      taken.add(v.name());
    }
    for (Node n : m.nodes()) {
      for (Value v : n.outputs()) {
        taken.add(v.name());
      }
    }
    return new FreshNames(taken, issuedNames);
  }

  /** Hands out names derived from a hint: the hint itself if free, else {@code hint_1}, {@code hint_2}, ... */
  public static final class FreshNames {
    private final Set<String> taken;
    private final Set<String> issued;

    private FreshNames(Set<String> taken, Set<String> issued) {
      this.taken = taken;
      this.issued = issued;
    }

    public String fresh(String hint) {
      String name = hint;
      for (int i = 1; taken.contains(name); i++) {
        name = hint + "_" + i;
      }
      taken.add(name);
      issued.add(name);
      return name;
    }
  }
}
