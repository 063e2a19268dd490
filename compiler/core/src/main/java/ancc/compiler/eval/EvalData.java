package ancc.compiler.eval;

import ancc.compiler.driver.Options;
import ancc.ir.InvalidInputException;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Module;
import ancc.ir.graph.Value;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The inputs the job measures accuracy on: the labelled inputs given (figure: top-1 against the
 * labels), or, without labels, seeded synthetic inputs ({@link SyntheticInputs}) (figure: agreement of the top-1
 * class with the FP32 reference's, which says how faithfully the chip computes, not how well the
 * model classifies).
 *
 * @param fixedBatch the model's fixed batch, or 0 when its batch dimension is symbolic
 */
public record EvalData(Dataset data, boolean labelled, String description, int fixedBatch, String output) {
  /** Synthetic inputs when no data is given. */
  static final int SYNTHETIC = 64;
  static final int MAX_CHUNK = 256;

  public int size() {
    return data.size();
  }

  /** Inputs per simulated batch: the model's fixed batch, else at most 256. */
  public int chunk() {
    return fixedBatch > 0 ? fixedBatch : Math.min(MAX_CHUNK, size());
  }

  public String metric() {
    return labelled ? "top-1" : "agreement";
  }

  /** Loads the data for {@code m}; null (with the reason in {@code why[0]}) when the model cannot be evaluated. */
  public static EvalData load(Path model, Options spec, Module m, String[] why) throws IOException {
    if (m.inputs().isEmpty() || m.outputs().isEmpty()) {
      why[0] = "accuracy needs a model with inputs and a score output; " + model.getFileName()
          + " has " + m.inputs().size() + " input(s) and " + m.outputs().size() + " output(s)";
      return null;
    }
    Value in = m.inputs().get(0);
    Value out = m.outputs().get(0);
    int fixed = 0;
    for (Value v : m.inputs()) {
      if (v.type().rank() < 1) {
        why[0] = "accuracy needs inputs with a batch dimension; input '" + v.name() + "' is " + v.type();
        return null;
      }
      Dim batch = v.type().dim(0);
      if (batch.isFixed()) {
        fixed = (int) batch.size();
      }
    }
    Dataset d;
    String description;
    if (spec.labelled()) {
      d = Dataset.load(spec.images(), spec.labels(), spec.normalize(), spec.samples(), m);
      if (fixed > 0 && d.size() % fixed != 0) {
        int keep = d.size() - d.size() % fixed;
        if (keep == 0) {
          throw new InvalidInputException(spec.images() + ": " + d.size() + " images, but input '" + in.name()
              + "' of " + model.getFileName() + " takes batches of " + fixed);
        }
        d = d.first(keep);
      }
      description = DataFiles.describe(spec.images()) + " with labels " + spec.labels().getFileName() + " ("
          + d.size() + " samples)";
    } else {
      int n = fixed > 0 ? fixed * Math.max(1, SYNTHETIC / fixed) : SYNTHETIC;
      d = Dataset.synthetic(m, n, spec.seed());
      description = n + " synthetic inputs (seed " + spec.seed() + ": " + SyntheticInputs.describe(m) + "), no labels";
    }
    return new EvalData(d, spec.labelled(), description, fixed, out.name());
  }

  /** The first {@code n} inputs (n rounded down to a multiple of a fixed batch, at least one batch). */
  public EvalData first(int n) {
    int keep = Math.min(n, size());
    if (fixedBatch > 0) {
      keep = Math.max(fixedBatch, keep - keep % fixedBatch);
    }
    if (keep >= size()) {
      return this;
    }
    return new EvalData(data.first(keep), labelled, description, fixedBatch, output);
  }
}
