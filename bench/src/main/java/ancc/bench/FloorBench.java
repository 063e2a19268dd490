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
import ancc.runtime.sim.energy.Action;
import ancc.runtime.sim.energy.EnergyModel;
import ancc.runtime.sim.energy.EnergyReport;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The floor of ANALOG bit-serial simulation speed on this machine (docs/performance.md, "The
 * floor"). In ANALOG mode every ADC conversion of every input bit plane, physical column and
 * vector gets one exact Gaussian read-noise draw and one 8-bit conversion with its shift-add. So,
 * even if everything else were free, an image costs at least (conversions per image) x (one draw
 * + one conversion, each in its best single-thread loop, {@link FloorKernels}) of CPU, divided by
 * the processors for wall time. Per model this prints that floor next to ONNX Runtime FP32's
 * measured time per image (as {@link SpeedBench} measures it) and the best analog/ORT throughput
 * ratio any implementation of this physics could reach here: ORT ms/img / floor wall ms/img.
 *
 * <p>Counts per model (all-memristor, as {@link SpeedBench}): {@code adc.conversion} from the
 * energy ledger ({@link EnergyModel#estimate}, data-independent), the model's MACs, and from one
 * ANALOG run with a {@link DrawCounter} the conversions whose bit plane has a set bit for that
 * vector (only those draw noise: a plane without one draws no current) and the physical column
 * reads the simulator performs (with pair sensing, two columns per conversion). The floor is
 * given for both counts: the ledger's (an upper bound on the draws) and the set-bit one (what an
 * implementation that skips empty planes, as the simulator does, must still draw).
 *
 * <p>Arguments (all optional): {@code --models a,b} (default mlp,lenet,cnn_bn,resnet_small),
 * {@code --chip NAME|FILE} (default {@code default}), {@code --batch N} (default 256), {@code
 * --reps N} (default 5), {@code --warmup N} (default 2), {@code --root DIR}, {@code --analog
 * yes|no} (also time the simulator's ANALOG run, default yes).
 */
public final class FloorBench {
  private static final Strategy.Fixed PLACEMENT = Strategy.ALL_MEMRISTOR;
  /** Array lengths of the single-thread loops; the faster of the two is the floor's cost. */
  private static final int[] LOOP_LENGTHS = {1 << 12, 1 << 16};

  private FloorBench() {}

  /** Costs of one draw and one conversion (ns, single thread), best over the loop lengths. */
  private record Costs(double drawNs, double adcNs) {
    double perConversionNs() {
      return drawNs + adcNs;
    }
  }

  public static void main(String[] args) throws Exception {
    List<String> models = List.of("mlp", "lenet", "cnn_bn", "resnet_small");
    int batch = 256;
    int reps = 5;
    int warmup = 2;
    Path root = Path.of(System.getProperty("ancc.repo.root", "."));
    String chipName = "default";
    boolean timeAnalog = true;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + a + " needs a value");
      }
      String v = args[++i];
      switch (a) {
        case "--models" -> models = List.of(v.split(","));
        case "--batch" -> batch = Integer.parseInt(v);
        case "--reps" -> reps = Integer.parseInt(v);
        case "--warmup" -> warmup = Integer.parseInt(v);
        case "--root" -> root = Path.of(v);
        case "--chip" -> chipName = v;
        case "--analog" -> timeAnalog = yes(v);
        default -> throw new IllegalArgumentException("unknown option " + a
            + " (expected --models, --chip, --batch, --reps, --warmup, --root, --analog)");
      }
    }
    Chip chip = Chips.resolve(chipName);
    int cpus = Runtime.getRuntime().availableProcessors();
    Tensor images = Images.batch(Npy.read(root.resolve("testdata/fashion_mnist/images_256.npy")), batch);
    System.out.printf("ancc floor benchmark: chip %s, %s, seed 0, batch %d; %d warm-up + %d timed runs, median;"
        + " %d processors, java %s%n", chip.name(), PLACEMENT.text(), batch, warmup, reps, cpus,
        System.getProperty("java.version"));
    System.out.printf("load average (1 min) at the start: %.2f%n", load());
    Costs start = costs(warmup, reps);
    List<Row> rows = new ArrayList<>();
    for (String name : models) {
      rows.add(measure(root, name, chipName, chip, images, warmup, reps, timeAnalog));
    }
    Costs end = costs(warmup, reps);
    Costs best = new Costs(Math.min(start.drawNs, end.drawNs), Math.min(start.adcNs, end.adcNs));
    System.out.printf("per-element costs, single thread, at the start and end: draw %.3f / %.3f ns, ADC %.3f / %.3f ns;"
        + " the floor uses the lower: %.3f + %.3f = %.3f ns per conversion%n", start.drawNs, end.drawNs, start.adcNs,
        end.adcNs, best.drawNs, best.adcNs, best.perConversionNs());
    System.out.printf("load average (1 min) at the end: %.2f%n", load());
    System.out.println();
    for (Row r : rows) {
      System.out.println(r.describe(best, cpus));
    }
    System.out.println();
    System.out.println("| model | MACs/img | ADC conversions/img (ledger) | with a set bit | sim column reads/img"
        + " | draw ns | ADC ns | floor CPU ms/img | floor wall ms/img | ORT ms/img | analog ms/img"
        + " | best analog/ORT (ledger) | best analog/ORT (set bit) | ns/conversion allowed at 0.5x |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Row r : rows) {
      System.out.println(r.tableRow(best, cpus));
    }
  }

  /** The measured figures of one model, per image. */
  private record Row(String model, double macs, double conversions, double conversionsLit,
      double columnReads, double columnReadsLit, double ortMs, double analogMs) {

    double floorCpuMs(Costs c, double count) {
      return count * c.perConversionNs() * 1e-6;
    }

    /**
     * The most one draw plus one conversion may cost (ns, single thread) for analog to reach half
     * of ORT's throughput, counting only the set-bit conversions and perfect scaling over the
     * processors: 2 x ORT ms/img x processors / conversions.
     */
    double allowedNs(int cpus) {
      return 2 * ortMs * 1e6 * cpus / conversionsLit;
    }

    String describe(Costs c, int cpus) {
      double cpu = floorCpuMs(c, conversions);
      double cpuLit = floorCpuMs(c, conversionsLit);
      return String.format("%s: %.0f MACs/img; %.0f ADC conversions/img in the ledger, %.0f (%.1f%%) with a set bit;"
          + " the simulator reads %.0f physical columns/img, %.0f with a set bit (its noise draws);"
          + " floor %.4f ms/img CPU, %.4f wall on %d processors (set-bit: %.4f, %.4f); ORT %.4f ms/img;"
          + " analog %s ms/img; best analog/ORT %.4f (set-bit %.4f); 0.5x needs <= %.3f ns per draw + conversion",
          model, macs, conversions, conversionsLit, 100 * conversionsLit / conversions, columnReads, columnReadsLit,
          cpu, cpu / cpus, cpus, cpuLit, cpuLit / cpus, ortMs, analogMs > 0 ? String.format("%.4f", analogMs) : "-",
          ortMs / (cpu / cpus), ortMs / (cpuLit / cpus), allowedNs(cpus));
    }

    String tableRow(Costs c, int cpus) {
      double wall = floorCpuMs(c, conversions) / cpus;
      double wallLit = floorCpuMs(c, conversionsLit) / cpus;
      return String.format("| %s | %.0f | %.0f | %.0f (%.0f%%) | %.0f | %.2f | %.2f | %.4f | %.4f | %.4f | %s | %.3f | %.3f"
          + " | %.2f |", model, macs, conversions, conversionsLit, 100 * conversionsLit / conversions, columnReads,
          c.drawNs, c.adcNs, floorCpuMs(c, conversions), wall, ortMs, analogMs > 0 ? String.format("%.4f", analogMs) : "-",
          ortMs / wall, ortMs / wallLit, allowedNs(cpus));
    }
  }

  private static Row measure(Path root, String name, String chipName, Chip chip, Tensor images, int warmup, int reps,
      boolean timeAnalog) throws Exception {
    Path file = root.resolve("testdata/models/" + name + ".onnx");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no model " + file);
    }
    long batch = images.dim(0);
    // the pipeline the CLI runs: the same canonical module and quantizer ranges as `ancc compile`
    Pipeline p = new Pipeline(Options.builder().chip(chipName).placement(PLACEMENT).build());
    Module canonical = p.load(file);
    Compilation c = p.compile(canonical, false);
    Map<String, Tensor> in = Map.of(canonical.inputs().get(0).name(), images);
    EnergyReport ledger = EnergyModel.estimate(c.program(), chip, batch);
    DrawCounter counter = new DrawCounter();
    new Simulator(counter).run(c.program(), chip, in, SimOptions.analog(0));
    if (counter.conversions() != ledger.count(Action.ADC_CONVERSION)) {
      System.out.printf("note: %s: the counting run saw %d conversions, the ledger counts %d%n", name,
          counter.conversions(), ledger.count(Action.ADC_CONVERSION));
    }
    double analogMs = -1;
    if (timeAnalog) {
      Simulator sim = new Simulator();
      analogMs = Timing.median(warmup, reps, () -> sim.run(c.program(), chip, in, SimOptions.analog(0))) * 1e3 / batch;
    }
    double ortMs;
    try (OrtRunner ort = new OrtRunner(file)) {
      ortMs = Timing.median(warmup, reps, () -> ort.run(images)) * 1e3 / batch;
    }
    double n = batch;
    Row row = new Row(name, ledger.macs() / n, ledger.count(Action.ADC_CONVERSION) / n,
        counter.conversionsLit() / n, counter.columnReads() / n, counter.columnReadsLit() / n, ortMs, analogMs);
    System.out.printf("%s done: ORT %.4f ms/img, analog %s ms/img (load %.2f)%n", name, ortMs,
        analogMs > 0 ? String.format("%.4f", analogMs) : "-", load());
    return row;
  }

  private static Costs costs(int warmup, int reps) throws Exception {
    int w = Math.max(warmup, 5);
    int r = Math.max(reps, 7);
    double draw = Double.MAX_VALUE;
    double adc = Double.MAX_VALUE;
    for (int n : LOOP_LENGTHS) {
      draw = Math.min(draw, FloorKernels.drawNs(n, w, r));
      adc = Math.min(adc, FloorKernels.adcNs(n, w, r));
    }
    return new Costs(draw, adc);
  }

  private static boolean yes(String v) {
    if (v.equals("yes") || v.equals("true")) {
      return true;
    }
    if (v.equals("no") || v.equals("false")) {
      return false;
    }
    throw new IllegalArgumentException("--analog takes yes or no, got " + v);
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
