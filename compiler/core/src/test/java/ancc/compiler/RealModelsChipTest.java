package ancc.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.compiler.driver.Compilation;
import ancc.compiler.driver.Compiler;
import ancc.compiler.driver.Options;
import ancc.compiler.driver.Pipeline;
import ancc.compiler.driver.TestCompile;
import ancc.compiler.driver.Strategy;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.chip.NoiseModel;
import ancc.ir.program.TileKind;
import ancc.ir.graph.Module;
import ancc.ir.graph.Tensor;
import ancc.runtime.interp.Interpreter;
import ancc.runtime.io.Npy;
import ancc.runtime.sim.SimOptions;
import ancc.runtime.sim.Simulator;
import ancc.runtime.device.DeviceModels;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real networks of {@code testdata/real} compiled for the chip presets with scale-to-fit
 * (issue 13, item 6): the program runs in ideal mode within the documented tolerance of the FP32
 * reference, and in analog mode (finite outputs, the same seed giving the same bits).
 *
 * <p>Each case compiles through the pipeline's lower stage ({@link Pipeline#lower}, the stage that
 * {@code ancc compile --scale-to-fit} runs, with {@link Options#scaleToFit()} set; not
 * {@link Pipeline#compile(Path)}, whose placement step would run the partitioner because calibration
 * data is given) with a fixed placement: every weight layer on memristor crossbars (the only CIM
 * kind every preset has; the rest runs on digital tiles), or on SRAM-CIM macros for one case.
 * Quantizer ranges come from {@value #CALIB} held-out inputs (rows 16..31 of the committed
 * 256-input files, disjoint from the {@value #SAMPLES} inputs compared).
 *
 * <p>Tolerance ({@link Tolerance}; docs/fidelity.md, where the measured values are): on the first
 * {@value #SAMPLES} committed inputs, ideal-mode logits against the FP32 interpreter's have a cosine
 * similarity of at least 0.999 for every input and the same top-1 class for at least 7 of 8 when the
 * weights have 8 bits or more; at least 0.85 and 5 of 8 on 4-bit weights (neurram).
 *
 * <p>Coverage: compiling and simulating a model takes seconds, so the default cases are every
 * preset with the CNN (resnet20, the network the {@code default} preset's paper runs), every model
 * on {@code default}, and resnet20 on {@code default}'s SRAM-CIM: 9 cases.
 * {@code -Dancc.real.allPresets=true} runs every model on every preset (21 cases).
 */
class RealModelsChipTest {
  static final int SAMPLES = 8;
  static final int ANALOG_SAMPLES = 1;
  static final int CALIB = 16;

  /**
   * The ideal-mode tolerance of a chip: ideal mode leaves only the weight quantization of the
   * program, so the tolerance follows the weight bits of the tile kind the weights are on
   * (docs/fidelity.md).
   */
  record Tolerance(double cosine, double agreement) {
    static final Tolerance WIDE = new Tolerance(0.999, 0.875);
    static final Tolerance NARROW = new Tolerance(0.85, 0.625);

    static Tolerance of(Chip chip, TileKind kind) {
      int bits = kind == TileKind.SRAM ? chip.sram().orElseThrow().weightBits()
          : chip.memristor().orElseThrow().weight().bits();
      return bits >= 8 ? WIDE : NARROW;
    }
  }

  private static final String MEMRISTOR = "all-memristor";
  private static final List<String> MODELS = List.of("resnet20", "vit_tiny", "bert_tiny", "lstm", "gru");

  /** The files feeding a model's inputs: compared inputs (16 rows) and calibration pool (256 rows). */
  private record Data(List<String> inputs, List<String> compared, List<String> pool) {}

  private static Data data(String model) {
    return switch (model) {
      case "resnet20" -> new Data(List.of("input"), List.of("fashion_mnist/images32_16.npy"),
          List.of("fashion_mnist/images32_256.npy"));
      case "bert_tiny" -> new Data(List.of("input_ids", "attention_mask"),
          List.of("real/bert_tiny.ids_16.npy", "real/bert_tiny.mask_16.npy"),
          List.of("real/bert_tiny.ids_256.npy", "real/bert_tiny.mask_256.npy"));
      default -> new Data(List.of("input"), List.of("fashion_mnist/images_16.npy"),
          List.of("fashion_mnist/images_256.npy"));
    };
  }

  static Stream<Arguments> cases() {
    boolean all = Boolean.getBoolean("ancc.real.allPresets");
    List<Arguments> out = new ArrayList<>();
    for (String chip : Chips.presetNames()) {
      for (String model : MODELS) {
        if (all || model.equals("resnet20") || chip.equals(Options.DEFAULT_CHIP)) {
          out.add(Arguments.of(model, chip, MEMRISTOR));
        }
      }
    }
    // SRAM-CIM (only `default` has it): resnet20 needs 18 tiles of macros, so the chip grows
    out.add(Arguments.of("resnet20", Options.DEFAULT_CHIP, "all-sram"));
    return out.stream();
  }

  /** The default cases cover every preset and every model. */
  @Test
  void casesCoverEveryPresetAndEveryModel() {
    List<Arguments> cs = cases().toList();
    for (String chip : Chips.presetNames()) {
      assertTrue(cs.stream().anyMatch(a -> a.get()[1].equals(chip)), chip);
    }
    for (String model : MODELS) {
      assertTrue(cs.stream().anyMatch(a -> a.get()[0].equals(model)), model);
    }
  }

  @ParameterizedTest(name = "{0} on {1}, {2}")
  @MethodSource("cases")
  void compilesWithScaleToFitAndRunsWithinTolerance(String model, String chip, String placement, @TempDir Path tmp)
      throws IOException {
    long t0 = System.nanoTime();
    Data d = data(model);
    Path calib = writeCalibration(tmp, d);
    Options opts = Options.builder().chip(chip).placement(Strategy.parse(placement)).scaleToFit(true).calib(calib)
        .calibSamples(CALIB).build();
    Pipeline p = new Pipeline(opts);
    Module canonical = p.load(RealModelsTest.testdata("real/" + model + ".onnx"));
    Module placed = Compiler.withPlacements(canonical, TestCompile.assign(canonical, placement));
    Compilation c = p.lower(placed);
    TileKind kind = placement.equals(MEMRISTOR) ? TileKind.MEMRISTOR : TileKind.SRAM;
    Chip base = Chips.preset(chip);
    assertEquals(c.chip(), p.chip(), "the pipeline reports the chip it compiled for");
    assertTrue(c.arrays(kind) > 0, "weights on " + kind);
    assertEquals(c.arrayCount(), c.program().arrays().size(), "arrays");
    assertTrue(c.arrays(kind) <= c.chip().arrays(kind), c.arrays(kind) + " arrays on " + c.chip().tileSummary());
    if (c.arrays(kind) > base.arrays(kind)) {
      assertEquals(chip + "-scaled", c.chip().name(), "a model larger than the preset grows it");
    }
    long tc = System.nanoTime();

    Map<String, Tensor> in = new LinkedHashMap<>();
    for (int i = 0; i < d.inputs().size(); i++) {
      in.put(d.inputs().get(i), rows(npy(d.compared().get(i)), 0, SAMPLES));
    }
    Tensor fp32 = only(new Interpreter().run(canonical, in));
    Simulator sim = new Simulator(DeviceModels::forArray);
    Tensor ideal = only(sim.run(c.program(), c.chip(), in, SimOptions.ideal()));
    assertArrayEquals(fp32.shape(), ideal.shape(), "ideal output shape");
    Fidelity f = Fidelity.of(ideal, fp32);

    Map<String, Tensor> few = new LinkedHashMap<>();
    in.forEach((k, v) -> few.put(k, rows(v, 0, ANALOG_SAMPLES)));
    Tensor analog = only(sim.run(c.program(), c.chip(), few, SimOptions.analog(0)));
    Tensor again = only(sim.run(c.program(), c.chip(), few, SimOptions.analog(0)));
    Fidelity fa = Fidelity.of(analog, rows(fp32, 0, ANALOG_SAMPLES));
    Tolerance tol = Tolerance.of(c.chip(), kind);
    System.out.printf(Locale.ROOT, "real-chip: %-9s on %-10s %-13s (%s: %s; %d arrays): ideal cosine min %.6f"
        + " mean %.6f, top-1 %d/%d; analog cosine min %.4f, top-1 %d/%d; compile %.1f s, simulate %.1f s%n", model,
        chip, placement, c.chip().name(), c.chip().tileSummary(), c.arrayCount(), f.minCosine, f.meanCosine, f.agree,
        f.rows, fa.minCosine, fa.agree, fa.rows, (tc - t0) / 1e9, (System.nanoTime() - tc) / 1e9);

    assertTrue(f.minCosine >= tol.cosine(), String.format(Locale.ROOT, "%s on %s: ideal cosine %.6f < %s", model,
        chip, f.minCosine, tol.cosine()));
    assertTrue(f.agree >= tol.agreement() * f.rows, model + " on " + chip + ": ideal top-1 agrees on " + f.agree
        + " of " + f.rows + ", want " + tol.agreement() * f.rows);
    assertArrayEquals(rows(fp32, 0, ANALOG_SAMPLES).shape(), analog.shape(), "analog output shape");
    for (int i = 0; i < analog.size(); i++) {
      assertTrue(Double.isFinite(analog.getDouble(i)), "analog logit " + i + " = " + analog.getDouble(i));
    }
    assertArrayEquals(analog.floats(), again.floats(), "analog, same seed: same bits");
    boolean noisy = kind == TileKind.MEMRISTOR
        && !(c.chip().memristor().orElseThrow().noise().model() instanceof NoiseModel.None);
    if (noisy) {
      Tensor other = only(sim.run(c.program(), c.chip(), few, SimOptions.analog(1)));
      assertFalse(Arrays.equals(analog.floats(), other.floats()), "analog, another seed: another chip instance");
    }
  }

  /** Per-row cosine similarity and top-1 agreement of {@code got} against {@code want} ([rows, ...]). */
  record Fidelity(int rows, int agree, double minCosine, double meanCosine) {
    static Fidelity of(Tensor got, Tensor want) {
      int rows = (int) want.dim(0);
      int cols = want.size() / rows;
      int agree = 0;
      double min = Double.POSITIVE_INFINITY;
      double sum = 0;
      for (int r = 0; r < rows; r++) {
        double dot = 0;
        double gg = 0;
        double ww = 0;
        int gBest = 0;
        int wBest = 0;
        for (int j = 0; j < cols; j++) {
          double g = got.getDouble(r * cols + j);
          double w = want.getDouble(r * cols + j);
          dot += g * w;
          gg += g * g;
          ww += w * w;
          gBest = g > got.getDouble(r * cols + gBest) ? j : gBest;
          wBest = w > want.getDouble(r * cols + wBest) ? j : wBest;
        }
        double cos = dot / Math.sqrt(gg * ww);
        cos = Double.isNaN(cos) ? -1 : cos;
        min = Math.min(min, cos);
        sum += cos;
        agree += gBest == wBest ? 1 : 0;
      }
      return new Fidelity(rows, agree, min, sum / rows);
    }
  }

  @Test
  void fidelityMeasuresCosineAndAgreement() {
    Tensor want = Tensor.ofFloats(new long[] {2, 2}, new float[] {1, 0, 0, 1});
    Fidelity same = Fidelity.of(want, want);
    assertEquals(2, same.agree());
    assertEquals(1.0, same.minCosine(), 1e-12);
    Fidelity f = Fidelity.of(Tensor.ofFloats(new long[] {2, 2}, new float[] {1, 1, 1, 0}), want);
    assertEquals(1, f.agree());
    assertEquals(0, f.minCosine(), 1e-12);
    assertEquals(Math.sqrt(0.5) / 2, f.meanCosine(), 1e-12);
  }

  /** Rows 16..16+CALIB of the pool files: one .npy, or an .npz naming each input's array. */
  private static Path writeCalibration(Path dir, Data d) throws IOException {
    if (d.inputs().size() == 1) {
      Path p = dir.resolve("calib.npy");
      Npy.write(p, rows(npy(d.pool().get(0)), 16, CALIB));
      return p;
    }
    Path p = dir.resolve("calib.npz");
    try (OutputStream os = Files.newOutputStream(p); ZipOutputStream zip = new ZipOutputStream(os)) {
      for (int i = 0; i < d.inputs().size(); i++) {
        zip.putNextEntry(new ZipEntry(d.inputs().get(i) + ".npy"));
        zip.write(Npy.encode(rows(npy(d.pool().get(i)), 16, CALIB)));
        zip.closeEntry();
      }
    }
    return p;
  }

  private static Tensor npy(String rel) {
    try {
      return Npy.read(RealModelsTest.testdata(rel));
    } catch (IOException e) {
      throw new AssertionError("cannot read " + rel, e);
    }
  }

  private static Tensor only(Map<String, Tensor> outputs) {
    assertEquals(1, outputs.size(), "outputs " + outputs.keySet());
    return outputs.values().iterator().next();
  }

  /** Rows {@code start .. start + n - 1} (dim 0) of {@code t}, any element type. */
  static Tensor rows(Tensor t, int start, int n) {
    long[] shape = t.shape().clone();
    int per = (int) (t.size() / shape[0]);
    shape[0] = n;
    return t.isFloating()
        ? Tensor.ofFloats(t.dtype(), shape, Arrays.copyOfRange(t.floats(), start * per, (start + n) * per))
        : Tensor.ofLongs(t.dtype(), shape, Arrays.copyOfRange(t.longs(), start * per, (start + n) * per));
  }
}
