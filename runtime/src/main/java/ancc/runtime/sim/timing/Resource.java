package ancc.runtime.sim.timing;

import java.util.Objects;

/**
 * One resource of the chip that an instruction occupies: a unit of tile {@code tile} (buffer read
 * port, buffer write port, an array with its DACs, an array's ADC group, the shift-and-add unit,
 * the vector unit, the MAC array, the mesh port), a mesh link ({@code tile} = -1, named
 * {@code link A->B}) or a memory shared by all tiles ({@code tile} = -1: the global buffer, DRAM).
 */
public record Resource(int tile, String name) implements Comparable<Resource> {
  public static final String BUFFER_READ = "buffer.read";
  public static final String BUFFER_WRITE = "buffer.write";
  public static final String SHIFT_ADD = "shift_add";
  public static final String VECTOR = "vector";
  public static final String MAC = "mac";
  public static final String MESH_PORT = "mesh.port";
  /** The chip's global buffer, shared by every tile ({@link #shared}). */
  public static final String GLOBAL_BUFFER = "global_buffer";
  /** Off-chip DRAM, shared by every tile ({@link #shared}). */
  public static final String DRAM = "dram";

  public Resource {
    Objects.requireNonNull(name, "name");
  }

  /** The array (DAC row drivers and crossbar or macro) with id {@code array}. */
  public static Resource array(int tile, long array) {
    return new Resource(tile, "array#" + array);
  }

  /** The shared ADCs of array {@code array}. */
  public static Resource adc(int tile, long array) {
    return new Resource(tile, "adc#" + array);
  }

  /** The directed mesh link between neighbouring tiles {@code from} and {@code to}. */
  public static Resource link(long from, long to) {
    return new Resource(-1, "link " + from + "->" + to);
  }

  /** A chip-wide memory that every tile's spilled buffers use ({@link #GLOBAL_BUFFER}, {@link #DRAM}). */
  public static Resource shared(String memory) {
    return new Resource(-1, memory);
  }

  public boolean isLink() {
    return tile < 0 && name.startsWith("link ");
  }

  /** Whether the resource is the chip's, not a tile's: a mesh link or a shared memory. */
  public boolean isShared() {
    return tile < 0;
  }

  @Override
  public int compareTo(Resource o) {
    int c = Integer.compare(tile, o.tile);
    return c != 0 ? c : name.compareTo(o.name);
  }

  @Override
  public String toString() {
    return isShared() ? name : "tile " + tile + " " + name;
  }
}
