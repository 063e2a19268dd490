package ancc.compiler.partition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The partitioner's decision for one unit.
 *
 * @param name display name (the layer's ONNX name, {@code /gI} for a channel group)
 * @param key the node's output name in the partitioned module
 * @param layerKey the unsplit layer's output name
 * @param op graph IR op
 * @param from first output channel
 * @param to one past the last output channel
 * @param placement the chosen kind: {@code memristor}, {@code sram} or {@code digital}
 * @param sensitivity score per CIM kind the unit can run on ({@code memristor}, {@code sram})
 * @param energyPj the backend's energy estimate per inference on each kind it can run on (pJ)
 * @param dropPercent the predicted drop the choice contributes (percent points)
 * @param why one line: the energy saved against digital and the drop added, or why not cheaper
 */
public record LayerDecision(String name, String key, String layerKey, String op, long from, long to, String placement,
    Map<String, Score> sensitivity, Map<String, Double> energyPj, double dropPercent, String why) {

  public LayerDecision {
    sensitivity = Collections.unmodifiableMap(new LinkedHashMap<>(sensitivity));
    energyPj = Collections.unmodifiableMap(new LinkedHashMap<>(energyPj));
  }
}
