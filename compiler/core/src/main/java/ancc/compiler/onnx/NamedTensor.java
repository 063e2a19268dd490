package ancc.compiler.onnx;

import ancc.ir.graph.Tensor;
import java.util.Objects;

/** A tensor with the name it carried in its source (an ONNX {@code TensorProto} name; may be empty). */
public record NamedTensor(String name, Tensor tensor) {
  public NamedTensor {
    name = name == null ? "" : name;
    Objects.requireNonNull(tensor, "tensor");
  }
}
