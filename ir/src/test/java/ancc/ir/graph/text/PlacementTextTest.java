package ancc.ir.graph.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.Module;
import ancc.ir.graph.Placement;
import ancc.ir.program.TileKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementTextTest {
  static final String TEXT = """
      module @m {
        input %x : f32[N,4]
        const %w : f32[3,4] = dense<[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0]>
        %y = linear(%x, %w) : f32[N,3] loc("fc") place(memristor[0:2], sram[2:3])
        %z = relu(%y) : f32[N,3] place(digital)
        %u = relu(%z) : f32[N,3]
        output %u
      }
      """;

  @Test
  void placementsRoundTrip() {
    Module m = IrParser.parse(TEXT, "p.air");
    Placement split = m.nodes().get(0).placement();
    assertEquals(List.of(new Placement.Part(TileKind.MEMRISTOR, 0, 2), new Placement.Part(TileKind.SRAM, 2, 3)),
        split.parts());
    assertNull(split.single());
    assertEquals(TileKind.DIGITAL, m.nodes().get(1).placement().single());
    assertNull(m.nodes().get(2).placement());
    assertEquals(TEXT, IrPrinter.print(m));
    RoundTrip.assertRoundTrip(m);
  }

  @Test
  void placementChangesAreStructuralDifferences() {
    Module m = IrParser.parse(TEXT, "p.air");
    Module b = m.toBuilder().build();
    b.nodes().size();
    Module.Builder mb = m.toBuilder();
    mb.nodes().set(1, mb.nodes().get(1).withPlacement(Placement.on(TileKind.SRAM)));
    assertTrue(ancc.ir.graph.StructuralEquality.firstDifference(m, mb.build()).orElse("").contains("placement"));
  }

  @Test
  void badPlacementsAreParseErrors() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> IrParser.parse(TEXT.replace("place(digital)", "place(gpu)"), "p.air"));
    assertTrue(e.getMessage().startsWith("p.air:5:"), e.getMessage());
    assertTrue(e.getMessage().contains("unknown tile kind 'gpu'"), e.getMessage());
    InvalidInputException gap = assertThrows(InvalidInputException.class,
        () -> IrParser.parse(TEXT.replace("sram[2:3]", "sram[1:3]"), "p.air"));
    assertTrue(gap.getMessage().startsWith("p.air:4:"), gap.getMessage());
    InvalidInputException huge = assertThrows(InvalidInputException.class,
        () -> IrParser.parse(TEXT.replace("sram[2:3]", "sram[2:99999999999999999999]"), "p.air"));
    assertTrue(huge.getMessage().startsWith("p.air:4:") && huge.getMessage().contains("out of range"), huge.getMessage());
  }
}
