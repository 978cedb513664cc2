package dev.airgen.benchmarks.generation;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles a folder of generated sources in this JVM against this JVM's class path. */
final class Javac {

    private Javac() {
    }

    /** Compiles every {@code .java} under {@code sources} into {@code classes}; returns the wall time in ns. */
    static long compile(Path sources, Path classes) throws IOException {
        List<Path> files = javaFiles(sources);
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: run the benchmarks on a JDK, not a JRE");
        }
        StringWriter diagnostics = new StringWriter();
        List<String> options = List.of("--release", "17", "-proc:none", "-nowarn", "-Xlint:none", "-encoding", "UTF-8",
                "-classpath", System.getProperty("java.class.path"), "-d", classes.toString());
        long start = System.nanoTime();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
            boolean ok = javac.getTask(diagnostics, fm, null, options, null, fm.getJavaFileObjectsFromPaths(files)).call();
            long took = System.nanoTime() - start;
            if (!ok) {
                String text = diagnostics.toString();
                throw new IllegalStateException("generated sources under " + sources.getFileName() + " do not compile:\n"
                        + (text.length() > 4000 ? text.substring(0, 4000) + "..." : text));
            }
            return took;
        }
    }

    static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    /**
     * Types in compiled output: every class file except builders and anonymous or local classes, so that
     * nested enumerations count (jsonschema2pojo nests them) but AIRgen's per-class builders do not.
     */
    static int countTypes(Path classes) throws IOException {
        try (Stream<Path> walk = Files.walk(classes)) {
            return (int) walk.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .filter(n -> !n.endsWith("$Builder") && !n.matches(".*\\$\\d.*"))
                    .count();
        }
    }

}
