package ancc.ir.chip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.chip.ChipScaling.Need;
import ancc.ir.program.TileKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scaling the {@code default} preset (16 memristor tiles of 8 crossbars, 16 SRAM of 32 macros, 4 digital, 6x6). */
class ChipScalingTest {
  private static final Chip BASE = Chips.preset("default");

  @Test
  void countsAndNearSquareMesh() {
    Chip c = ChipScaling.withCounts(BASE, List.of(91, 16, 4));
    assertEquals(List.of(91, 16, 4), c.tiles().stream().map(TileGroup::count).toList());
    assertEquals(111, c.tileCount());
    assertEquals(11, c.mesh().rows()); // 11 x 11 = 121 >= 111, 10 x 11 = 110 is one short
    assertEquals(11, c.mesh().cols());
    assertEquals(728, c.arrays(TileKind.MEMRISTOR));
    assertEquals(BASE.mesh().linkWidthBits(), c.mesh().linkWidthBits());
    assertEquals(BASE.mesh().hopEnergy(), c.mesh().hopEnergy());
    for (int i = 0; i < 3; i++) {
      assertSame(BASE.tiles().get(i).spec(), c.tiles().get(i).spec(), "tile design of group " + i);
    }
    assertEquals("default-scaled", c.name());
    assertEquals("scaled from default: 91 memristor, 16 sram, 4 digital tiles on a 11x11 mesh (default has 16"
        + " memristor, 16 sram, 4 digital tiles on a 6x6 mesh)", c.description());
  }

  @Test
  void meshIsTheSmallestNearSquareOne() {
    assertArrayEquals(new int[] {1, 1}, ChipScaling.mesh(1));
    assertArrayEquals(new int[] {1, 2}, ChipScaling.mesh(2));
    assertArrayEquals(new int[] {3, 4}, ChipScaling.mesh(12));
    assertArrayEquals(new int[] {4, 4}, ChipScaling.mesh(13));
    assertArrayEquals(new int[] {7, 7}, ChipScaling.mesh(49));
    assertArrayEquals(new int[] {7, 8}, ChipScaling.mesh(50));
    for (int n = 1; n < 2000; n++) {
      int[] rc = ChipScaling.mesh(n);
      assertTrue(rc[0] * rc[1] >= n && rc[0] <= rc[1] && rc[1] - rc[0] <= 1, "mesh of " + n);
      assertTrue((rc[0] - 1) * rc[1] < n, "mesh of " + n + " has a spare row");
    }
  }

  @Test
  void keepsTheBaseMeshWhileItHoldsTheTiles() {
    Chip c = ChipScaling.withCounts(BASE, List.of(16, 14, 6)); // 36 tiles: the 6x6 mesh is full
    assertEquals(6, c.mesh().rows());
    assertEquals(6, c.mesh().cols());
    assertEquals(6, c.tileCount(TileKind.DIGITAL));
    Chip d = ChipScaling.withCounts(BASE, List.of(16, 16, 5));
    assertEquals(6, d.mesh().rows());
    assertEquals(7, d.mesh().cols());
  }

  @Test
  void canonicalYamlRoundTripsAndTheHashDiffers() {
    Chip c = ChipScaling.withCounts(BASE, List.of(40, 20, 5));
    Chip back = Chips.parse(c.canonicalYaml(), "scaled.yaml");
    assertEquals(c, back);
    assertEquals(c.sha256(), back.sha256());
    assertNotEquals(BASE.sha256(), c.sha256());
    assertEquals("default", ChipScaling.scaledFrom(back).orElseThrow());
  }

  @Test
  void fitGrowsTheKindsThatLackAndNeverShrinks() {
    Chip c = ChipScaling.fit(BASE, Map.of(TileKind.MEMRISTOR, new Need(727, 0), TileKind.SRAM, new Need(3, 0),
        TileKind.DIGITAL, new Need(0, 1)));
    // ceil(727 / 8) = 91 memristor tiles, 111 in all: an 11 x 11 mesh, whose 10 spare positions take memristor tiles
    assertEquals(List.of(101, 16, 4), c.tiles().stream().map(TileGroup::count).toList());
    assertEquals(121, c.mesh().positions());
    // 16 + 17 + 9 = 42 tiles: 6 x 7, full; digital grew most (by 5)
    Chip more = ChipScaling.fit(BASE, Map.of(TileKind.DIGITAL, new Need(0, 9), TileKind.SRAM, new Need(513, 0)));
    assertEquals(List.of(16, 17, 9), more.tiles().stream().map(TileGroup::count).toList());
    Chip odd = ChipScaling.fit(BASE, Map.of(TileKind.DIGITAL, new Need(0, 8), TileKind.SRAM, new Need(513, 0)));
    assertEquals(List.of(16, 17, 9), odd.tiles().stream().map(TileGroup::count).toList()); // 41 -> 6 x 7 = 42
    Chip inMesh = ChipScaling.fit(BASE, Map.of(TileKind.MEMRISTOR, new Need(129, 0)));
    assertEquals(42, inMesh.tileCount()); // 17 + 16 + 4 = 37 -> 6 x 7 = 42: 5 more memristor tiles
    assertEquals(List.of(22, 16, 4), inMesh.tiles().stream().map(TileGroup::count).toList());
    assertSame(BASE, ChipScaling.fit(BASE, Map.of(TileKind.MEMRISTOR, new Need(128, 2))));
    assertEquals(java.util.Optional.empty(), ChipScaling.scaledFrom(BASE));
  }

  @Test
  void keepsTheGlobalBufferAndDram() {
    assertTrue(BASE.globalBuffer().isPresent() && BASE.dram().isPresent(), "the preset has both");
    Chip c = ChipScaling.withCounts(BASE, List.of(91, 16, 4));
    assertEquals(BASE.globalBuffer(), c.globalBuffer());
    assertEquals(BASE.dram(), c.dram());
  }

  @Test
  void rescalingAScaledChipKeepsTheOriginalName() {
    Chip once = ChipScaling.withCounts(BASE, List.of(40, 16, 4));
    Chip twice = ChipScaling.withCounts(once, List.of(50, 16, 4));
    assertEquals("default-scaled", twice.name());
    assertEquals("default", ChipScaling.scaledFrom(twice).orElseThrow());
  }

  @Test
  void areaIsTheSumOfTileAreas() {
    Chip c = ChipScaling.withCounts(BASE, List.of(32, 16, 4));
    double memristorTile = BASE.tiles().get(0).spec().area().mm2();
    assertEquals(ChipScaling.areaMm2(BASE) + 16 * memristorTile, ChipScaling.areaMm2(c), 1e-9);
  }

  @Test
  void aKindTheChipLacksCannotGrow() {
    Chip noSram = ChipScaling.withCounts(BASE, List.of(16, 16, 4));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChipScaling.fit(
        new Chip("m", "memristor only", noSram.clock(), noSram.mesh(), List.of(noSram.tiles().get(0))),
        Map.of(TileKind.SRAM, new Need(1, 0))));
    assertEquals("chip m has no sram tiles to repeat", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ChipScaling.withCounts(BASE, List.of(0, 16, 4)));
    assertThrows(IllegalArgumentException.class, () -> ChipScaling.withCounts(BASE, List.of(16, 4)));
  }
}
