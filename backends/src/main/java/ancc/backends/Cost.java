package ancc.backends;

import ancc.ir.program.TileKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cost of one node on one tile kind, per inference at batch 1: arrays (crossbars or SRAM
 * macros) it occupies, action counts per component (keys in {@link Action}), energy in pJ
 * (counts x the chip's per-action energies) and latency in cycles.
 */
public record Cost(TileKind kind, long arrays, Map<String, Long> actions, double energyPj, long cycles) {

  /** Action names, as reports print them. */
  public static final class Action {
    public static final String DAC_DRIVE = "dac_drive";
    public static final String ARRAY_READ = "array_read";
    public static final String ADC_CONVERSION = "adc_conversion";
    public static final String SHIFT_ADD = "shift_add";
    public static final String MAC = "mac";
    public static final String VECTOR_OP = "vector_op";
    public static final String BUFFER_BYTE = "buffer_byte";

    private Action() {}
  }

  public Cost {
    actions = Collections.unmodifiableMap(new LinkedHashMap<>(actions));
  }

  /** Count of one action, 0 when absent. */
  public long count(String action) {
    return actions.getOrDefault(action, 0L);
  }
}
