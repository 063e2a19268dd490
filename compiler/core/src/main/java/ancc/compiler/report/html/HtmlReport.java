package ancc.compiler.report.html;

/**
 * {@code report.html}: one self-contained page with one screen per section (summary, chip map,
 * layers, energy, latency, drift, strategies): the templates {@code report.jte} and one per
 * section under {@code src/main/jte}, the page's CSS ({@code report.css}) and script
 * ({@code report.js}) inlined from this package's resources, the charts as inline SVG. Nothing is
 * loaded from the network and no font but the reader's own is used, so the file opens offline.
 *
 * <p>The script's only job: {@code report.html?only=SECTION} (e.g. {@code ?only=energy}) shows that
 * section alone.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /** The page. */
  public static String render(ReportData data) {
    return Templates.render("report.jte", new ReportPage(data));
  }
}
