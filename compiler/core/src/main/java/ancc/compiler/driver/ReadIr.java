package ancc.compiler.driver;

import ancc.compiler.pass.PassContext;
import ancc.compiler.pass.Step;
import ancc.ir.InvalidInputException;
import ancc.ir.graph.Module;
import ancc.ir.graph.Verifier;
import ancc.ir.graph.text.IrFiles;
import java.nio.file.Path;

/** read-ir: a textual graph IR file ({@code .air}, with its {@code .air.bin} sidecar) parsed and verified. */
public final class ReadIr implements Step<Path, Module> {
  @Override
  public String name() {
    return "read-ir";
  }

  @Override
  public String summary() {
    return "textual graph IR file (.air + .air.bin) to graph IR, verified";
  }

  @Override
  public Module run(Path air, PassContext ctx) {
    try {
      Module m = IrFiles.read(air);
      Verifier.verify(m);
      return m;
    } catch (InvalidInputException e) {
      throw ImportOnnx.naming(e, air);
    }
  }
}
