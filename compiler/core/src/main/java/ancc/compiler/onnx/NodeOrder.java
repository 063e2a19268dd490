package ancc.compiler.onnx;

import ancc.compiler.onnx.proto.OnnxMl.NodeProto;
import ancc.ir.InvalidInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Topological order of a graph's nodes. Nodes listed out of order are accepted; an input that
 * nothing defines and a cycle are errors (the cycle names one node on it). Among ready nodes the
 * one listed first goes first, so an ordered graph keeps its order.
 */
final class NodeOrder {
  private NodeOrder() {}

  /**
   * Indices of {@code nodes} in topological order. {@code defined} holds the names of graph inputs
   * and initializers; {@code locs} the display name of each node.
   */
  static List<Integer> sort(String file, List<NodeProto> nodes, List<String> locs, Set<String> defined) {
    Map<String, Integer> producer = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      for (String out : nodes.get(i).getOutputList()) {
        if (out.isEmpty()) {
          continue;
        }
        if (defined.contains(out) || producer.containsKey(out)) {
          throw new InvalidInputException(file + ": node '" + locs.get(i) + "' (" + nodes.get(i).getOpType()
              + "): output '" + out + "' is already defined (duplicate output name)");
        }
        producer.put(out, i);
      }
    }
    int n = nodes.size();
    List<List<Integer>> users = new ArrayList<>();
    int[] pending = new int[n];
    List<List<Integer>> preds = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      users.add(new ArrayList<>());
      preds.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      for (String in : nodes.get(i).getInputList()) {
        if (in.isEmpty() || defined.contains(in)) {
          continue;
        }
        Integer p = producer.get(in);
        if (p == null) {
          throw new InvalidInputException(file + ": node '" + locs.get(i) + "' (" + nodes.get(i).getOpType()
              + "): input '" + in + "' is not defined (missing initializer or graph input?)");
        }
        users.get(p).add(i);
        preds.get(i).add(p);
        pending[i]++;
      }
    }
    PriorityQueue<Integer> ready = new PriorityQueue<>();
    for (int i = 0; i < n; i++) {
      if (pending[i] == 0) {
        ready.add(i);
      }
    }
    List<Integer> order = new ArrayList<>(n);
    while (!ready.isEmpty()) {
      int i = ready.poll();
      order.add(i);
      for (int u : users.get(i)) {
        if (--pending[u] == 0) {
          ready.add(u);
        }
      }
    }
    if (order.size() < n) {
      int onCycle = findCycleNode(pending, preds);
      throw new InvalidInputException(file + ": node '" + locs.get(onCycle) + "' (" + nodes.get(onCycle).getOpType()
          + ") is on a cycle (the graph is not acyclic)");
    }
    return order;
  }

  /** A node on a cycle: walk unscheduled predecessors until one repeats. */
  private static int findCycleNode(int[] pending, List<List<Integer>> preds) {
    int start = 0;
    while (pending[start] == 0) {
      start++;
    }
    boolean[] seen = new boolean[pending.length];
    int cur = start;
    while (!seen[cur]) {
      seen[cur] = true;
      int next = -1;
      for (int p : preds.get(cur)) {
        if (pending[p] > 0) {
          next = p;
          break;
        }
      }
      if (next < 0) {
        return cur;
      }
      cur = next;
    }
    return cur;
  }
}
