package ancc.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link VisitorCoverage} finds a record its visitor does not name, and a record visited as another. */
class VisitorCoverageTest {
  sealed interface Shape {
    <R, C> R accept(Visitor<R, C> v, C c);
  }

  record Square() implements Shape {
    public <R, C> R accept(Visitor<R, C> v, C c) { return v.square(this, c); }
  }

  /** Wired wrongly on purpose: visited as a square, and the visitor has no method for it. */
  record Circle() implements Shape {
    public <R, C> R accept(Visitor<R, C> v, C c) { return v.square(new Square(), c); }
  }

  interface Visitor<R, C> {
    R square(Square s, C c);
  }

  @Test
  void reportsTheMissingMethodAndTheWrongVisit() {
    assertEquals(List.of("Visitor has 0 methods for Circle", "Circle.accept reached the method for Square",
        "records never visited (no sample, or a wrong visit): [Circle]"),
        VisitorCoverage.problems(Shape.class, Visitor.class, List.of(new Square(), new Circle())));
  }

  @Test
  void reportsARecordWithoutASample() {
    assertEquals(List.of("Visitor has 0 methods for Circle", "records never visited (no sample, or a wrong visit): [Circle]"),
        VisitorCoverage.problems(Shape.class, Visitor.class, List.of(new Square())));
  }
}
