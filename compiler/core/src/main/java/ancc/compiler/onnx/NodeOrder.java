package ancc.compiler.onnx;

import ancc.compiler.onnx.proto.OnnxMl.NodeProto;
import ancc.ir.InvalidInputException;
import com.google.common.graph.Graph;
import com.google.common.graph.Graphs;
import com.google.common.graph.MutableGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Topological order of a graph's nodes. Nodes listed out of order are accepted; an input that
 * nothing defines and a cycle are errors (the cycle names the first listed node on it). Among
 * ready nodes the one listed first goes first, so an ordered graph keeps its order.
 */
final class NodeOrder {
  private NodeOrder() {}

  /**
   * Indices of {@code nodes} in topological order. {@code defined} holds the names of graph inputs
   * and initializers; {@code locs} the display name of each node.
   */
  static List<Integer> sort(String file, List<NodeProto> nodes, List<String> locs, Set<String> defined) {
    Graph<Integer> deps = dependencies(file, nodes, locs, defined);
    int n = nodes.size();
    int[] pending = new int[n];
    PriorityQueue<Integer> ready = new PriorityQueue<>();
    for (int i = 0; i < n; i++) {
      pending[i] = deps.inDegree(i);
      if (pending[i] == 0) {
        ready.add(i);
      }
    }
    List<Integer> order = new ArrayList<>(n);
    while (!ready.isEmpty()) {
      int i = ready.poll();
      order.add(i);
      for (int user : deps.successors(i)) {
        if (--pending[user] == 0) {
          ready.add(user);
        }
      }
    }
    if (order.size() < n) {
      int onCycle = firstOnCycle(deps, pending);
      throw new InvalidInputException(file + ": node '" + locs.get(onCycle) + "' (" + nodes.get(onCycle).getOpType()
          + ") is on a cycle (the graph is not acyclic)");
    }
    return order;
  }

  /** Node indices with an edge from each producer to each node reading one of its outputs. */
  private static Graph<Integer> dependencies(String file, List<NodeProto> nodes, List<String> locs,
      Set<String> defined) {
    Map<String, Integer> producer = new HashMap<>();
    MutableGraph<Integer> deps = com.google.common.graph.GraphBuilder.directed().allowsSelfLoops(true)
        .expectedNodeCount(nodes.size()).build();
    for (int i = 0; i < nodes.size(); i++) {
      deps.addNode(i);
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
    for (int i = 0; i < nodes.size(); i++) {
      for (String in : nodes.get(i).getInputList()) {
        if (in.isEmpty() || defined.contains(in)) {
          continue;
        }
        Integer p = producer.get(in);
        if (p == null) {
          throw new InvalidInputException(file + ": node '" + locs.get(i) + "' (" + nodes.get(i).getOpType()
              + "): input '" + in + "' is not defined (missing initializer or graph input?)");
        }
        deps.putEdge(p, i);
      }
    }
    return deps;
  }

  /** The first listed node left unscheduled that can reach itself (nodes merely downstream of a cycle cannot). */
  private static int firstOnCycle(Graph<Integer> deps, int[] pending) {
    for (int i = 0; i < pending.length; i++) {
      int node = i;
      if (pending[node] > 0 && deps.successors(node).stream().anyMatch(s -> Graphs.reachableNodes(deps, s).contains(node))) {
        return node;
      }
    }
    throw new IllegalStateException("unscheduled nodes but no cycle");
  }
}
