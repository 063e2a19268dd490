package ancc.bench;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ancc.ir.graph.Tensor;
import java.nio.file.Path;

/** ONNX Runtime FP32 (DJL's OnnxRuntime engine, default session options) on one model file. */
final class OrtRunner implements AutoCloseable {
  private final ZooModel<NDList, NDList> model;
  private final Predictor<NDList, NDList> predictor;

  OrtRunner(Path file) throws Exception {
    Criteria<NDList, NDList> criteria = Criteria.builder()
        .setTypes(NDList.class, NDList.class)
        .optModelPath(file)
        .optEngine("OnnxRuntime")
        .build();
    model = criteria.loadModel();
    predictor = model.newPredictor();
  }

  /** One inference of the batch: input copied in, logits copied out, as the simulator does. */
  float[] run(Tensor x) throws Exception {
    try (NDManager manager = NDManager.newBaseManager("OnnxRuntime")) {
      NDArray in = manager.create(x.floats(), new Shape(x.shape()));
      NDList out = predictor.predict(new NDList(in));
      return out.get(0).toFloatArray();
    }
  }

  @Override
  public void close() {
    predictor.close();
    model.close();
  }
}
