package ancc.compiler.eval;

import ancc.ir.InvalidInputException;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.runtime.io.Idx;
import ancc.ir.graph.Module;
import ancc.ir.graph.Value;
import ancc.runtime.io.Npy;
import ancc.runtime.io.Npz;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Labelled inputs (evaluation or calibration data): one tensor per graph input, in graph order, and
 * one label per sample. Read from {@code .npy} or IDX files (an IDX name such as
 * {@code t10k-images-idx3-ubyte}, or any {@code .gz}, is read as IDX) for a one-input model, from
 * an {@code .npz} holding one array per graph input, named as the input ({@code numpy.savez}), or
 * from one file per graph input given as {@code NAME=FILE} bindings ({@link DataFiles}); every input
 * needs its array and all arrays the same number of samples.
 *
 * <p>Floating model inputs: integer pixels (IDX u8, or an integer array) are scaled by 1/255 to
 * [0, 1]; floating data is taken as it is. Then, if given, {@code --normalize MEAN,STD} maps x to
 * (x - MEAN) / STD. Integer model inputs (token ids, masks) take integer data as it is (a floating
 * array for them is an error). The first {@code samples} samples are kept and reshaped to the model
 * input's shape: an array of the input's rank keeps its own sizes where the input's dims are
 * symbolic (a sequence length S, say), and otherwise each sample's element count must match the
 * input's fixed dims (e.g. [N,28,28] to [N,1,28,28]). Labels are integers, one per sample, at
 * least as many as the samples used. Every error names the file (and the array of an .npz).
 */
public record Dataset(List<String> names, List<Tensor> inputs, long[] labels) {

  public Dataset {
    names = List.copyOf(names);
    inputs = List.copyOf(inputs);
    if (names.size() != inputs.size() || inputs.isEmpty()) {
      throw new IllegalArgumentException(names.size() + " names for " + inputs.size() + " inputs");
    }
    for (Tensor t : inputs) {
      if (t.rank() < 1 || t.dim(0) != labels.length) {
        throw new IllegalArgumentException("input " + t + " has not " + labels.length + " samples");
      }
    }
  }

  /** Data of a one-input model. */
  public Dataset(String name, Tensor images, long[] labels) {
    this(List.of(name), List.of(images), labels);
  }

  /** Normalization after scaling: (x - mean) / std. */
  public record Normalize(double mean, double std) {}

  public int size() {
    return labels.length;
  }

  /** The data of the first input (the images of a one-input model). */
  public Tensor images() {
    return inputs.get(0);
  }

