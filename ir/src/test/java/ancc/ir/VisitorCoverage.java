package ancc.ir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a closed set's visitor against its sealed type: the visitor has exactly one method per
 * permitted record (first parameter of that record's type), and each sample's {@code accept(v, c)}
 * reaches the method for its own record with the context passed through. A recording visitor (a
 * {@link Proxy}) stands in for a dispatcher.
 */
public final class VisitorCoverage {
  private VisitorCoverage() {}

  /** The problems found, one line each; empty when the visitor covers the sealed type. */
  public static List<String> problems(Class<?> sealedType, Class<?> visitorType, Iterable<?> samples) {
    List<String> problems = new ArrayList<>();
    Set<Class<?>> permitted = new LinkedHashSet<>(Arrays.asList(sealedType.getPermittedSubclasses()));
    Map<Class<?>, Integer> methods = new HashMap<>();
    for (Method m : visitorType.getDeclaredMethods()) {
      if (m.isSynthetic() || m.isDefault() || java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      Class<?> visited = m.getParameterCount() == 2 ? m.getParameterTypes()[0] : null;
      if (visited == null || !permitted.contains(visited)) {
        problems.add(visitorType.getSimpleName() + "." + m.getName() + Arrays.toString(m.getParameterTypes())
            + " visits no record of " + sealedType.getSimpleName());
      } else {
        methods.merge(visited, 1, Integer::sum);
      }
    }
    for (Class<?> c : permitted) {
      int n = methods.getOrDefault(c, 0);
      if (n != 1) {
        problems.add(visitorType.getSimpleName() + " has " + n + " methods for " + c.getSimpleName());
      }
    }
    Object context = new Object();
    Object[] seen = new Object[2];
    Object recorder = Proxy.newProxyInstance(visitorType.getClassLoader(), new Class<?>[] {visitorType},
        (proxy, m, args) -> {
          if (m.getDeclaringClass() == Object.class) {
            return m.getName().equals("toString") ? "recorder" : m.getName().equals("hashCode") ? 0 : proxy == args[0];
          }
          seen[0] = m.getParameterTypes()[0];
          seen[1] = args[1];
          return args[0];
        });
    Method accept = acceptMethod(sealedType, visitorType);
    Set<String> unvisited = new TreeSet<>();
    permitted.forEach(c -> unvisited.add(c.getSimpleName()));
    for (Object sample : samples) {
      seen[0] = null;
      seen[1] = null;
      Object result;
      try {
        result = accept.invoke(sample, recorder, context);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new AssertionError("accept of " + sample + " failed", e);
      }
      Class<?> own = sample.getClass();
      String name = own.getSimpleName();
      if (seen[0] != own) {
        problems.add(name + ".accept reached the method for "
            + (seen[0] == null ? "no record" : ((Class<?>) seen[0]).getSimpleName()));
      } else if (seen[1] != context) {
        problems.add(name + ".accept does not pass the context on");
      } else if (result != sample) {
        problems.add(name + ".accept does not return the visitor's result");
      } else {
        unvisited.remove(name);
      }
    }
    if (!unvisited.isEmpty()) {
      problems.add("records never visited (no sample, or a wrong visit): " + unvisited);
    }
    return problems;
  }

  private static Method acceptMethod(Class<?> sealedType, Class<?> visitorType) {
    for (Method m : sealedType.getMethods()) {
      if (m.getName().equals("accept") && m.getParameterCount() == 2 && m.getParameterTypes()[0] == visitorType) {
        return m;
      }
    }
    throw new AssertionError(sealedType.getSimpleName() + " has no accept(" + visitorType.getSimpleName() + ", C)");
  }
}
