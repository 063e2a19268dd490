package ancc.runtime.sim.timing;

import java.util.ArrayList;
import java.util.List;

/**
 * What one instruction occupies: {@code items} work items flowing through a linear pipeline of
 * stages (zero-cycle stages are dropped). With per-item stage cycles c_1..c_k, stage j finishes
 * its last item at {@code sum_{i<=j} c_i + (items - 1) * max_{i<=j} c_i} after the start (a
 * linear pipeline with buffering between stages), which for j = k is the instruction's duration.
 */
public record Work(long items, List<Stage> stages) {
  public Work {
    if (items < 0) {
      throw new IllegalArgumentException("negative item count " + items);
    }
    List<Stage> kept = new ArrayList<>();
    for (Stage s : stages) {
      if (s.cyclesPerItem() > 0) {
        kept.add(s);
      }
    }
    stages = List.copyOf(kept);
  }

  /** Cycles from the start until stage j (0-based) has begun its first item. */
  public long stageStart(int j) {
    long t = 0;
    for (int i = 0; i < j; i++) {
      t += stages.get(i).cyclesPerItem();
    }
    return t;
  }

  /** Cycles from the start until stage j has finished its last item (0 when there are no items). */
  public long stageEnd(int j) {
    if (items == 0) {
      return 0;
    }
    long sum = 0;
    long max = 0;
    for (int i = 0; i <= j; i++) {
      long c = stages.get(i).cyclesPerItem();
      sum += c;
      max = Math.max(max, c);
    }
    return sum + (items - 1) * max;
  }

  /** Cycles from start to finish. */
  public long duration() {
    return stages.isEmpty() ? 0 : stageEnd(stages.size() - 1);
  }
}
