package ancc.compiler.partition;

import ancc.ir.chip.Chip;
import ancc.ir.graph.Module;
import ancc.ir.graph.Node;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.Value;
import ancc.ir.program.TileKind;
import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The on-disk cache of sensitivity results, one small text file per key under
 * {@code CACHE_DIR/sensitivity/SHA256.tsv}: the key hashes the module (ops, attributes, values,
 * weights), the chip's SHA-256, the calibration inputs (names and data) and labels, and the options that change the
 * measurement (seed, chip instances, granularity, format version). Lines are
 * {@code UNIT_KEY TAB KIND TAB disagreement TAB accuracy_drop TAB logit_nmse TAB kl} with doubles in
 * Java's round-trip text. Unreadable or foreign files are ignored (the analysis reruns); writes are
 * atomic (temp file + move). A cache folder that cannot be written is not an error.
 */
final class SensitivityCache {
  private static final String VERSION = "ancc-sensitivity/1";

  private SensitivityCache() {}

  /** The key of one analysis. */
  static String key(Module m, Chip chip, CalibData data, PartitionOptions opts) {
    Hasher h = Hashing.sha256().newHasher();
    text(h, VERSION);
    text(h, chip.sha256());
    text(h, "seed=" + opts.seed() + ";chips=" + opts.chips() + ";kernel=" + opts.kernelGranular()
        + ";synthetic=" + data.synthetic());
    module(h, m);
    for (int i = 0; i < data.data().inputs().size(); i++) {
      text(h, data.data().names().get(i));
      tensor(h, data.data().inputs().get(i));
    }
    for (long l : data.labels()) {
      h.putLong(l);
    }
    return h.hash().toString();
  }

  /** The cached scores of {@code key}, or null. */
  static Map<String, Map<TileKind, Score>> load(Path dir, String key) {
    Path f = dir.resolve("sensitivity").resolve(key + ".tsv");
    if (!Files.isRegularFile(f)) {
      return null;
    }
    try {
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      if (lines.isEmpty() || !lines.get(0).equals(VERSION)) {
        return null;
      }
      Map<String, Map<TileKind, Score>> out = new LinkedHashMap<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] p = line.split("\t");
        if (p.length != 6) {
          return null;
        }
        out.computeIfAbsent(p[0], k -> new LinkedHashMap<>()).put(TileKind.valueOf(p[1]), new Score(
            Double.parseDouble(p[2]), Double.parseDouble(p[3]), Double.parseDouble(p[4]), Double.parseDouble(p[5])));
      }
      return out;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  /** Stores {@code scores} under {@code key}; returns false when the folder cannot be written. */
  static boolean save(Path dir, String key, Map<String, Map<TileKind, Score>> scores) {
    List<String> lines = new ArrayList<>();
    lines.add(VERSION);
    scores.forEach((unit, byKind) -> byKind.forEach((k, s) -> lines.add(String.join("\t", unit, k.name(),
        Double.toString(s.disagreement()), Double.toString(s.accuracyDrop()), Double.toString(s.logitNmse()),
        Double.toString(s.kl())))));
    try {
      Path d = dir.resolve("sensitivity");
      Files.createDirectories(d);
      Path tmp = Files.createTempFile(d, key, ".tmp");
      Files.write(tmp, lines, StandardCharsets.UTF_8);
      Files.move(tmp, d.resolve(key + ".tsv"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void module(Hasher h, Module m) {
    text(h, m.name());
    m.inputs().forEach(v -> text(h, v.toString()));
    for (Map.Entry<Value, Tensor> e : m.constants().entrySet()) {
      text(h, e.getKey().toString());
      tensor(h, e.getValue());
    }
    for (Node n : m.nodes()) {
      text(h, n.op().toString() + "|" + n.inputs() + "|" + n.outputs());
    }
    m.outputs().forEach(v -> text(h, v.toString()));
  }

  private static void tensor(Hasher h, Tensor t) {
    text(h, t.dtype().text() + Arrays.toString(t.shape()));
    if (t.isFloating()) {
      for (float x : t.floats()) {
        h.putFloat(x);
      }
    } else {
      for (long x : t.longs()) {
        h.putLong(x);
      }
    }
  }

  /** Length-prefixed, so that consecutive strings cannot run into each other. */
  private static void text(Hasher h, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    h.putInt(b.length).putBytes(b);
  }
}
