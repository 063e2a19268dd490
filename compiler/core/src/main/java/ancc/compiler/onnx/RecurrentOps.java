package ancc.compiler.onnx;

import ancc.compiler.onnx.proto.OnnxMl.AttributeProto;
import ancc.ir.graph.Op;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Maps ONNX RNN, GRU and LSTM (default activations only) onto {@link Op.Recurrent}. */
final class RecurrentOps {
  private RecurrentOps() {}

  static Lowered convert(NodeContext c, Op.RnnKind kind) {
    if (!c.has("hidden_size")) {
      throw c.fail("missing required attribute 'hidden_size'");
    }
    String dir = c.s("direction", "forward");
    Op.RnnDirection direction;
    switch (dir) {
      case "forward": direction = Op.RnnDirection.FORWARD; break;
      case "reverse": direction = Op.RnnDirection.REVERSE; break;
      case "bidirectional": direction = Op.RnnDirection.BIDIRECTIONAL; break;
      default: throw c.fail("unknown direction '" + dir + "'");
    }
    checkActivations(c, kind, direction);
    if (c.has("activation_alpha") || c.has("activation_beta")) {
      throw c.unsupported("activation_alpha and activation_beta are not supported");
    }
    Op.Recurrent op = new Op.Recurrent(kind, direction, c.i("hidden_size", 0), c.f("clip", 0f),
        c.i("linear_before_reset", 0) != 0, c.i("input_forget", 0) != 0, c.i("layout", 0) != 0);
    int maxIn = kind == Op.RnnKind.LSTM ? 8 : 6;
    if (c.inputs().size() > maxIn) {
      throw c.fail("has " + c.inputs().size() + " inputs, at most " + maxIn);
    }
    c.req(0);
    c.req(1);
    c.req(2);
    return new Lowered(op, c.inputs(maxIn), kind == Op.RnnKind.LSTM ? 3 : 2);
  }

  /** Only the default activations (per direction) are supported. */
  private static void checkActivations(NodeContext c, Op.RnnKind kind, Op.RnnDirection direction) {
    AttributeProto a = c.attr("activations", AttributeProto.AttributeType.STRINGS);
    if (a == null) {
      return;
    }
    List<String> defaults = kind == Op.RnnKind.RNN ? List.of("tanh")
        : kind == Op.RnnKind.GRU ? List.of("sigmoid", "tanh") : List.of("sigmoid", "tanh", "tanh");
    List<String> want = new ArrayList<>(defaults);
    if (direction == Op.RnnDirection.BIDIRECTIONAL) {
      want.addAll(defaults);
    }
    List<String> got = new ArrayList<>();
    for (com.google.protobuf.ByteString s : a.getStringsList()) {
      got.add(s.toString(StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
    }
    if (!got.equals(want)) {
      throw c.unsupported("activations " + got + " are not supported (only the defaults " + want + ")");
    }
  }
}