  /** Samples [start, start + n) of every input, by input name. */
  public Map<String, Tensor> batch(int start, int n) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      out.put(names.get(i), slice(inputs.get(i), start, n));
    }
    return out;
  }

  /** Samples [start, start + n) of {@code t} along dim 0. */
  public static Tensor slice(Tensor t, int start, int n) {
    long[] shape = t.shape();
    int per = Math.toIntExact(Tensor.numel(shape) / Math.max(1, shape[0]));
    shape[0] = n;
    return t.isFloating()
        ? Tensor.ofFloats(t.dtype(), shape, Arrays.copyOfRange(t.floats(), start * per, (start + n) * per))
        : Tensor.ofLongs(t.dtype(), shape, Arrays.copyOfRange(t.longs(), start * per, (start + n) * per));
  }

  /**
   * This data for {@code m}'s inputs: itself when the names are the inputs', the one array renamed
   * when both have one input, else an error.
   */
  public Dataset boundTo(Module m) {
    List<String> want = m.inputs().stream().map(Value::name).toList();
    if (want.equals(names)) {
      return this;
    }
    if (want.size() == 1 && names.size() == 1) {
      return new Dataset(want, inputs, labels);
    }
    if (new java.util.HashSet<>(want).equals(new java.util.HashSet<>(names))) {
      List<Tensor> ordered = want.stream().map(w -> inputs.get(names.indexOf(w))).toList();
      return new Dataset(want, ordered, labels);
    }
    throw new InvalidInputException("data for inputs " + names + " given to a model of inputs " + want);
  }

  /**
   * The sizes this data gives the symbolic dims of {@code m}'s inputs other than the batch (dim 0),
   * by symbol name, e.g. {@code S -> 12} for token ids of shape [N, 12] feeding {@code i64[N,S]}: what
   * a timing and energy report would fix them to ({@code ancc.runtime.sim.timing.Shapes}); an
   * input missing from the data fixes nothing.
   *
   * @throws InvalidInputException when two inputs give one symbol different sizes
   */
  public Map<String, Long> symbols(Module m) {
    Map<String, Long> out = new LinkedHashMap<>();
    Map<String, String> from = new LinkedHashMap<>();
    for (Value in : m.inputs()) {
      int k = names.indexOf(in.name());
      if (k < 0) {
        continue;
      }
      Tensor t = inputs.get(k);
      for (int i = 1; i < in.type().rank() && i < t.rank(); i++) {
        if (in.type().dim(i) instanceof Dim.Sym sym) {
          Long was = out.putIfAbsent(sym.name(), t.dim(i));
          if (was != null && was != t.dim(i)) {
            throw new InvalidInputException("data for input '" + in.name() + "' has " + sym.name() + " = " + t.dim(i)
                + ", the data for input '" + from.get(sym.name()) + "' " + was);
          }
          from.putIfAbsent(sym.name(), in.name());
        }
      }
    }
    return out;
  }

  /** The same inputs with other labels. */
  public Dataset withLabels(long[] l) {
    return new Dataset(names, inputs, l);
  }

  /**
   * {@code n} seeded synthetic inputs for {@code input} (standard normal for a floating input, the
   * batch dim {@code n}), every label 0: what ancc measures on when no data is given. A model's
   * integer inputs get ids and masks by {@link SyntheticInputs#of}.
   */
  public static Dataset synthetic(Value input, int n, long seed) {
    Module one = Module.builder("input").input(input).output(input).build();
    return SyntheticInputs.of(one, n, seed);
  }

  /** {@code n} seeded synthetic inputs for every input of {@code m} ({@link SyntheticInputs}). */
  public static Dataset synthetic(Module m, int n, long seed) {
    return SyntheticInputs.of(m, n, seed);
  }

  /** The first {@code n} inputs (all when there are fewer). */
  public Dataset first(int n) {
    int k = Math.min(n, size());
    if (k == size()) {
      return this;
    }
    return new Dataset(names, inputs.stream().map(t -> slice(t, 0, k)).toList(), Arrays.copyOf(labels, k));
  }

  /** Reads, scales, normalizes, truncates to {@code samples} (0: all) and reshapes to {@code m}'s inputs. */
  public static Dataset load(Path imagesFile, Path labelsFile, Normalize normalize, int samples, Module m)
      throws IOException {
    Sources arrays = readInputs(imagesFile, m);
    Tensor labels = read(labelsFile);
    if (labels.isFloating() || labels.rank() != 1) {
      throw new InvalidInputException(labelsFile + ": labels must be a rank-1 integer array, got "
          + labels.dtype().text() + shapeText(labels.shape()));
    }
    long count = samples(arrays);
    long available = count;
    if (labels.dim(0) < available) {
      available = labels.dim(0);
      if (samples == 0 || samples > available) {
        throw new InvalidInputException(labelsFile + ": " + labels.dim(0) + " labels for " + count
            + " samples in " + imagesFile);
      }
    }
    if (samples > available) {
      throw new InvalidInputException(imagesFile + ": --samples " + samples + " but only " + available
          + " labelled samples");
    }
    int n = samples == 0 ? (int) available : samples;
    return shaped(arrays, m, n, normalize, Arrays.copyOf(labels.longs(), n));
  }

  /**
   * The first {@code samples} samples of {@code imagesFile} (0 or more than there are: all), read,
   * scaled, normalized and shaped as {@link #load} does, every label set to {@code label}.
   */
  public static Dataset unlabelled(Path imagesFile, Normalize normalize, int samples, Module m, long label)
      throws IOException {
    Sources arrays = readInputs(imagesFile, m);
    long count = samples(arrays);
    int n = samples <= 0 || samples > count ? (int) count : samples;
    long[] labels = new long[n];
    Arrays.fill(labels, label);
    return shaped(arrays, m, n, normalize, labels);
  }

  /** The arrays by graph input name, and per input where its array came from (for errors). */
  private record Sources(Map<String, Tensor> arrays, Map<String, String> where) {}

  /**
   * The arrays of {@code file} by graph input name: an .npz's named arrays, the files of {@code
   * NAME=FILE} bindings, or a one-input model's one array.
   */
  private static Sources readInputs(Path file, Module m) throws IOException {
    List<String> names = m.inputs().stream().map(Value::name).toList();
    if (names.isEmpty()) {
      throw new InvalidInputException(file + ": the model has no graph inputs to feed");
    }
    Map<String, Path> bound = DataFiles.split(file, names);
    if (bound != null) {
      Map<String, Tensor> out = new LinkedHashMap<>();
      Map<String, String> where = new LinkedHashMap<>();
      for (String name : names) {
        Path f = bound.get(name);
        if (f == null) {
          throw new InvalidInputException("data " + file + ": no file for graph input '" + name + "' (give "
              + name + "=FILE; inputs: " + String.join(", ", names) + ")");
        }
        out.put(name, read(f));
        where.put(name, f + " (input '" + name + "')");
      }
      return new Sources(out, where);
    }
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
      if (!Files.isRegularFile(file)) {
        throw new NoSuchFileException(file.toString());
      }
      Map<String, Tensor> arrays = Npz.read(file);
      Map<String, Tensor> out = new LinkedHashMap<>();
      Map<String, String> where = new LinkedHashMap<>();
      for (String name : names) {
        Tensor t = arrays.get(name);
        if (t == null) {
          throw new InvalidInputException(file + ": no array '" + name + "' for graph input '" + name
              + "' (arrays: " + String.join(", ", arrays.keySet()) + ")");
        }
        out.put(name, t);
        where.put(name, file + "[" + name + "]");
      }
      for (String name : arrays.keySet()) {
        if (!out.containsKey(name)) {
          throw new InvalidInputException(file + ": array '" + name + "' is no graph input of the model"
              + " (inputs: " + String.join(", ", names) + ")");
        }
      }
      return new Sources(out, where);
    }
    if (names.size() != 1) {
      throw new InvalidInputException(file + ": one array for a model of " + names.size() + " inputs ("
          + String.join(", ", names) + "); give one NAME=FILE per input (e.g. " + names.get(0) + "=FILE), or an"
          + " .npz with one array per input, named as the input");
    }
    return new Sources(Map.of(names.get(0), read(file)), Map.of(names.get(0), file.toString()));
  }

  /** The common sample count (dim 0) of the arrays. */
  private static long samples(Sources arrays) {
    long count = -1;
    String first = null;
    for (Map.Entry<String, Tensor> e : arrays.arrays().entrySet()) {
      Tensor t = e.getValue();
      String where = arrays.where().get(e.getKey());
      if (t.rank() < 1 || t.dim(0) == 0) {
        throw new InvalidInputException(where + ": no samples (shape " + shapeText(t.shape()) + ")");
      }
      if (count >= 0 && t.dim(0) != count) {
        throw new InvalidInputException(where + ": " + t.dim(0) + " samples, " + first + " has " + count);
      }
      count = t.dim(0);
      first = first == null ? where : first;
    }
    return count;
  }

  /** The first {@code n} samples of every array, converted and shaped for its graph input. */
  private static Dataset shaped(Sources arrays, Module m, int n, Normalize normalize, long[] labels) {
    List<String> names = new ArrayList<>();
    List<Tensor> tensors = new ArrayList<>();
    for (Value in : m.inputs()) {
      Tensor t = arrays.arrays().get(in.name());
      String where = arrays.where().get(in.name());
      long[] shape = reshape(t, n, in.type(), where);
      Tensor out;
      if (in.type().dtype().isFloating()) {
        out = Tensor.ofFloats(shape, scaled(t, n, normalize));
      } else {
        if (t.isFloating()) {
          throw new InvalidInputException(where + ": graph input '" + in.name() + "' takes "
              + in.type().dtype().text() + " (integers), the data is " + t.dtype().text());
        }
        int per = Math.toIntExact(Tensor.numel(t.shape()) / t.dim(0));
        out = Tensor.ofLongs(in.type().dtype(), shape, Arrays.copyOf(t.longs(), n * per));
      }
      names.add(in.name());
      tensors.add(out);
    }
    return new Dataset(names, tensors, labels);
  }

  private static Tensor read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString());
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".npy")) {
      return Npy.read(file);
    }
    if (Idx.looksLikeIdx(file) || name.endsWith(".gz")) {
      return Idx.read(file);
    }
    throw new InvalidInputException(file + ": unknown data file type (expected .npy, .npz, an IDX file such as"
        + " t10k-images-idx3-ubyte, or either gzipped)");
  }

  /** The first {@code n} images as floats: integers / 255, then normalized. */
  private static float[] scaled(Tensor images, int n, Normalize normalize) {
    int per = Math.toIntExact(Tensor.numel(images.shape()) / images.dim(0));
    float[] out = new float[Math.multiplyExact(n, per)];
    double mean = normalize == null ? 0 : normalize.mean();
    double std = normalize == null ? 1 : normalize.std();
    if (images.isFloating()) {
      float[] f = images.floats();
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) ((f[i] - mean) / std);
      }
    } else {
      long[] l = images.longs();
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) ((l[i] / 255.0 - mean) / std);
      }
    }
    return out;
  }

  /**
   * [n, ...input dims after the batch]: the array's own sizes where the input's dims are symbolic
   * when its rank is the input's, else the input's fixed dims when each sample's element count
   * matches; otherwise an error naming {@code where}.
   */
  private static long[] reshape(Tensor images, int n, TensorType input, String where) {
    long per = Tensor.numel(images.shape()) / images.dim(0);
    long[] shape = new long[input.rank()];
    String dims = input.toString();
    if (input.rank() < 1) {
      throw new InvalidInputException(where + ": the model's input " + dims + " has no batch dimension");
    }
    shape[0] = n;
    if (images.rank() == input.rank()) {
      boolean fits = true;
      for (int i = 1; i < input.rank(); i++) {
        Dim d = input.dim(i);
        shape[i] = d instanceof Dim.Fixed f ? f.size() : images.dim(i);
        fits &= shape[i] == images.dim(i);
      }
      if (fits) {
        return shape;
      }
    }
    long want = 1;
    for (int i = 1; i < input.rank(); i++) {
      Dim d = input.dim(i);
      if (!(d instanceof Dim.Fixed f)) {
        throw new InvalidInputException(where + ": data of shape " + shapeText(images.shape())
            + " does not fit the model's input " + dims + ": dim " + i + " is symbolic, so the data needs rank "
            + input.rank());
      }
      shape[i] = f.size();
      want *= f.size();
    }
    if (want != per) {
      throw new InvalidInputException(where + ": data of shape " + shapeText(images.shape()) + " has "
          + per + " elements per sample, the model's input " + dims + " takes " + want);
    }
    return shape;
  }

  /** A shape as {@code [2,3]}. */
  public static String shapeText(long[] shape) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < shape.length; i++) {
      sb.append(i == 0 ? "" : ",").append(shape[i]);
    }
    return sb.append(']').toString();
  }
}
