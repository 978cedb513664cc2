package dev.airgen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The runtime's packages form layers: the client's package uses the others, {@code validation} uses only the
 * helpers in {@code internal} and the value types, and nothing below uses anything above. The JDK's
 * {@code jdeps} reads the compiled classes; a cycle fails the test, naming its packages and one class
 * dependency per step.
 */
class NoPackageCyclesTest {

    private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s");

    @Test
    void theRuntimesPackagesDependOnEachOtherWithoutCycles() throws Exception {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("the JDK has no jdeps"));
        Path classes = Path.of(RunwareClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:class",
                "-e", "dev\\.airgen\\.runtime.*", classes.toString());
        assertThat(status).as("jdeps failed: " + err).isZero();

        Map<String, Map<String, String>> graph = packageGraph(out.toString(), "dev.airgen.runtime");
        assertThat(graph).as("jdeps found the client's package and its dependencies").containsKey("dev.airgen.runtime");
        assertThat(graph.get("dev.airgen.runtime")).containsKeys("dev.airgen.runtime.internal", "dev.airgen.runtime.validation");
        assertThat(cycle(graph)).as("a package cycle").isEmpty();
    }

    @Test
    void aCycleIsNamedWithTheClassesThatMakeIt() {
        String listing = """
                classes -> not found
                   a.Client                  -> a.b.Engine                    classes
                   a.b.Engine                -> a.c.Helper                    classes
                   a.c.Helper                -> a.Client$Options              classes
                   a.c.Helper                -> java.lang.Object              java.base
                   a.c.Helper                -> a.c.Other                     classes
                """;
        Map<String, Map<String, String>> graph = packageGraph(listing, "a");
        assertThat(cycle(graph)).hasValue("a -> a.b -> a.c -> a (a.Client -> a.b.Engine; a.b.Engine -> a.c.Helper; "
                + "a.c.Helper -> a.Client$Options)");
        graph.get("a.c").remove("a");
        assertThat(cycle(graph)).isEmpty();
    }

    /** Package to the packages it uses, each with the first class dependency that makes the edge. */
    private static Map<String, Map<String, String>> packageGraph(String jdepsVerboseClass, String root) {
        Map<String, Map<String, String>> graph = new TreeMap<>();
        for (String line : jdepsVerboseClass.split("\\R")) {
            Matcher m = EDGE.matcher(line);
            if (!m.find()) {
                continue;
            }
            String from = packageOf(m.group(1));
            String to = packageOf(m.group(2));
            if (!from.equals(to) && inside(from, root) && inside(to, root)) {
                graph.computeIfAbsent(from, k -> new TreeMap<>()).putIfAbsent(to, m.group(1) + " -> " + m.group(2));
            }
        }
        return graph;
    }

    private static boolean inside(String pkg, String root) {
        return pkg.equals(root) || pkg.startsWith(root + ".");
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    /** The first cycle found, as "p -> q -> p (class -> class; ...)", or empty. */
    private static Optional<String> cycle(Map<String, Map<String, String>> graph) {
        for (String start : graph.keySet()) {
            // breadth-first from start's successors back to start: the shortest cycle through start
            Map<String, String> previous = new LinkedHashMap<>();
            Deque<String> queue = new ArrayDeque<>();
            queue.add(start);
            while (!queue.isEmpty()) {
                String p = queue.poll();
                for (String next : new TreeSet<>(graph.getOrDefault(p, Map.of()).keySet())) {
                    if (next.equals(start)) {
                        List<String> path = new ArrayList<>(List.of(start));
                        for (String at = p; !at.equals(start); at = previous.get(at)) {
                            path.add(1, at);
                        }
                        path.add(start);
                        List<String> because = new ArrayList<>();
                        for (int i = 0; i + 1 < path.size(); i++) {
                            because.add(graph.get(path.get(i)).get(path.get(i + 1)));
                        }
                        return Optional.of(String.join(" -> ", path) + " (" + String.join("; ", because) + ")");
                    }
                    if (!previous.containsKey(next)) {
                        previous.put(next, p);
                        queue.add(next);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
