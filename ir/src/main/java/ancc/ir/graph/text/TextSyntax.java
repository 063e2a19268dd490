package ancc.ir.graph.text;

/**
 * The lexical conventions of the graph IR text, for other textual formats of ancc that embed
 * graph IR pieces (the crossbar mapping program prints ops, types and constants exactly like the
 * graph IR): name quoting, string escapes and the exact textual form of floats.
 */
public final class TextSyntax {
  private TextSyntax() {}

  /** A name after its sigil: bare when it matches [A-Za-z0-9_.]+, else quoted. */
  public static String name(String n) {
    return Syntax.name(n);
  }

  /** A double-quoted string with escapes. */
  public static String quote(String s) {
    return Syntax.quote(s);
  }

  /** The content of a quoted string token (with its quotes), escapes resolved. */
  public static String unquote(String token) {
    return Syntax.unquote(token);
  }

  /** The name in a sigil token such as {@code %x} or {@code @"a b"}. */
  public static String sigilName(String token) {
    return Syntax.sigilName(token);
  }

  /** A float that parses back to the identical bits ({@code 0.1}, {@code -0.0}, {@code inf}, {@code nan(0x7fc00001)}). */
  public static String formatFloat(float f) {
    return Syntax.formatFloat(f);
  }

  /** The float of a number token's text; null when a {@code nan(0x...)} payload is not a NaN. */
  public static Float parseFloat(String text) {
    return Syntax.parseFloat(text);
  }
}
