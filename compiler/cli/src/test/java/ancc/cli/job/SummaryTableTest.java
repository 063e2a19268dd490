package ancc.cli.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Layer names in the summary table. */
class SummaryTableTest {
  @Test
  void longNamesKeepTheirFirstAndLastSegments() {
    assertEquals("/conv1/Conv", SummaryTable.shorten("/conv1/Conv"));
    assertEquals("/block2/.../shortcut.0/Conv", SummaryTable.shorten("/block2/shortcut/shortcut.0/Conv"));
    assertEquals("/block3/.../shortcut.0/Conv", SummaryTable.shorten("/block3/shortcut/shortcut.0/Conv"));
    String flat = "a_very_long_layer_name_without_any_slashes_at_all";
    assertEquals("..." + flat.substring(flat.length() - 25), SummaryTable.shorten(flat));
  }
}
