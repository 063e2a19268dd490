package ancc.bench;

import ancc.compiler.driver.Compilation;
import ancc.compiler.driver.Options;
import ancc.compiler.driver.Pipeline;
import ancc.compiler.driver.Strategy;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.Module;
import ancc.ir.graph.Tensor;
import ancc.runtime.io.Npy;
import ancc.runtime.sim.SimOptions;
import ancc.runtime.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The speed benchmark of docs/performance.md: for each testdata model and batch size, the
 * inferences per second of the simulator (ANALOG: the {@code default} chip's programming and read
 * noise and 8-bit converters, all-memristor placement, seed 0; and IDEAL for reference) and of ONNX
 * Runtime FP32 (DJL's OnnxRuntime engine) on the same model file and the same images, each after
 * warm-up, as the median of several timed repetitions; prints a table with the ratio.
 *
 * <p>Arguments (all optional): {@code --models a,b,c} (default all four), {@code --batches 256,1000},
 * {@code --reps N} (timed repetitions, default 5), {@code --warmup N} (default 2), {@code --root DIR}
 * (the repository; default the system property {@code ancc.repo.root} or the working directory),
 * {@code --chip NAME|FILE} (default {@code default}).
 * A simulated run includes programming the chip instance (one per run), as {@code ancc run} does.
 */
public final class SpeedBench {
  private static final Strategy.Fixed PLACEMENT = Strategy.ALL_MEMRISTOR;

  private SpeedBench() {}

  public static void main(String[] args) throws Exception {
    List<String> models = List.of("mlp", "lenet", "cnn_bn", "resnet_small");
    int[] batches = {256, 1000};
    int reps = 5;
    int warmup = 2;
    Path root = Path.of(System.getProperty("ancc.repo.root", "."));
    String chipName = "default";
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + a + " needs a value");
      }
      String v = args[++i];
      switch (a) {
        case "--models" -> models = List.of(v.split(","));
        case "--batches" -> batches = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
        case "--reps" -> reps = Integer.parseInt(v);
        case "--warmup" -> warmup = Integer.parseInt(v);
        case "--root" -> root = Path.of(v);
        case "--chip" -> chipName = v;
        default -> throw new IllegalArgumentException("unknown option " + a
            + " (expected --models, --batches, --reps, --warmup, --root, --chip)");
      }
    }
    Chip chip = Chips.resolve(chipName);
    Tensor pool = Npy.read(root.resolve("testdata/fashion_mnist/images_256.npy"));
    System.out.printf("ancc speed benchmark: chip %s, %s, seed 0; %d warm-up + %d timed runs, median;"
        + " %d processors, java %s%n", chip.name(), PLACEMENT.text(), warmup, reps, Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    System.out.printf("load average (1 min) at the start: %.2f (other processes share the %d processors)%n",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
    List<String> rows = new ArrayList<>();
    for (String name : models) {
      Path file = root.resolve("testdata/models/" + name + ".onnx");
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("no model " + file);
      }
      // the pipeline the CLI runs: the same canonical module and quantizer ranges as `ancc compile`
      Pipeline p = new Pipeline(Options.builder().chip(chipName).placement(PLACEMENT).build());
      Module canonical = p.load(file);
      String input = canonical.inputs().get(0).name();
      Compilation c = p.compile(canonical, false);
      Simulator sim = new Simulator();
      try (OrtRunner ort = new OrtRunner(file)) {
        for (int batch : batches) {
          Tensor images = Images.batch(pool, batch);
          Map<String, Tensor> in = Map.of(input, images);
          double ideal = Timing.median(warmup, reps, () -> sim.run(c.program(), chip, in, SimOptions.ideal()));
          double analog = Timing.median(warmup, reps, () -> sim.run(c.program(), chip, in, SimOptions.analog(0)));
          double onnx = Timing.median(warmup, reps, () -> ort.run(images));
          rows.add(String.format("| %-12s | %5d | %10.4f | %10.4f | %10.4f | %9.0f | %9.0f | %7.4f |", name, batch,
              ideal * 1e3 / batch, analog * 1e3 / batch, onnx * 1e3 / batch, batch / analog, batch / onnx,
              onnx / analog));
          System.out.println(rows.get(rows.size() - 1));
        }
      }
    }
    System.out.printf("load average (1 min) at the end: %.2f%n",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.println();
    System.out.println("| model        | batch | ideal ms/img | analog ms/img | ORT ms/img | analog inf/s | ORT inf/s |"
        + " analog/ORT |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (String r : rows) {
      System.out.println(r);
    }
  }
}
