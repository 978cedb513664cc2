package dev.airgen.it;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

/**
 * Which Java packages use which, read from compiled classes, with one class-to-class use kept as the example
 * of each package-to-package edge. Finds the package cycles: every strongly connected component of the
 * graph with more than one package, each shown as one closed path.
 *
 * <p>Uses are what the class files reference (read by the JDK's {@code jdeps}); a compile-time constant
 * javac copied into the using class leaves no trace there, so such a use is not seen.
 */
final class PackageGraph {

    /** A {@code jdeps -verbose:class} line: {@code   a.b.C   -> d.e.F   archive}. */
    private static final Pattern CLASS_EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+\\S.*$");

    /** Package -> used package -> the first class edge (in name order) that makes the use. */
    private final SortedMap<String, SortedMap<String, String>> edges = new TreeMap<>();
    private final SortedSet<String> packages = new TreeSet<>();

    /** Records that class {@code from} uses class {@code to} (binary names, nested classes with {@code $}). */
    void addUse(String fromClass, String toClass) {
        String from = packageOf(fromClass);
        String to = packageOf(toClass);
        packages.add(from);
        packages.add(to);
        if (from.equals(to)) {
            return;
        }
        String example = fromClass + " -> " + toClass;
        edges.computeIfAbsent(from, k -> new TreeMap<>()).merge(to, example, (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }

    /**
     * The class uses within the given jars or class folders, as {@code jdeps} reports them; uses of classes
     * outside them (the JDK, libraries) are left out.
     */
    static PackageGraph read(Collection<Path> archives) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new IllegalStateException("the JDK's jdeps tool is not available; run the build on a JDK"));
        List<String> args = new ArrayList<>(List.of("-verbose:class", "-filter:package"));
        archives.forEach(a -> args.add(a.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("jdeps " + args + " failed (" + status + "): " + err);
        }
        List<String[]> uses = new ArrayList<>();
        Set<String> own = new TreeSet<>();
        for (String line : out.toString().split("\\R")) {
            Matcher m = CLASS_EDGE.matcher(line);
            if (m.matches()) {
                uses.add(new String[] {m.group(1), m.group(2)});
                own.add(m.group(1));
            }
        }
        PackageGraph graph = new PackageGraph();
        for (String[] use : uses) {
            // jdeps lists every class of the archives on the left; a class never listed there is outside them.
            if (own.contains(use[1])) {
                graph.addUse(use[0], use[1]);
            }
        }
        return graph;
    }

    SortedSet<String> packages() {
        return packages;
    }

    int edgeCount() {
        return edges.values().stream().mapToInt(Map::size).sum();
    }

    /** One entry per package cycle: its packages, then one closed path through them with a class edge per step. */
    List<String> cycles() {
        List<String> found = new ArrayList<>();
        for (SortedSet<String> component : stronglyConnected()) {
            if (component.size() < 2) {
                continue;
            }
            StringBuilder text = new StringBuilder("cycle among ").append(component).append(':');
            List<String> path = closedPath(component.first(), component);
            for (int i = 0; i + 1 < path.size(); i++) {
                String from = path.get(i);
                String to = path.get(i + 1);
                text.append("\n  ").append(from).append(" -> ").append(to).append("   (").append(edges.get(from).get(to)).append(')');
            }
            found.add(text.toString());
        }
        return found;
    }

    /** The shortest path from {@code start} back to itself inside one component, start included at both ends. */
    private List<String> closedPath(String start, Set<String> component) {
        Map<String, String> previous = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String at = queue.poll();
            for (String next : edges.getOrDefault(at, new TreeMap<>()).keySet()) {
                if (!component.contains(next)) {
                    continue;
                }
                if (next.equals(start)) {
                    List<String> path = new ArrayList<>();
                    for (String p = at; p != null; p = previous.get(p)) {
                        path.add(0, p);
                    }
                    path.add(start);
                    return path;
                }
                if (!previous.containsKey(next) && !next.equals(start)) {
                    previous.put(next, at);
                    queue.add(next);
                }
            }
        }
        throw new IllegalStateException("no path back to " + start + " inside " + component);
    }

    /** Tarjan's algorithm, iterative so that a deep graph cannot overflow the stack; components in name order. */
    private List<SortedSet<String>> stronglyConnected() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<SortedSet<String>> components = new ArrayList<>();
        int counter = 0;
        for (String root : packages) {
            if (index.containsKey(root)) {
                continue;
            }
            Deque<Object[]> work = new ArrayDeque<>();
            work.push(new Object[] {root, successors(root).iterator()});
            index.put(root, counter);
            low.put(root, counter++);
            stack.push(root);
            onStack.add(root);
            while (!work.isEmpty()) {
                Object[] frame = work.peek();
                String node = (String) frame[0];
                @SuppressWarnings("unchecked")
                java.util.Iterator<String> next = (java.util.Iterator<String>) frame[1];
                if (next.hasNext()) {
                    String child = next.next();
                    if (!index.containsKey(child)) {
                        index.put(child, counter);
                        low.put(child, counter++);
                        stack.push(child);
                        onStack.add(child);
                        work.push(new Object[] {child, successors(child).iterator()});
                    } else if (onStack.contains(child)) {
                        low.put(node, Math.min(low.get(node), index.get(child)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    String parent = (String) work.peek()[0];
                    low.put(parent, Math.min(low.get(parent), low.get(node)));
                }
                if (low.get(node).equals(index.get(node))) {
                    SortedSet<String> component = new TreeSet<>();
                    String member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        component.add(member);
                    } while (!member.equals(node));
                    components.add(component);
                }
            }
        }
        components.sort((a, b) -> a.first().compareTo(b.first()));
        return components;
    }

    private Set<String> successors(String pkg) {
        return edges.getOrDefault(pkg, new TreeMap<>()).keySet();
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }
}
