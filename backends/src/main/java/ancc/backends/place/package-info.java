/**
 * Placement on the mesh: {@link ancc.backends.place.MeshPlacer} (which tiles and slots arrays
 * and digital work get), {@link ancc.backends.place.BufferPlan} (buffer allocation per tile,
 * checked against the chip's buffer sizes) and {@link ancc.backends.place.Traffic} (the
 * hop-weighted traffic a placement causes). docs/mapping.md, "Placement on the mesh".
 */
package ancc.backends.place;
