package ancc.compiler.pass;

/** What the golden text tests share: the first line where two texts differ. */
public final class GoldenText {
  private GoldenText() {}

  /** The first differing line as "line L: expected '...' but was '...'", or null if equal. */
  public static String firstDifference(String expected, String actual) {
    if (expected.equals(actual)) {
      return null;
    }
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    for (int i = 0; i < Math.max(e.length, a.length); i++) {
      String el = i < e.length ? e[i] : "<end of file>";
      String al = i < a.length ? a[i] : "<end of file>";
      if (!el.equals(al)) {
        return "line " + (i + 1) + ": expected\n  " + el + "\nbut was\n  " + al;
      }
    }
    return "texts differ only in line endings";
  }
}
