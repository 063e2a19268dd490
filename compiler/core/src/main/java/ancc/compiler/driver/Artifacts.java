package ancc.compiler.driver;

import ancc.ir.chip.ChipScaling;
import ancc.ir.graph.text.IrFiles;
import ancc.ir.graph.text.IrPrinter;
import ancc.ir.graph.text.SidecarWriter;
import ancc.ir.program.text.ProgramFiles;
import ancc.ir.program.text.ProgramPrinter;
import ancc.runtime.io.StagedFiles;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The files of a compilation, to be written all or nothing: {@code <base>.air} (graph IR with
 * placements) and its {@code .air.bin} sidecar, {@code <base>.xbp} (program text) and its {@code
 * .xbp.bin} sidecar. An empty sidecar is not written. A program compiled for a scaled chip
 * ({@code scale-to-fit}) also gets {@code <base>.chip.yaml}, the scaled chip's canonical YAML,
 * which {@link CompiledModel#readFolder} reads back.
 *
 * <p>The texts are rendered here (they are small); the sidecars (the weights and the array
 * cells, hundreds of megabytes for an ImageNet network) are not held in memory: rendering counts
 * their bytes, and {@link #files} prints them again straight into the staged file, checking that
 * the text printed with them is the one rendered (printing is deterministic).
 */
public final class Artifacts {
  private final String base;
  private final Compilation compilation;
  private final byte[] air;
  private final long airBin;
  private final byte[] xbp;
  private final long xbpBin;
  /** The scaled chip's canonical YAML, or null for a chip that was not scaled. */
  private final byte[] chip;

  private Artifacts(String base, Compilation compilation, String air, long airBin, String xbp, long xbpBin,
      byte[] chip) {
    this.base = base;
    this.compilation = compilation;
    this.air = air.getBytes(StandardCharsets.UTF_8);
    this.airBin = airBin;
    this.xbp = xbp.getBytes(StandardCharsets.UTF_8);
    this.xbpBin = xbpBin;
    this.chip = chip;
  }

  public static Artifacts render(Compilation c, String base) {
    SidecarWriter airBin = new SidecarWriter(OutputStream.nullOutputStream());
    String air = airText(c, airBin);
    SidecarWriter xbpBin = new SidecarWriter(OutputStream.nullOutputStream());
    String xbp = xbpText(c, xbpBin);
    byte[] chip = ChipScaling.scaledFrom(c.chip()).isPresent()
        ? c.chip().canonicalYaml().getBytes(StandardCharsets.UTF_8) : null;
    return new Artifacts(base, c, air, airBin.size(), xbp, xbpBin.size(), chip);
  }

  private static String airText(Compilation c, SidecarWriter sidecar) {
    return IrPrinter.print(c.module(), IrPrinter.Options.DEFAULT, sidecar);
  }

  private static String xbpText(Compilation c, SidecarWriter sidecar) {
    return ProgramPrinter.print(c.program(), ProgramFiles.DEFAULT, sidecar);
  }

  /** Bytes of the program: {@code .xbp} plus {@code .xbp.bin}. */
  public long programBytes() {
    return xbp.length + xbpBin;
  }

  /** The files to write into {@code dir} and their contents, sidecars before their text files. */
  public Map<Path, StagedFiles.Content> files(Path dir) {
    Map<Path, StagedFiles.Content> out = new LinkedHashMap<>();
    Path airFile = dir.resolve(base + ".air");
    Path xbpFile = dir.resolve(base + ".xbp");
    if (airBin > 0) {
      out.put(IrFiles.sidecarPath(airFile), sidecar(air, Artifacts::airText));
    }
    out.put(airFile, StagedFiles.bytes(air));
    if (xbpBin > 0) {
      out.put(ProgramFiles.sidecarPath(xbpFile), sidecar(xbp, Artifacts::xbpText));
    }
    out.put(xbpFile, StagedFiles.bytes(xbp));
    if (chip != null) {
      out.put(chipFile(dir, base), StagedFiles.bytes(chip));
    }
    return out;
  }

  /** A sidecar printed again into the staged file; its text must be {@code text}. */
  private StagedFiles.Content sidecar(byte[] text, BiFunction<Compilation, SidecarWriter, String> printer) {
    return out -> {
      String again = printer.apply(compilation, new SidecarWriter(out));
      if (!java.util.Arrays.equals(again.getBytes(StandardCharsets.UTF_8), text)) {
        throw new IllegalStateException("printing " + base + " twice gave two texts");
      }
    };
  }

  /** The chip file of a program compiled for a scaled chip: {@code DIR/BASE.chip.yaml}. */
  public static Path chipFile(Path dir, String base) {
    return dir.resolve(base + ".chip.yaml");
  }

  /** Sidecars in {@code dir} that a previous compile may have left and this one does not write. */
  public List<Path> staleSidecars(Path dir) {
    List<Path> out = new ArrayList<>();
    if (airBin == 0) {
      out.add(IrFiles.sidecarPath(dir.resolve(base + ".air")));
    }
    if (xbpBin == 0) {
      out.add(ProgramFiles.sidecarPath(dir.resolve(base + ".xbp")));
    }
    if (chip == null) {
      out.add(chipFile(dir, base));
    }
    return out;
  }
}
