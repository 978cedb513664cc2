package dev.airgen.maven;

import dev.airgen.generator.cli.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The generated sources compiled by the plugin itself, once per fingerprint, so that maven-compiler-plugin
 * never sees them: touching one of the user's own sources then recompiles only the user's sources.
 *
 * <p>javac (the JDK's launcher, see {@link #compile}) compiles every generated source into a staging folder under the plugin's
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
    private final int processors;

    GeneratedClasses(Path stateDir) {
        this(stateDir, Runtime.getRuntime().availableProcessors());
    }

    /** @param processors how many processors the javac processes may share (see {@link #groups}) */
    GeneratedClasses(Path stateDir, int processors) {
        this.processors = processors;
        this.stateDir = stateDir;
        this.mirror = new OutputMirror(stateDir, LIST, FINGERPRINT);
    }

    /** Whether this JVM's installation can compile: a JDK with its {@code javac} launcher, not a bare runtime. */
    static boolean available() {
        return Files.isExecutable(launcher());
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

    /**
     * Compiles every source under {@code sources} into {@code out} with the JDK's {@code javac} launcher, in as
     * many processes as {@link #groups} says, each given a share of the files and {@code sources} as its source
     * path (it reads the other shares' types from there and writes classes for its own share only, so together
     * they write exactly the class files one javac run would).
     *
     * <p>Separate processes rather than javac inside the build's JVM: on a whole snapshot (about 800,000 lines)
     * javac spends much of its time waiting for the JIT, and a JVM that only ever compiles C1 code and collects
     * with the serial collector finishes sooner and in a third of the memory; on two or more processors the
     * shares run side by side. The launcher is the one of the JDK running Maven.
     */
    private void compile(Path sources, Path out, String release, List<Path> classpath) throws IOException, CompileException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList();
        }
        if (files.isEmpty()) {
            return;
        }
        List<String> options = new ArrayList<>(List.of("--release", release, "-proc:none", "-encoding", "UTF-8", "-g",
                "-nowarn", "-Xlint:none", "-implicit:none", "-d", out.toString(), "-sourcepath", sources.toString()));
        if (!classpath.isEmpty()) {
            options.add("-classpath");
            options.add(String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        }
        int groups = groups(files.size(), processors);
        List<Process> running = new CopyOnWriteArrayList<>();
        List<Path> logs = new ArrayList<>();
        // A build stopped with Ctrl-C ends the JVM without unwinding this thread: the processes go with it.
        Thread reaper = new Thread(() -> running.forEach(Process::destroyForcibly), "airgen-javac-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        boolean compiled = false;
        try {
            for (int g = 0; g < groups; g++) {
                List<String> args = new ArrayList<>(options);
                for (int i = g; i < files.size(); i += groups) {
                    args.add(files.get(i).toString());
                }
                Path argFile = stateDir.resolve("javac-" + g + ".args");
                Files.write(argFile, args.stream().map(GeneratedClasses::quoted).toList(), StandardCharsets.UTF_8);
                Path log = stateDir.resolve("javac-" + g + ".log");
                logs.add(log);
                running.add(javac(argFile).redirectErrorStream(true).redirectOutput(log.toFile()).start());
            }
            compiled = true;
            for (Process p : running) {
                compiled &= p.waitFor() == 0;
            }
            if (!compiled) {
                throw new CompileException("javac refused the generated sources under " + sources + " (release " + release
                        + ", class path " + classpath + "):\n  " + String.join("\n  ", errors(logs)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while javac compiled the generated sources", e);
        } finally {
            running.forEach(Process::destroy);
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs or has run
            }
            for (int g = 0; g < groups; g++) {
                Files.deleteIfExists(stateDir.resolve("javac-" + g + ".args"));
            }
            if (compiled) {
                for (Path log : logs) {
                    Files.deleteIfExists(log);
                }
            }
        }
    }

    /**
     * The first errors in javac's output, each as {@code File.java:12: text}; when no line reads as an error (javac
     * could not start, say), the start of the output as it is.
     */
    private static List<String> errors(List<Path> logs) throws IOException {
        Set<String> errors = new LinkedHashSet<>();
        List<String> output = new ArrayList<>();
        for (Path log : logs) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                Matcher m = ERROR_LINE.matcher(line);
                if (m.matches() && errors.size() < MAX_REPORTED_ERRORS) {
                    errors.add(m.group(1) + ": " + m.group(2));
                } else if (output.size() < MAX_REPORTED_ERRORS) {
                    output.add(line);
                }
            }
        }
        return errors.isEmpty() ? output : List.copyOf(errors);
    }

    /**
     * The javac process for one argument file, with the options the command-line jar runs its own second JVM with
     * ({@link Main#SHORT_RUN_OPTIONS}). {@code JDK_JAVAC_OPTIONS} is left out of its environment: the launcher
     * would add those options (a user's {@code -Werror}, say) to the generated sources' compilation.
     */
    static ProcessBuilder javac(Path argFile) {
        List<String> command = new ArrayList<>(List.of(launcher().toString()));
        Main.SHORT_RUN_OPTIONS.forEach(option -> command.add("-J" + option));
        command.addAll(List.of("-J-Duser.language=en", "-J-Dfile.encoding=UTF-8", "-J-Dsun.stdout.encoding=UTF-8",
                "-J-Dsun.stderr.encoding=UTF-8", "@" + argFile));
        ProcessBuilder builder = new ProcessBuilder(command);
        withoutLauncherOptions(builder.environment());
        return builder;
    }

    /** Removes the variable the {@code javac} launcher reads extra options from. */
    static void withoutLauncherOptions(Map<String, String> environment) {
        environment.remove("JDK_JAVAC_OPTIONS");
    }

    /** How many javac processes share {@code files} sources: one per processor, at most four, each with at least 100 files. */
    static int groups(int files, int processors) {
        return Math.max(1, Math.min(Math.min(processors, 4), files / 100));
    }

    /** A javac error line, {@code File.java:12: error: text}: the file and line, and the text. */
    private static final Pattern ERROR_LINE = Pattern.compile("(.+\\.java:\\d+): error: (.*)");

    /** {@code value} as one argument of a javac argument file: in double quotes, with backslashes and quotes escaped. */
    static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The {@code javac} launcher of the JDK running this build. */
    static Path launcher() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        return Files.isRegularFile(bin.resolve("javac")) ? bin.resolve("javac") : bin.resolve("javac.exe");
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
