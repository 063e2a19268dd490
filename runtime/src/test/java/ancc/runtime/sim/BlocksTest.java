package ancc.runtime.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** {@link Blocks#range} covers every index exactly once, in parallel and on the calling thread. */
class BlocksTest {

  @Test
  void rangeCoversEveryIndexOnce() {
    int[] sizes = {0, 1, 7, 100, 4096, 100_003};
    int[] grains = {1, 3, 64, 1 << 14};
    for (boolean sequential : new boolean[] {false, true}) {
      Blocks.sequential(sequential);
      try {
        for (int n : sizes) {
          for (int grain : grains) {
            AtomicIntegerArray hits = new AtomicIntegerArray(n);
            Blocks.range(n, grain, (from, to) -> {
              for (int i = from; i < to; i++) {
                hits.incrementAndGet(i);
              }
            });
            for (int i = 0; i < n; i++) {
              assertEquals(1, hits.get(i), "n " + n + ", grain " + grain + ", index " + i);
            }
          }
        }
      } finally {
        Blocks.sequential(false);
      }
    }
  }

  @Test
  void rangeKeepsTheLowestFailure() {
    IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> Blocks.range(1000, 1, (from, to) -> {
          throw new IllegalStateException("from " + from);
        }));
    assertEquals("from 0", e.getMessage());
  }
}
