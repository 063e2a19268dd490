package ancc.compiler.partition;

import ancc.compiler.driver.Strategy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.compiler.eval.Dataset;
import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sensitivity analysis is deterministic and cached: the same model, chip, data and options give
 * identical scores from a fresh analysis and from the cache; another seed or other data is another
 * cache entry; a corrupt cache file is ignored; no calibration data gives synthetic inputs and a warning.
 */
class SensitivityCacheTest {
  private static final Chip CHIP = Chips.preset("default");

  private static PartitionSummary run(Module m, Path cache, long seed, Dataset data, List<String> warnings) {
    PartitionOptions o = new PartitionOptions(Strategy.ALL_DIGITAL, 0, false, 64, seed, 1, cache);
    ProgressListener l = new ProgressListener() {
      @Override
      public void progress(String stage, int done, int total) {}

      @Override
      public void warn(String message) {
        warnings.add(message);
      }
    };
    return Partitioner.run(m, CHIP, o, data, l, false).summary();
  }

  private static long entries(Path cache) throws IOException {
    try (Stream<Path> s = Files.list(cache.resolve("sensitivity"))) {
      return s.filter(p -> p.toString().endsWith(".tsv")).count();
    }
  }

  @Test
  void sameInputsHitTheCacheWithIdenticalScores(@TempDir Path a, @TempDir Path b) throws IOException {
    Module m = PartitionBench.model("mlp");
    Dataset d = PartitionBench.slice(0, 64);
    List<String> w = new ArrayList<>();
    PartitionSummary first = run(m, a, 0, d, w);
    PartitionSummary second = run(m, a, 0, d, w);
    PartitionSummary fresh = run(m, b, 0, d, w);
    assertFalse(first.cached());
    assertTrue(second.cached());
    assertFalse(fresh.cached());
    assertEquals(first.layers(), second.layers());
    assertEquals(first.layers(), fresh.layers(), "two fresh analyses differ: not deterministic");
    assertEquals(1, entries(a));
    PartitionSummary otherSeed = run(m, a, 1, d, w);
    PartitionSummary otherData = run(m, a, 0, PartitionBench.slice(64, 128), w);
    assertFalse(otherSeed.cached());
    assertFalse(otherData.cached());
    assertNotEquals(first.layers(), otherSeed.layers());
    assertEquals(3, entries(a));
    assertTrue(w.isEmpty(), w.toString());
  }

  @Test
  void corruptCacheFilesAreIgnored(@TempDir Path a) throws IOException {
    Module m = PartitionBench.model("mlp");
    Dataset d = PartitionBench.slice(0, 64);
    PartitionSummary first = run(m, a, 0, d, new ArrayList<>());
    try (Stream<Path> s = Files.list(a.resolve("sensitivity"))) {
      for (Path p : s.toList()) {
        Files.writeString(p, "ancc-sensitivity/1\nnot\ta line\n");
      }
    }
    PartitionSummary again = run(m, a, 0, d, new ArrayList<>());
    assertFalse(again.cached());
    assertEquals(first.layers(), again.layers());
  }

  @Test
  void withoutDataSyntheticInputsAndAWarning(@TempDir Path a) {
    List<String> w = new ArrayList<>();
    PartitionSummary s = run(PartitionBench.model("mlp"), a, 0, null, w);
    assertTrue(s.syntheticCalibration());
    assertEquals(1, w.size());
    assertTrue(w.get(0).contains("NOT meaningful"), w.get(0));
    assertEquals(s.warnings(), w);
    assertEquals(1.0, s.referenceTop1(), "synthetic inputs are labelled by the FP32 model itself");
  }

  @Test
  void unlabelledDataMeasuresAgainstTheFp32Classes(@TempDir Path a) {
    Dataset d = PartitionBench.slice(0, 64);
    List<String> w = new ArrayList<>();
    PartitionSummary s = run(PartitionBench.model("mlp"), a, 0, CalibrationFiles.unlabelled("input", d.images()), w);
    assertFalse(s.syntheticCalibration());
    assertTrue(w.isEmpty());
    assertEquals(1.0, s.referenceTop1());
  }
}
