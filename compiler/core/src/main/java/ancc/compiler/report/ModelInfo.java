package ancc.compiler.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.common.hash.Hashing;
import com.google.common.io.MoreFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The model a report is about.
 *
 * @param name the model's base name: the ONNX file name without {@code .onnx}, or the program's name
 * @param file the file name read (no folder, so reports do not depend on where files live)
 * @param format {@code onnx} (compiled on the fly), {@code air} (textual graph IR compiled on the fly)
 *     or {@code program} (a compiled {@code .xbp})
 * @param sha256 SHA-256 of that file's bytes, lower-case hex
 * @param macs multiply-accumulates of one inference of the original model (TOPS/W counts 2 ops
 *     per MAC); null when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "file", "format", "sha256", "macs"})
public record ModelInfo(
    @JsonProperty(value = "name", required = true) String name,
    @JsonProperty(value = "file", required = true) String file,
    @JsonProperty(value = "format", required = true) String format,
    @JsonProperty("sha256") String sha256,
    @JsonProperty("macs") Long macs) {

  public ModelInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(file, "file");
    if (!"onnx".equals(format) && !"air".equals(format) && !"program".equals(format)) {
      throw new IllegalArgumentException("model format must be onnx, air or program, got " + format);
    }
  }

  /** Describes {@code file}, hashing its bytes. */
  public static ModelInfo ofFile(Path file, String name, String format, Long macs) throws IOException {
    return new ModelInfo(name, file.getFileName().toString(), format, sha256(file), macs);
  }

  /** SHA-256 of a file's bytes, lower-case hex (the file is streamed, not read whole). */
  public static String sha256(Path file) throws IOException {
    return MoreFiles.asByteSource(file).hash(Hashing.sha256()).toString();
  }
}
