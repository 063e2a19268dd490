/**
 * Tile backends and lowering: the step from a canonicalized graph IR module to a crossbar mapping
 * program ({@link ancc.ir.program.Program}) for one chip.
 *
 * <ul>
 *   <li>{@link ancc.backends.TileBackend}, one per tile kind ({@link ancc.backends.Backends}):
 *       {@code supports}, {@code estimate} (the partitioner's cost model) and {@code lower} to a
 *       {@link ancc.backends.Fragment}. {@code cim} holds the memristor-CIM and SRAM-CIM backends,
 *       {@code digital} the digital one.
 *   <li>{@code mapping}: the chip-independent arithmetic: per-channel weight quantization, bit
 *       slicing and cell encodings with their exact inverse, array counts, input quantization,
 *       ADC ranges and calibration (docs/mapping.md).
 *   <li>{@link ancc.backends.Lowering}: the legality-checked driver, with
 *       {@link ancc.backends.Assignment} (the tile kind per node) and a {@link ancc.backends.Placer}
 *       (tiles and slots; {@link ancc.backends.SequentialPlacer} is the simple allocator). A model
 *       that does not fit throws {@link ancc.backends.DoesNotFitException}.
 * </ul>
 */
package ancc.backends;
