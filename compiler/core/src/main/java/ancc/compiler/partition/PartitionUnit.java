package ancc.compiler.partition;

/**
 * What the partitioner places: a weight layer, or in kernel-granular mode one group of a layer's
 * output channels (a node of the split module, {@link KernelSplit}).
 *
 * @param key the node's first output name in the module being partitioned (the {@code Assignment} key)
 * @param name the display name as reports print it: the node's ONNX name (a group's is the layer's with
 *     {@code /gI}), or {@code %VALUE} for a node without one
 * @param layerKey the key of the unsplit layer in the canonical module
 * @param op the graph IR op name
 * @param from first output channel of the group in the layer
 * @param to one past the last output channel (the layer's channel count for a whole layer)
 * @param channels the layer's output channel count
 */
public record PartitionUnit(String key, String name, String layerKey, String op, long from, long to, long channels) {

  /** Whether the unit is a whole layer. */
  public boolean whole() {
    return from == 0 && to == channels;
  }
}
