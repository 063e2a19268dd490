package ancc.ir.program.text;

import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.text.parse.NumberText;
import ancc.ir.graph.text.parse.Numbers;
import ancc.ir.graph.text.parse.Pos;
import ancc.ir.graph.text.parse.TensorReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Reads the program's numbers, tensor types and tensor initializers ({@code dense}, {@code blob},
 * {@code blob_u8}) through the shared readers of {@link ancc.ir.graph.text.parse}, plus the
 * program's own integer fields (tile ids, array ids, integer lists).
 */
final class TensorText {
  private static final TensorReader.Wording WORDING = new TensorReader.Wording("sidecar",
      "write the program with a sidecar (ProgramFiles.write) to keep large tensors");

  private final ProgramErrors errors;
  private final Numbers numbers;
  private final TensorReader tensors;

  TensorText(ProgramErrors errors, ByteBuffer sidecar, String sidecarName) {
    this.errors = errors;
    this.numbers = new Numbers(errors);
    this.tensors = new TensorReader(errors, numbers, sidecar, sidecarName, WORDING);
  }

  Numbers numbers() {
    return numbers;
  }

  TensorType type(ProgramIrParser.TypeContext t) {
    return tensors.type(ProgramTrees.type(t));
  }

  long longOf(Token t, String what) {
    return numbers.longOf(NumberText.ofInt(t), what);
  }

  /** An int-valued field (tile ids, slots, ranges): in 0 .. Integer.MAX_VALUE. */
  int nonNegativeInt(Token t, String what) {
    long v = longOf(t, what);
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw errors.at(t, what + " must be in 0.." + Integer.MAX_VALUE + ", got " + v);
    }
    return (int) v;
  }

  /** The id in an array reference token {@code #ID}. */
  long arrayId(Token t) {
    String digits = t.getText().substring(1);
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw errors.at(t, "array id " + t.getText() + " is out of range");
    }
  }

  List<Long> ints(ProgramIrParser.IntListContext l, String what) {
    List<Long> out = new ArrayList<>();
    for (TerminalNode n : l.INT()) {
      out.add(longOf(n.getSymbol(), what));
    }
    return out;
  }

  /** A float from a number (integers are accepted too). */
  float floatOf(ProgramIrParser.NumberContext n, String what) {
    return numbers.floatOf(ProgramTrees.number(n), what);
  }

  /** The tensor of an initializer for a value of static type {@code typeCtx}; {@code what} names it in errors. */
  Tensor tensor(ProgramIrParser.InitContext init, ProgramIrParser.TypeContext typeCtx, String what) {
    return tensors.tensor(type(typeCtx), Pos.of(typeCtx.getStart()), ProgramTrees.init(init), what);
  }
}
