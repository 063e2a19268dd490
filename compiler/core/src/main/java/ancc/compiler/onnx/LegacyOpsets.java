package ancc.compiler.onnx;

import ancc.ir.UnsupportedOpException;
import java.util.Set;

/**
 * Models that import a default-domain opset older than 7. ancc supports opsets 7 to 21; an older
 * model is still accepted when every node's operator has had one definition from version 1
 * through opset 7 (so the node means exactly what it means at opset 7), e.g. GlobalAveragePool
 * or Conv. Any other operator (Clip, Add, Reshape, ... changed at opsets 2 to 7) makes the model
 * unsupported.
 */
final class LegacyOpsets {
  /** Operators whose version-1 definition is still current at opset 7. */
  static final Set<String> UNCHANGED_THROUGH_7 = Set.of(
      "Conv", "ConvTranspose", "MatMul", "Softmax", "LogSoftmax", "MaxPool", "GlobalAveragePool",
      "GlobalMaxPool", "Flatten", "Transpose", "Slice", "Squeeze", "Unsqueeze", "Identity", "Constant", "Shape",
      "Gather", "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin");

  private LegacyOpsets() {}

  /** The opset a node of {@code opType} is converted under; throws for old opsets it cannot honour. */
  static int effectiveOpset(String file, int opset, String opType, String loc) {
    if (opset >= OnnxImporter.MIN_OPSET) {
      return opset;
    }
    if (UNCHANGED_THROUGH_7.contains(opType)) {
      return OnnxImporter.MIN_OPSET;
    }
    throw new UnsupportedOpException("opset", file + ": opset " + opset + " is older than " + OnnxImporter.MIN_OPSET
        + ", the oldest ancc supports (opsets " + OnnxImporter.MIN_OPSET + " to " + OnnxImporter.MAX_OPSET
        + "); node '" + loc + "' (" + opType + ") differs there");
  }
}
