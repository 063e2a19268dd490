package ancc.runtime.sim.timing;

import java.util.List;

/**
 * One stage of an instruction's pipeline: the resources it holds and the cycles it takes per
 * item (per input vector for row-wise instructions, once for whole-buffer instructions).
 */
public record Stage(List<Resource> resources, long cyclesPerItem) {
  public Stage {
    resources = List.copyOf(resources);
    if (cyclesPerItem < 0) {
      throw new IllegalArgumentException("negative stage cycles " + cyclesPerItem);
    }
  }

  public static Stage of(Resource r, long cyclesPerItem) {
    return new Stage(List.of(r), cyclesPerItem);
  }
}
