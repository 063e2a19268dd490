package ancc.backends.digital;

import ancc.backends.Fragment;
import ancc.backends.FragmentBuilder;
import ancc.backends.LoweringContext;
import ancc.backends.Support;
import ancc.backends.TileBackend;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Value;
import ancc.ir.program.Instr;
import ancc.ir.program.TileKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Digital tiles: every graph IR op, as one {@code digital} instruction with the reference
 * interpreter's semantics (MAC array for conv, convTranspose, gemm, matmul and linear; vector
 * ALU for the rest), on the digital tile the placer picks.
 */
public final class DigitalBackend implements TileBackend {

  @Override
  public TileKind kind() {
    return TileKind.DIGITAL;
  }

  @Override
  public Support supportsOp(Node node, Module m) {
    return Support.yes();
  }

  @Override
  public Support supports(Node node, Module m, Chip chip) {
    return chip.has(TileKind.DIGITAL) ? Support.yes() : Support.no("chip " + chip.name() + " has no digital tile");
  }

  @Override
  public Fragment lower(Node node, LoweringContext ctx) {
    FragmentBuilder fb = new FragmentBuilder(ctx);
    int tile = ctx.digitalTile(node);
    List<String> ins = new ArrayList<>();
    for (Value v : node.inputs()) {
      ins.add(v == null ? null : fb.fetch(v, tile));
    }
    List<String> outs = new ArrayList<>();
    for (Value v : node.outputs()) {
      outs.add(fb.buffer(v.name(), tile, v.type()));
      fb.define(v, tile, v.name());
    }
    fb.emit(tile, new Instr.Digital(node.op(), ins, outs));
    return fb.build();
  }
}
