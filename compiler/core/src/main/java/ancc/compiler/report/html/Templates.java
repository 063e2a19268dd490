package ancc.compiler.report.html;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The pages' jte templates ({@code src/main/jte}), turned into Java classes of this package at build
 * time by jte-maven-plugin's {@code generate} goal and compiled with the rest of the module, so a
 * template that does not parse or whose expressions do not type-check against its {@code @param}
 * declarations fails the build. Output is HTML-escaped by jte's context-aware escaping; the only
 * unescaped parts are this package's own resources (CSS, script) and the SVG that JFreeSVG writes.
 */
final class Templates {
  private static final TemplateEngine ENGINE = engine();

  private Templates() {}

  /** The page of template {@code name} (e.g. {@code report.jte}) for its single parameter. */
  static String render(String name, Object param) {
    StringOutput out = new StringOutput(1 << 16);
    ENGINE.render(name, param, out);
    return out.toString();
  }

  /** A text resource beside this class (the pages' CSS and script), UTF-8. */
  static String resource(String name) {
    try (InputStream in = Templates.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " beside " + Templates.class.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Precompiled templates are looked up through the context class loader of the thread that
   * creates the engine; this module's loader is the one that holds them (also inside a Maven
   * plugin's class realm).
   */
  private static TemplateEngine engine() {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(Templates.class.getClassLoader());
    try {
      return TemplateEngine.createPrecompiled(null, ContentType.Html, null, Templates.class.getPackageName());
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
