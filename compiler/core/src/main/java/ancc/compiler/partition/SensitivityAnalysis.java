package ancc.compiler.partition;

import ancc.backends.Backends;
import ancc.backends.DoesNotFitException;
import ancc.backends.mapping.Calibration;
import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.ir.program.TileKind;
import ancc.runtime.interp.Interpreter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * sensitivity-analysis: for every unit and every CIM kind the chip has and can run it on, the
 * degradation of the model's output when that unit alone runs on that kind (its error model:
 * quantization, converters and, on memristor tiles, the device noise of chip instances
 * {@code seed .. seed + chips - 1}; SRAM-CIM is deterministic and runs once) and every other node
 * runs exactly (the FP32 reference interpreter), against the FP32 reference over the calibration
 * set. A layer that alone exceeds the chip's arrays of a kind gets no score there (no such choice).
 * Images go through in chunks of {@value #CHUNK}; per chunk the reference values are computed
 * once and each probe re-evaluates only the nodes downstream of its unit.
 */
final class SensitivityAnalysis {
  static final int CHUNK = 64;
  static final List<TileKind> CIM_KINDS = List.of(TileKind.MEMRISTOR, TileKind.SRAM);

  private SensitivityAnalysis() {}

  /** Scores by unit key and kind (digital, exact, is not listed). */
  static Map<String, Map<TileKind, Score>> run(Module m, List<PartitionUnit> units, Chip chip, Calibration cal,
      CalibData data, PartitionOptions opts, ProgressListener listener) {
    Map<String, Node> byKey = new HashMap<>();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < m.nodes().size(); i++) {
      byKey.put(m.nodes().get(i).output().name(), m.nodes().get(i));
      index.put(m.nodes().get(i).output().name(), i);
    }
    Map<String, Map<TileKind, LayerProbe>> probes = new LinkedHashMap<>();
    Map<String, Map<TileKind, Metrics>> metrics = new LinkedHashMap<>();
    int positionClasses = positionClasses(m.outputs().get(0));
    for (PartitionUnit u : units) {
      Node n = byKey.get(u.key());
      for (TileKind k : CIM_KINDS) {
        if (chip.has(k) && Backends.of(k).supports(n, m, chip).supported()) {
          LayerProbe probe;
          try {
            probe = LayerProbe.compile(m, n, k, chip, cal);
          } catch (DoesNotFitException e) {
            continue; // the layer alone exceeds the chip's arrays of this kind: not a choice
          }
          probes.computeIfAbsent(u.key(), x -> new LinkedHashMap<>()).put(k, probe);
          metrics.computeIfAbsent(u.key(), x -> new LinkedHashMap<>()).put(k, new Metrics(positionClasses));
        }
      }
    }
    Value logits = m.outputs().get(0);
    int n = data.size();
    int chunks = (n + CHUNK - 1) / CHUNK;
    int total = chunks * Math.max(1, probes.size());
    int done = 0;
    listener.progress("sensitivity", 0, total);
    for (int start = 0; start < n; start += CHUNK) {
      int size = Math.min(CHUNK, n - start);
      Map<Value, Tensor> env = reference(m, data.batch(start, size));
      float[] ref = env.get(logits).floats();
      long[] labels = Arrays.copyOfRange(data.labels(), start, start + size);
      for (Map.Entry<String, Map<TileKind, LayerProbe>> e : probes.entrySet()) {
        int from = index.get(e.getKey()) + 1;
        for (Map.Entry<TileKind, LayerProbe> pk : e.getValue().entrySet()) {
          int instances = pk.getKey() == TileKind.MEMRISTOR ? opts.chips() : 1;
          Metrics acc = metrics.get(e.getKey()).get(pk.getKey());
          for (int c = 0; c < instances; c++) {
            LayerProbe probe = pk.getValue();
            Map<Value, Tensor> changed = new HashMap<>();
            Map<String, Tensor> out = probe.run(env, opts.seed() + c);
            for (Value v : probe.node().outputs()) {
              changed.put(v, out.get(v.name()));
            }
            Tensor sim = downstream(m, from, env, changed).getOrDefault(logits, env.get(logits));
            acc.add(ref, sim.floats(), labels);
          }
        }
        listener.progress("sensitivity", ++done, total);
      }
      if (probes.isEmpty()) {
        listener.progress("sensitivity", ++done, total);
      }
    }
    Map<String, Map<TileKind, Score>> out = new LinkedHashMap<>();
    metrics.forEach((key, byKind) -> {
      Map<TileKind, Score> s = new LinkedHashMap<>();
      byKind.forEach((k, mt) -> s.put(k, mt.score()));
      out.put(key, s);
    });
    return out;
  }

  /**
   * The classes per position of a per-token output (rank >= 3 with a fixed last dim, e.g. [N,S,C]):
   * its last dim; 0 for a classification output [N,C] (or any other), scored per sample.
   */
  static int positionClasses(Value out) {
    TensorType t = out.type();
    return t.rank() >= 3 && t.dim(t.rank() - 1).isFixed() ? (int) t.dim(t.rank() - 1).size() : 0;
  }

  /** Every value of {@code m} for one batch, by the FP32 reference interpreter. */
  static Map<Value, Tensor> reference(Module m, Map<String, Tensor> batch) {
    Map<Value, Tensor> env = new HashMap<>(m.constants());
    for (Value input : m.inputs()) {
      env.put(input, batch.get(input.name()));
    }
    for (Node node : m.nodes()) {
      List<Tensor> args = new ArrayList<>();
      for (Value v : node.inputs()) {
        args.add(v == null ? null : env.get(v));
      }
      List<Tensor> outs = Interpreter.evaluate(node, args);
      for (int i = 0; i < outs.size(); i++) {
        env.put(node.outputs().get(i), outs.get(i));
      }
    }
    return env;
  }

  /** Re-evaluates the nodes from {@code from} on that read a changed value; returns the changed values. */
  private static Map<Value, Tensor> downstream(Module m, int from, Map<Value, Tensor> env, Map<Value, Tensor> changed) {
    for (int i = from; i < m.nodes().size(); i++) {
      Node node = m.nodes().get(i);
      boolean affected = false;
      List<Tensor> args = new ArrayList<>();
      for (Value v : node.inputs()) {
        Tensor t = v == null ? null : changed.get(v);
        affected |= t != null;
        args.add(t != null ? t : v == null ? null : env.get(v));
      }
      if (affected) {
        List<Tensor> outs = Interpreter.evaluate(node, args);
        for (int j = 0; j < outs.size(); j++) {
          changed.put(node.outputs().get(j), outs.get(j));
        }
      }
    }
    return changed;
  }

  /** Running sums of one (unit, kind). */
  static final class Metrics {
    private long images;
    private long flips;
    private long refCorrect;
    private long simCorrect;
    private double sqErr;
    private double sqRef;
    private double kl;

    /** Per-position classes: the last dim of a per-token output [N,S,C] (0: a sample's whole output is its scores). */
    private final int positionClasses;

    Metrics(int positionClasses) {
      this.positionClasses = positionClasses;
    }

    void add(float[] ref, float[] sim, long[] labels) {
      int samples = labels.length;
      int perSample = ref.length / samples;
      int classes = positionClasses > 0 && perSample % positionClasses == 0 ? positionClasses : perSample;
      int positions = perSample / classes;
      int rows = samples * positions;
      for (int r = 0; r < rows; r++) {
        int a = argmax(ref, r * classes, classes);
        int b = argmax(sim, r * classes, classes);
        flips += a != b ? 1 : 0;
        // a per-token output: the labels are per sample, so each position is scored against FP32's class
        long label = positions == 1 ? labels[r] : a;
        refCorrect += a == label ? 1 : 0;
        simCorrect += b == label ? 1 : 0;
        kl += kl(ref, sim, r * classes, classes);
        for (int c = 0; c < classes; c++) {
          double d = sim[r * classes + c] - ref[r * classes + c];
          sqErr += d * d;
          sqRef += (double) ref[r * classes + c] * ref[r * classes + c];
        }
      }
      images += rows;
    }

    Score score() {
      if (images == 0) {
        return Score.EXACT;
      }
      return new Score((double) flips / images, (double) (refCorrect - simCorrect) / images,
          sqRef == 0 ? 0 : sqErr / sqRef, kl / images);
    }

    private static int argmax(float[] x, int off, int n) {
      int best = 0;
      for (int i = 1; i < n; i++) {
        if (x[off + i] > x[off + best]) {
          best = i;
        }
      }
      return best;
    }

    /** KL(softmax(p) || softmax(q)) of one row. */
    private static double kl(float[] p, float[] q, int off, int n) {
      double mp = Double.NEGATIVE_INFINITY;
      double mq = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        mp = Math.max(mp, p[off + i]);
        mq = Math.max(mq, q[off + i]);
      }
      double zp = 0;
      double zq = 0;
      for (int i = 0; i < n; i++) {
        zp += Math.exp(p[off + i] - mp);
        zq += Math.exp(q[off + i] - mq);
      }
      double lzp = Math.log(zp);
      double lzq = Math.log(zq);
      double s = 0;
      for (int i = 0; i < n; i++) {
        double lp = p[off + i] - mp - lzp;
        double lq = q[off + i] - mq - lzq;
        s += Math.exp(lp) * (lp - lq);
      }
      return Math.max(0, s);
    }
  }
}
