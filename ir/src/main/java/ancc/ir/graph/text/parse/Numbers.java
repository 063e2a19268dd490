package ancc.ir.graph.text.parse;

import ancc.ir.graph.text.TextSyntax;

/** Reads numbers as integers or floats; {@code what} names the field in errors. */
public final class Numbers {
  private final SourceErrors errors;

  public Numbers(SourceErrors errors) {
    this.errors = errors;
  }

  /** An integer that fits a long; anything else is an error at the number. */
  public long longOf(NumberText n, String what) {
    if (!n.integer()) {
      throw errors.at(n.pos(), what + ": expected an integer, got " + n.text());
    }
    try {
      return Long.parseLong(n.text());
    } catch (NumberFormatException e) {
      throw errors.at(n.pos(), what + ": integer " + n.text() + " is out of range");
    }
  }

  /** A float (integers are accepted too); a {@code nan(0x...)} payload must describe a NaN. */
  public float floatOf(NumberText n, String what) {
    Float f = TextSyntax.parseFloat(n.text());
    if (f == null) {
      throw errors.at(n.pos(), what + ": " + n.text() + " is not a NaN bit pattern");
    }
    return f;
  }
}
