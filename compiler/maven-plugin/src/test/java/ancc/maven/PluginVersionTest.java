package ancc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ancc.compiler.BuildInfo;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.junit.jupiter.api.Test;

class PluginVersionTest {
  /** The fingerprint names the commit ancc was built from, as {@code ancc --version} shows it. */
  @Test
  void namesTheVersionAndTheBuildsCommit() {
    PluginDescriptor d = new PluginDescriptor();
    d.setVersion("1.0");
    assertEquals("1.0 commit " + BuildInfo.current().commit(), PluginVersion.of(d));
    assertEquals("unknown", PluginVersion.of(null));
  }
}
