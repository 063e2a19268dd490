package ancc.backends.target;

import ancc.ir.chip.MeshSpec;
import java.util.ArrayList;
import java.util.List;

/** Dimension-ordered (XY) routes on the chip mesh: along the row to the target column, then along the column. */
public final class Routes {
  private Routes() {}

  /** Tile ids visited from {@code from} to {@code to} inclusive. */
  public static List<Long> xy(MeshSpec mesh, int from, int to) {
    List<Long> route = new ArrayList<>();
    int r = mesh.row(from);
    int c = mesh.col(from);
    route.add((long) from);
    int tc = mesh.col(to);
    int tr = mesh.row(to);
    while (c != tc) {
      c += c < tc ? 1 : -1;
      route.add((long) r * mesh.cols() + c);
    }
    while (r != tr) {
      r += r < tr ? 1 : -1;
      route.add((long) r * mesh.cols() + c);
    }
    return route;
  }
}
