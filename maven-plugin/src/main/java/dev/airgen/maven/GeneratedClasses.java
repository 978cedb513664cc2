package dev.airgen.maven;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The generated sources compiled by the plugin itself, once per fingerprint, so that maven-compiler-plugin
 * never sees them: touching one of the user's own sources then recompiles only the user's sources.
 *
 * <p>javac runs in the build's JVM on every generated source, into a staging folder under the plugin's
 * state folder; class files are then copied into the module's output folder ({@code target/classes}), only
 * where their bytes differ, and class files an earlier compilation put there that are no longer produced are
 * deleted. The state folder keeps the fingerprint of what was compiled (the generation's fingerprint, the
 * compile class path by size and modification time, the release and the JDK) and the list of class files;
 * when both still hold and every listed class file is there, nothing is compiled.
 */
final class GeneratedClasses {

    static final String FINGERPRINT = "classes.sha256";
    static final String LIST = "classes.txt";
    private static final String STAGING = "classes-staging";
    private static final int MAX_REPORTED_ERRORS = 20;
    private static final int MIN_RELEASE = 17;

    /** What {@link #sync} did. */
    record Outcome(boolean compiled, int classes, int written, int deleted) {
    }

    /** javac refused the generated sources; the message lists its first errors. */
    static final class CompileException extends Exception {
        CompileException(String message) {
            super(message);
        }
    }

    private final Path stateDir;
    private final OutputMirror mirror;

    GeneratedClasses(Path stateDir) {
        this.stateDir = stateDir;
        this.mirror = new OutputMirror(stateDir, LIST, FINGERPRINT);
    }

    /** Whether this JVM can compile (a JDK, not a bare runtime). */
    static boolean available() {
        return ToolProvider.getSystemJavaCompiler() != null;
    }

    /**
     * The {@code --release} to compile for: the configured one, raised to 17 (the generated classes need it)
     * and lowered to {@code runningFeature} (a toolchain may compile the module's own sources with a newer
     * JDK than the one running Maven; classes for an older release run there too). A value that is not a
     * number is passed on as it is, for javac to judge.
     */
    static String release(String configured, int runningFeature) {
        String value = configured == null || configured.isBlank() ? String.valueOf(MIN_RELEASE) : configured.trim();
        try {
            int wanted = Integer.parseInt(value);
            return String.valueOf(Math.max(MIN_RELEASE, Math.min(wanted, Math.max(MIN_RELEASE, runningFeature))));
        } catch (NumberFormatException e) {
            return value;
        }
    }

    /**
     * The fingerprint of a compilation: the generation's own fingerprint, the release, this JDK, and each
     * class path entry by location, size and modification time (every file of a folder entry).
     */
    static String fingerprint(String generation, String release, List<Path> classpath) throws IOException {
        Fingerprint f = new Fingerprint().text("generation", generation).text("release", release)
                .text("jdk", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        int i = 0;
        for (Path entry : classpath) {
            if (Files.isDirectory(entry)) {
                try (Stream<Path> walk = Files.walk(entry)) {
                    for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                        f.file("classpath " + i + " " + entry.relativize(file), file);
                    }
                }
            } else if (Files.isRegularFile(entry)) {
                f.file("classpath " + i, entry);
            }
            f.text("classpath entry " + i++, entry.toString());
        }
        return f.stamp().hex();
    }

    /**
     * Whether the classes of {@code fingerprint} are in {@code classes}, as the last compilation left them (every
     * top-level class file it listed is there).
     */
    boolean upToDate(String fingerprint, Path classes) throws IOException {
        // Top-level classes only: javac writes a class's nested classes with it, and this runs on every build.
        return mirror.upToDate(fingerprint, classes, name -> name.indexOf('$') < 0);
    }

    /** Compiles every source under {@code sources} and brings {@code classes} in line; see the class comment. */
    Outcome sync(String fingerprint, Path sources, Path classes, String release, List<Path> classpath)
            throws IOException, CompileException {
        if (upToDate(fingerprint, classes)) {
            return new Outcome(false, listed().size(), 0, 0);
        }
        Path staging = stateDir.resolve(STAGING);
        deleteTree(staging);
        Files.createDirectories(staging);
        compile(sources, staging, release, classpath);
        OutputMirror.Copied copied = mirror.copy(fingerprint, staging, classes);
        deleteTree(staging);
        return new Outcome(true, copied.files(), copied.written(), copied.deleted());
    }

    private static void compile(Path sources, Path out, String release, List<Path> classpath)
            throws IOException, CompileException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList();
        }
        if (files.isEmpty()) {
            return;
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = new ArrayList<>(List.of("--release", release, "-proc:none", "-encoding", "UTF-8", "-g",
                "-nowarn", "-Xlint:none", "-implicit:none", "-d", out.toString()));
        if (!classpath.isEmpty()) {
            options.add("-classpath");
            options.add(String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        }
        StringWriter output = new StringWriter();
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            Boolean ok = javac.getTask(output, fileManager, diagnostics, options, null,
                    fileManager.getJavaFileObjectsFromPaths(files)).call();
            if (!Boolean.TRUE.equals(ok)) {
                Set<String> errors = new LinkedHashSet<>();
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    if (d.getKind() == Diagnostic.Kind.ERROR && errors.size() < MAX_REPORTED_ERRORS) {
                        errors.add((d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
                                + d.getMessage(Locale.ROOT));
                    }
                }
                throw new CompileException("javac refused the generated sources under " + sources + " (release " + release
                        + ", class path " + classpath + "):\n  " + String.join("\n  ", errors) + output);
            }
        }
    }

    /** The class files the last compilation produced, relative to the output folder. */
    List<String> listed() throws IOException {
        return mirror.listed();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
