package dev.airgen.generator.testing;

import com.sun.source.util.JavacTask;
import dev.airgen.generator.GenerationResult;
import dev.airgen.generator.emit.GeneratedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated sources with javac (against the test classpath) and loads them with their resources.
 * It also keeps the doc comments as javac read them (after its unicode-escape pass), by element.
 */
public final class Compiled implements AutoCloseable {

    private final URLClassLoader loader;
    private final Map<String, String> docComments;

    private Compiled(URLClassLoader loader, Map<String, String> docComments) {
        this.loader = loader;
        this.docComments = docComments;
    }

    public static Compiled compile(GenerationResult result, Path workDir, Path... extraSources) {
        try {
            Path sources = workDir.resolve("java");
            Path resources = workDir.resolve("resources");
            Path classes = workDir.resolve("classes");
            Files.createDirectories(classes);
            result.writeTo(sources, resources);
            List<Path> files = new ArrayList<>();
            for (GeneratedFile f : result.sources()) {
                files.add(sources.resolve(f.relativePath()));
            }
            files.addAll(List.of(extraSources));
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
                List<String> options = List.of("--release", "17", "-classpath", System.getProperty("java.class.path"),
                        "-d", classes.toString(), "-Xlint:all", "-Xlint:-serial", "-proc:none", "-encoding", "UTF-8");
                JavacTask task = (JavacTask) javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files));
                Map<String, String> docs = new TreeMap<>();
                boolean ok;
                try {
                    for (Element type : task.analyze()) {
                        collectDocs(task.getElements(), type, docs);
                    }
                    task.generate();
                    ok = diagnostics.getDiagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
                } catch (IllegalStateException failed) {
                    ok = false;
                }
                if (!ok) {
                    throw new AssertionError("generated sources do not compile:\n" + text(diagnostics));
                }
                if (!diagnostics.getDiagnostics().isEmpty()) {
                    throw new AssertionError("generated sources compile with warnings:\n" + text(diagnostics));
                }
                return new Compiled(new URLClassLoader(new URL[] {classes.toUri().toURL(), resources.toUri().toURL()},
                        Compiled.class.getClassLoader()), docs);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(DiagnosticCollector<JavaFileObject> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            out.append(d.getKind()).append(' ').append(d.getSource() == null ? "" : d.getSource().getName())
                    .append(':').append(d.getLineNumber()).append(": ").append(d.getMessage(null)).append('\n');
            if (d.getSource() != null && d.getLineNumber() > 0) {
                try {
                    String[] lines = d.getSource().getCharContent(true).toString().split("\n", -1);
                    out.append("    ").append(lines[(int) d.getLineNumber() - 1]).append('\n');
                } catch (IOException | RuntimeException unreadable) {
                    // the message alone must do
                }
            }
        }
        return out.toString();
    }

    private static void collectDocs(Elements elements, Element element, Map<String, String> docs) {
        String doc = elements.getDocComment(element);
        if (doc != null) {
            docs.put(key(element), doc);
        }
        for (Element member : element.getEnclosedElements()) {
            collectDocs(elements, member, docs);
        }
    }

    private static String key(Element element) {
        if (element instanceof TypeElement type) {
            return type.getQualifiedName().toString();
        }
        return key(element.getEnclosingElement()) + "#" + element.getSimpleName();
    }

    /**
     * Doc comments as javac read them, keyed {@code pkg.Type} for classes and {@code pkg.Type#member} for
     * members (overloads share a key; the last one read wins).
     */
    public Map<String, String> docComments() {
        return docComments;
    }

    public Class<?> load(String name) {
        try {
            return Class.forName(name, true, loader);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("not generated: " + name, e);
        }
    }

    public ClassLoader loader() {
        return loader;
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }
}
