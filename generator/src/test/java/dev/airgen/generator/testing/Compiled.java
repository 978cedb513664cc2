package dev.airgen.generator.testing;

import dev.airgen.generator.GeneratedFile;
import dev.airgen.generator.GenerationResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles generated sources with javac (against the test classpath) and loads them with their resources. */
public final class Compiled implements AutoCloseable {

    private final URLClassLoader loader;

    private Compiled(URLClassLoader loader) {
        this.loader = loader;
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
            StringWriter diagnostics = new StringWriter();
            try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
                List<String> options = List.of("--release", "17", "-classpath", System.getProperty("java.class.path"),
                        "-d", classes.toString(), "-Xlint:all", "-Xlint:-serial", "-proc:none", "-encoding", "UTF-8");
                boolean ok = javac.getTask(diagnostics, fm, null, options, null, fm.getJavaFileObjectsFromPaths(files)).call();
                if (!ok) {
                    throw new AssertionError("generated sources do not compile:\n" + diagnostics);
                }
                if (diagnostics.toString().contains("warning")) {
                    throw new AssertionError("generated sources compile with warnings:\n" + diagnostics);
                }
            }
            return new Compiled(new URLClassLoader(new URL[] {classes.toUri().toURL(), resources.toUri().toURL()},
                    Compiled.class.getClassLoader()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
