package ancc.bench;

import ancc.compiler.driver.Options;
import ancc.compiler.driver.Pipeline;
import ancc.ir.graph.Module;
import ancc.ir.graph.Tensor;
import ancc.runtime.interp.Interpreter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/**
 * The FP32 interpreter against ONNX Runtime (docs/performance.md, "FP32 interpreter on ImageNet
 * networks"): on one model file and the same seeded N(0,1) input batch, the median wall time per
 * image of ancc's reference interpreter (on the canonical module the pipeline loads, as the
 * partitioner and the evaluation run it) and of ONNX Runtime FP32 (DJL's OnnxRuntime engine,
 * default session options), their ratio, the same for the CPU time of the process (all its
 * threads, ONNX Runtime's native ones included), and the largest absolute difference of the
 * outputs. The timed runs alternate between the two, so both see the same load.
 *
 * <p>Arguments: {@code MODEL.onnx} and optionally {@code --batch N} (default 1), {@code --reps N}
 * (timed repetitions, default 5), {@code --warmup N} (default 2), {@code --seed N} (default 0).
 * The input is the model's first input with its batch dimension set to N and its other
 * dimensions as declared (they must be known).
 */
public final class InterpBench {
  private InterpBench() {}

  public static void main(String[] args) throws Exception {
    Path model = null;
    int batch = 1;
    int reps = 5;
    int warmup = 2;
    long seed = 0;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        if (model != null) {
          throw new IllegalArgumentException("one model file expected, got " + model + " and " + a);
        }
        model = Path.of(a);
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + a + " needs a value");
      }
      String v = args[++i];
      switch (a) {
        case "--batch" -> batch = Integer.parseInt(v);
        case "--reps" -> reps = Integer.parseInt(v);
        case "--warmup" -> warmup = Integer.parseInt(v);
        case "--seed" -> seed = Long.parseLong(v);
        default -> throw new IllegalArgumentException("unknown option " + a
            + " (expected MODEL.onnx, --batch, --reps, --warmup, --seed)");
      }
    }
    if (model == null || !Files.isRegularFile(model)) {
      throw new IllegalArgumentException("usage: InterpBench MODEL.onnx [--batch N] [--reps N] [--warmup N] [--seed N]"
          + (model == null ? "" : " (no file " + model + ")"));
    }
    Module m = new Pipeline(Options.builder().build()).load(model);
    String inName = m.inputs().get(0).name();
    String outName = m.outputs().get(0).name();
    Tensor x = input(m, batch, seed);
    Interpreter interp = new Interpreter();
    System.out.printf("FP32 interpreter vs ONNX Runtime: %s, batch %d, %d warm-up + %d timed runs, median;"
        + " %d processors, java %s, load average (1 min) %.2f%n", model.getFileName(), batch, warmup, reps,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    Tensor[] ours = new Tensor[1];
    float[][] theirs = new float[1][];
    double[] interpWall = new double[reps];
    double[] ortWall = new double[reps];
    double[] interpCpu = new double[reps];
    double[] ortCpu = new double[reps];
    try (OrtRunner ort = new OrtRunner(model)) {
      Timing.Work runInterp = () -> ours[0] = interp.run(m, Map.of(inName, x)).get(outName);
      Timing.Work runOrt = () -> theirs[0] = ort.run(x);
      for (int i = 0; i < warmup; i++) {
        runInterp.run();
        runOrt.run();
      }
      // alternate the two so that both see the same load from other processes
      for (int i = 0; i < reps; i++) {
        Timing.Sample si = Timing.sample(runInterp);
        Timing.Sample so = Timing.sample(runOrt);
        interpWall[i] = si.wall();
        interpCpu[i] = si.cpu();
        ortWall[i] = so.wall();
        ortCpu[i] = so.cpu();
      }
    }
    double tInterp = Timing.median(interpWall);
    double tOrt = Timing.median(ortWall);
    double cInterp = Timing.median(interpCpu);
    double cOrt = Timing.median(ortCpu);
    float[] a = ours[0].floats();
    float[] b = theirs[0];
    if (a.length != b.length) {
      throw new IllegalStateException("outputs differ in size: interpreter " + a.length + ", ONNX Runtime " + b.length);
    }
    double maxDiff = 0;
    double maxRef = 0;
    for (int i = 0; i < a.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs((double) a[i] - b[i]));
      maxRef = Math.max(maxRef, Math.abs(b[i]));
    }
    System.out.println("| model | batch | interpreter ms/img | ORT ms/img | interpreter/ORT | interpreter CPU ms/img"
        + " | ORT CPU ms/img | CPU ratio | max abs diff | max abs output |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    System.out.printf("| %s | %d | %.1f | %.1f | %.2f | %.1f | %.1f | %.2f | %.3g | %.3g |%n", model.getFileName(), batch,
        tInterp * 1e3 / batch, tOrt * 1e3 / batch, tInterp / tOrt, cInterp * 1e3 / batch, cOrt * 1e3 / batch,
        cInterp / cOrt, maxDiff, maxRef);
  }

  /** A seeded N(0,1) batch shaped like the model's first input with batch dimension {@code batch}. */
  private static Tensor input(Module m, int batch, long seed) {
    var type = m.inputs().get(0).type();
    long[] shape = new long[type.rank()];
    for (int i = 0; i < shape.length; i++) {
      if (i == 0) {
        shape[i] = batch;
      } else if (type.dim(i).isFixed()) {
        shape[i] = type.dim(i).size();
      } else {
        throw new IllegalArgumentException("input dimension " + i + " of " + m.inputs().get(0).name() + " is not known");
      }
    }
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    float[] data = new float[Math.toIntExact(n)];
    Random r = new Random(seed);
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) r.nextGaussian();
    }
    return Tensor.ofFloats(shape, data);
  }
}
