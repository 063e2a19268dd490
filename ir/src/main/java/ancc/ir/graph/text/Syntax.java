package ancc.ir.graph.text;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lexical helpers shared by the printer and the parser: name quoting, string escapes and the
 * exact textual form of floats.
 */
final class Syntax {
  private static final Pattern BARE_NAME = Pattern.compile("[A-Za-z0-9_.]+");
  private static final Pattern BARE_IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  /** Identifier-shaped words that the grammar does not accept as an identifier. */
  private static final Set<String> NOT_IDENT = Set.of("_", "inf", "nan");
  private static final int CANONICAL_NAN = Float.floatToRawIntBits(Float.NaN);

  private Syntax() {}

  /** A value or module name after its sigil: bare when it matches [A-Za-z0-9_.]+, else quoted. */
  static String name(String n) {
    return BARE_NAME.matcher(n).matches() ? n : quote(n);
  }

  /** A symbolic dimension: bare when it is an identifier, else quoted. */
  static String symbol(String s) {
    return BARE_IDENT.matcher(s).matches() && !NOT_IDENT.contains(s) ? s : quote(s);
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** The content of a STRING token (with its quotes), escapes resolved. The lexer guarantees the form. */
  static String unquote(String token) {
    StringBuilder b = new StringBuilder(token.length());
    for (int i = 1; i < token.length() - 1; i++) {
      char c = token.charAt(i);
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = token.charAt(++i);
      switch (e) {
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          b.append((char) Integer.parseInt(token.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> b.append(e);
      }
    }
    return b.toString();
  }

  /** The text after a sigil (% or @): a bare name or a quoted string. */
  static String sigilName(String token) {
    String rest = token.substring(1);
    return rest.startsWith("\"") ? unquote(rest) : rest;
  }

  /**
   * A float that parses back to the identical bits: {@link Float#toString} for finite values,
   * {@code inf}, {@code -inf}, {@code nan} for the canonical NaN and {@code nan(0x7fc00001)} for
   * any other NaN bit pattern.
   */
  static String formatFloat(float f) {
    if (Float.isNaN(f)) {
      int bits = Float.floatToRawIntBits(f);
      return bits == CANONICAL_NAN ? "nan" : String.format(Locale.ROOT, "nan(0x%08x)", bits);
    }
    if (Float.isInfinite(f)) {
      return f > 0 ? "inf" : "-inf";
    }
    return Float.toString(f);
  }

  /**
   * Parses the text of a number token as a float; returns null when a NaN payload does not
   * describe a NaN. Callers have checked the token kind.
   */
  static Float parseFloat(String text) {
    switch (text) {
      case "inf":
        return Float.POSITIVE_INFINITY;
      case "-inf":
        return Float.NEGATIVE_INFINITY;
      case "nan":
        return Float.NaN;
      default:
        break;
    }
    if (text.startsWith("nan(0x")) {
      String hex = text.substring(6, text.length() - 1);
      if (hex.length() > 8) {
        return null;
      }
      float f = Float.intBitsToFloat(Integer.parseUnsignedInt(hex, 16));
      return Float.isNaN(f) ? f : null;
    }
    return Float.parseFloat(text);
  }
}
