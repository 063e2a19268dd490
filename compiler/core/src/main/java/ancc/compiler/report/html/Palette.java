package ancc.compiler.report.html;

import java.awt.Color;
import java.util.Locale;

/** The report's colours: one per tile kind, a categorical set for layers, one per energy group. */
final class Palette {
  static final Color MEMRISTOR = new Color(0xd9, 0x5f, 0x02);
  static final Color SRAM = new Color(0x1b, 0x9e, 0x77);
  static final Color DIGITAL = new Color(0x75, 0x70, 0xb3);
  static final Color NEUTRAL = new Color(0x88, 0x88, 0x88);
  static final Color HIGHLIGHT = new Color(0xc0, 0x1c, 0x28);

  private static final Color[] CATEGORICAL = {
    new Color(0x1f, 0x77, 0xb4), new Color(0xff, 0x7f, 0x0e), new Color(0x2c, 0xa0, 0x2c),
    new Color(0xd6, 0x27, 0x28), new Color(0x94, 0x67, 0xbd), new Color(0x8c, 0x56, 0x4b),
    new Color(0xe3, 0x77, 0xc2), new Color(0x7f, 0x7f, 0x7f), new Color(0xbc, 0xbd, 0x22),
    new Color(0x17, 0xbe, 0xcf), new Color(0xae, 0xc7, 0xe8), new Color(0xff, 0xbb, 0x78)
  };

  private Palette() {}

  /** The colour of a tile kind ({@code memristor}, {@code sram}, {@code digital}). */
  static Color kind(String kind) {
    switch (kind.toLowerCase(Locale.ROOT)) {
      case "memristor":
        return MEMRISTOR;
      case "sram":
        return SRAM;
      case "digital":
        return DIGITAL;
      default:
        return NEUTRAL;
    }
  }

  /** A pale version of a kind's colour, for tiles that hold nothing. */
  static Color paleKind(String kind) {
    Color c = kind(kind);
    return new Color((c.getRed() + 3 * 255) / 4, (c.getGreen() + 3 * 255) / 4, (c.getBlue() + 3 * 255) / 4);
  }

  /** The {@code i}-th categorical colour (cycling). */
  static Color category(int i) {
    return CATEGORICAL[Math.floorMod(i, CATEGORICAL.length)];
  }

  /** CSS hex of a colour. */
  static String css(Color c) {
    return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }
}
