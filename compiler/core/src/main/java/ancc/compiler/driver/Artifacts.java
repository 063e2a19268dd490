package ancc.compiler.driver;

import ancc.ir.chip.ChipScaling;
import ancc.ir.graph.text.IrFiles;
import ancc.ir.graph.text.IrPrinter;
import ancc.ir.graph.text.SidecarWriter;
import ancc.ir.program.text.ProgramFiles;
import ancc.ir.program.text.ProgramPrinter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of a compilation, rendered in memory so that they can be written all or nothing:
 * {@code <base>.air} (graph IR with placements) and its {@code .air.bin} sidecar, {@code
 * <base>.xbp} (program text) and its {@code .xbp.bin} sidecar. An empty sidecar is not written.
 * A program compiled for a scaled chip ({@code scale-to-fit}) also gets {@code <base>.chip.yaml},
 * the scaled chip's canonical YAML, which {@link CompiledModel#readFolder} reads back.
 */
public final class Artifacts {
  private final String base;
  private final byte[] air;
  private final byte[] airBin;
  private final byte[] xbp;
  private final byte[] xbpBin;
  /** The scaled chip's canonical YAML, or null for a chip that was not scaled. */
  private final byte[] chip;

  private Artifacts(String base, byte[] air, byte[] airBin, byte[] xbp, byte[] xbpBin, byte[] chip) {
    this.base = base;
    this.air = air;
    this.airBin = airBin;
    this.xbp = xbp;
    this.xbpBin = xbpBin;
    this.chip = chip;
  }

  public static Artifacts render(Compilation c, String base) {
    ByteArrayOutputStream airBin = new ByteArrayOutputStream();
    String air = IrPrinter.print(c.module(), IrPrinter.Options.DEFAULT, new SidecarWriter(airBin));
    ByteArrayOutputStream xbpBin = new ByteArrayOutputStream();
    String xbp = ProgramPrinter.print(c.program(), ProgramFiles.DEFAULT, new SidecarWriter(xbpBin));
    byte[] chip = ChipScaling.scaledFrom(c.chip()).isPresent()
        ? c.chip().canonicalYaml().getBytes(StandardCharsets.UTF_8) : null;
    return new Artifacts(base, air.getBytes(StandardCharsets.UTF_8), airBin.toByteArray(),
        xbp.getBytes(StandardCharsets.UTF_8), xbpBin.toByteArray(), chip);
  }

  /** Bytes of the program: {@code .xbp} plus {@code .xbp.bin}. */
  public long programBytes() {
    return (long) xbp.length + xbpBin.length;
  }

  /** The files to write into {@code dir} and their contents, sidecars before their text files. */
  public Map<Path, byte[]> files(Path dir) {
    Map<Path, byte[]> out = new LinkedHashMap<>();
    Path airFile = dir.resolve(base + ".air");
    Path xbpFile = dir.resolve(base + ".xbp");
    if (airBin.length > 0) {
      out.put(IrFiles.sidecarPath(airFile), airBin);
    }
    out.put(airFile, air);
    if (xbpBin.length > 0) {
      out.put(ProgramFiles.sidecarPath(xbpFile), xbpBin);
    }
    out.put(xbpFile, xbp);
    if (chip != null) {
      out.put(chipFile(dir, base), chip);
    }
    return out;
  }

  /** The chip file of a program compiled for a scaled chip: {@code DIR/BASE.chip.yaml}. */
  public static Path chipFile(Path dir, String base) {
    return dir.resolve(base + ".chip.yaml");
  }

  /** Sidecars in {@code dir} that a previous compile may have left and this one does not write. */
  public List<Path> staleSidecars(Path dir) {
    List<Path> out = new ArrayList<>();
    if (airBin.length == 0) {
      out.add(IrFiles.sidecarPath(dir.resolve(base + ".air")));
    }
    if (xbpBin.length == 0) {
      out.add(ProgramFiles.sidecarPath(dir.resolve(base + ".xbp")));
    }
    if (chip == null) {
      out.add(chipFile(dir, base));
    }
    return out;
  }
}
