package ancc.compiler.onnx;

import ancc.compiler.onnx.proto.OnnxMl.ModelProto;
import ancc.compiler.onnx.proto.OnnxMl.OperatorSetIdProto;
import ancc.ir.InvalidInputException;
import ancc.ir.UnsupportedOpException;
import ancc.ir.graph.Module;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The ONNX frontend: reads a {@code .onnx} model (opsets 7 to 21 of the default domain, and older
 * models whose operators ancc maps exactly at their declared opset, see {@link LegacyOpsets}) into
 * a typed graph IR {@link Module}. Every problem with the model is an {@link InvalidInputException}
 * (or {@link UnsupportedOpException}) whose one-line message starts with the file name.
 */
public final class OnnxImporter {
  /** The oldest opset supported for every operator; older models are checked node by node. */
  public static final int MIN_OPSET = 7;
  public static final int MAX_OPSET = 21;

  private OnnxImporter() {}

  /** Imports {@code onnxFile}; external data files are resolved inside its folder. */
  public static Module importModel(Path onnxFile) {
    String file = onnxFile.toString();
    ModelProto model = read(onnxFile, file);
    if (!model.hasGraph()) {
      throw new InvalidInputException(file + ": the model has no graph");
    }
    int opset = defaultOpset(model, file);
    Path baseDir = onnxFile.toAbsolutePath().getParent();
    String name = onnxFile.getFileName().toString().replaceFirst("\\.onnx$", "");
    return new GraphBuilder(file, baseDir, opset, OnnxTypes.sanitize(name.isEmpty() ? "model" : name))
        .build(model.getGraph());
  }

  /** Parses {@code onnxFile} as a ModelProto (no size limit short of 2 GiB). */
  static ModelProto read(Path onnxFile, String file) {
    try (InputStream in = Files.newInputStream(onnxFile)) {
      CodedInputStream cis = CodedInputStream.newInstance(in);
      cis.setSizeLimit(Integer.MAX_VALUE);
      cis.setRecursionLimit(256);
      ModelProto m = ModelProto.parseFrom(cis);
      cis.checkLastTagWas(0);
      return m;
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidInputException(file + ": not a valid ONNX model (truncated or corrupt protobuf)");
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such file");
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read: " + e.getMessage());
    }
  }

  /**
   * The opset of the default domain ("" or "ai.onnx"), checked to be at most 21. Opsets below 7
   * are checked node by node ({@link LegacyOpsets}).
   */
  static int defaultOpset(ModelProto model, String file) {
    long opset = -1;
    for (OperatorSetIdProto id : model.getOpsetImportList()) {
      if (id.getDomain().isEmpty() || id.getDomain().equals("ai.onnx")) {
        opset = id.getVersion();
      }
    }
    if (opset < 0) {
      throw new UnsupportedOpException("opset", file + ": the model imports no opset of the default ONNX domain;"
          + " ancc supports opsets " + MIN_OPSET + " to " + MAX_OPSET);
    }
    if (opset > MAX_OPSET) {
      throw new UnsupportedOpException("opset", file + ": opset " + opset + " is newer than " + MAX_OPSET
          + ", the newest ancc supports (opsets " + MIN_OPSET + " to " + MAX_OPSET + ")");
    }
    return (int) opset;
  }
}
