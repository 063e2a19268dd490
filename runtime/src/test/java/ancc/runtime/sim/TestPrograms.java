package ancc.runtime.sim;

import ancc.ir.chip.Chip;
import ancc.ir.chip.Chips;
import ancc.ir.graph.DType;
import ancc.ir.graph.Dim;
import ancc.ir.graph.Tensor;
import ancc.ir.graph.TensorType;
import ancc.ir.graph.Value;
import ancc.ir.program.ArrayImage;
import ancc.ir.program.Buffer;
import ancc.ir.program.Instr;
import ancc.ir.program.Program;
import ancc.ir.program.ProgramVerifier;
import ancc.ir.program.TileKind;
import ancc.ir.program.TileProgram;
import ancc.runtime.device.ArrayPhysics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Builds small hand-made programs for the simulator tests (records built directly, then verified). */
final class TestPrograms {
  static final Chip DEFAULT = Chips.preset("default");

  /** Ideal devices, but not declaring Gaussian-only reads: the simulator takes the generic plane loop. */
  static final PhysicsFactory GENERIC_READS = (image, chip, options) -> new ArrayPhysics() {
    @Override
    public float[] program(ArrayImage img, SplittableRandom rng) {
      return ArrayPhysics.IDEAL.program(img, rng);
    }

    @Override
    public void read(float[] values, int vectors, int cols, float[] inputs, int rows, float[] cells,
        SplittableRandom rng) {}

    @Override
    public double outputScale(ArrayImage img, float[] cells) {
      return 1.0;
    }
  };


  private final Chip chip;
  private final List<Value> inputs = new ArrayList<>();
  private final List<Value> outputs = new ArrayList<>();
  private final Map<String, Tensor> constants = new LinkedHashMap<>();
  private final List<ArrayImage> arrays = new ArrayList<>();
  private final List<Buffer> buffers = new ArrayList<>();
  private final Map<Integer, List<Instr>> tiles = new LinkedHashMap<>();
  private final Map<Integer, TileKind> kinds = new LinkedHashMap<>();

  TestPrograms(Chip chip) {
    this.chip = chip;
  }

  /** The default chip with multi-bit input through {@code bits}-bit DACs on its memristor tiles. */
  static Chip defaultWithDacBits(int bits) {
    try (InputStream in = TestPrograms.class.getResourceAsStream("/ancc/chips/default.yaml")) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String changed = yaml.replace("    dac:\n      bits: 1", "    dac:\n      bits: " + bits)
          .replace("encoding: bit_serial", "encoding: multi_bit");
      if (changed.equals(yaml)) {
        throw new IllegalStateException("default.yaml has no 1-bit dac entry");
      }
      return Chips.parse(changed, "dac" + bits + ".yaml");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** [N, cols] of the given type. */
  static TensorType rows(DType t, long cols) {
    return new TensorType(t, List.of(Dim.sym("N"), Dim.of(cols)));
  }

  TestPrograms input(String name, TensorType type) {
    inputs.add(new Value(name, type));
    return this;
  }

  TestPrograms output(String name, TensorType type) {
    outputs.add(new Value(name, type));
    return this;
  }

  TestPrograms constant(String name, Tensor t) {
    constants.put(name, t);
    return this;
  }

  TestPrograms array(ArrayImage a) {
    arrays.add(a);
    return this;
  }

  TestPrograms buffer(String name, int tile, TensorType type) {
    buffers.add(new Buffer(name, tile, type));
    return this;
  }

  TestPrograms tile(int tile, TileKind kind, Instr... instrs) {
    kinds.put(tile, kind);
    tiles.put(tile, List.of(instrs));
    return this;
  }

  Program build() {
    List<TileProgram> tps = new ArrayList<>();
    tiles.forEach((t, is) -> tps.add(new TileProgram(t, kinds.get(t), is)));
    Program p = new Program("test", chip.name(), chip.sha256(), inputs, outputs, constants, arrays, buffers, tps);
    ProgramVerifier.verify(p);
    return p;
  }

  static Tensor floats(long[] shape, float... v) {
    return Tensor.ofFloats(shape, v);
  }

  static Tensor cells(int rows, int cols, long... v) {
    return Tensor.ofLongs(new long[] {rows, cols}, v);
  }

  /** Runs p on x with ideal devices (ANALOG mode then models only the converters). */
  static float[] run(Program p, Chip chip, SimOptions o, Tensor x) {
    return new Simulator(PhysicsFactory.IDEAL).run(p, chip, Map.of("x", x), o).values().iterator().next().floats();
  }
}
