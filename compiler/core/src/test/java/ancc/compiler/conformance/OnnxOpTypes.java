package ancc.compiler.conformance;

import ancc.compiler.onnx.proto.OnnxMl;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/** The op_type names used by an ONNX model's main graph. */
final class OnnxOpTypes {
  private OnnxOpTypes() {}

  static Set<String> of(Path model) {
    try (InputStream in = Files.newInputStream(model)) {
      Set<String> ops = new TreeSet<>();
      for (OnnxMl.NodeProto n : OnnxMl.ModelProto.parseFrom(in).getGraph().getNodeList()) {
        ops.add(n.getOpType());
      }
      return ops;
    } catch (IOException e) {
      throw new IllegalStateException(model + ": " + e, e);
    }
  }
}
