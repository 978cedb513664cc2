package dev.airgen.generator.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs the command in a second JVM started with options suited to a short run, when the first one was started
 * as a plain {@code java -jar airgen-generator-*-cli.jar ...}.
 *
 * <p>A generation runs its code once, in a JVM that starts cold: with the default options most of its CPU time
 * goes to the optimizing JIT compiler and to the default collector growing its heap, which on a small machine
 * doubles the time of a whole-snapshot run (see docs/benchmarks.md, "Generation by the command-line jar").
 * Options cannot be set from inside a running JVM, and a jar cannot name them, so the command starts itself
 * again with {@link Main#SHORT_RUN_OPTIONS}, passing its arguments, standard streams and exit status through.
 *
 * <p>Any JVM option on the command line (or in {@code JAVA_TOOL_OPTIONS} or {@code JDK_JAVA_OPTIONS}) means the
 * user chose how to run the JVM, and the command runs where it was started; {@code -Dairgen.cli.fork=false} is
 * the option to give for that alone. So does the command when it is not the JVM's main program (started from
 * another tool, {@code exec:java}, a test).
 */
final class Relaunch {

    private Relaunch() {
    }

    /**
     * Set in the second JVM's environment: that JVM runs the command itself without asking the JVM for its
     * options (which loads java.management, some 40 ms of every run's start).
     */
    static final String CHILD_VARIABLE = "AIRGEN_CLI_SECOND_JVM";

    /**
     * The command that runs {@code args} in a new JVM, or empty when this JVM should run them.
     *
     * @param jvmOptions  the options this JVM was started with ({@code RuntimeMXBean.getInputArguments()}), asked
     *                    for only when the other conditions hold
     * @param launchedAs  what the launcher ran: the {@code sun.java.command} property, {@code "<jar> <args>"} for
     *                    {@code java -jar}, or null when unknown
     * @param jar         the jar this class was loaded from, or null when it was not loaded from a jar
     * @param java        the {@code java} executable of this JVM
     */
    static Optional<List<String>> command(Supplier<List<String>> jvmOptions, String launchedAs, Path jar, Path java, String[] args) {
        if (launchedAs == null || jar == null || !Files.isRegularFile(java)) {
            return Optional.empty();
        }
        // "<jar> <args>": the jar's path may hold spaces, so it ends at the first ".jar" followed by a space or the end.
        int end = launchedAs.indexOf(".jar ");
        end = end >= 0 ? end + 4 : launchedAs.endsWith(".jar") ? launchedAs.length() : -1;
        try {
            if (end < 0 || !Files.isSameFile(Path.of(launchedAs.substring(0, end)), jar)) {
                return Optional.empty();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (!jvmOptions.get().isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(Main.SHORT_RUN_OPTIONS);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        return Optional.of(command);
    }

    /** {@link #command} for this JVM; empty at once in the second JVM. */
    static Optional<List<String>> forThisJvm(String[] args) {
        if (System.getenv(CHILD_VARIABLE) != null) {
            return Optional.empty();
        }
        Path jar;
        try {
            Path location = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            jar = Files.isRegularFile(location) ? location : null;
        } catch (Exception e) { // no code source, or not a file URI
            jar = null;
        }
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Path java = Files.isRegularFile(bin.resolve("java")) ? bin.resolve("java") : bin.resolve("java.exe");
        return command(Relaunch::jvmOptions, System.getProperty("sun.java.command"), jar, java, args);
    }

    /** This JVM's options; on a runtime image without java.management, a non-empty list (run here). */
    private static List<String> jvmOptions() {
        try {
            return ManagementFactory.getRuntimeMXBean().getInputArguments();
        } catch (LinkageError | RuntimeException e) {
            return List.of("(unknown)");
        }
    }

    /**
     * Runs the command with this process's standard streams and waits for it; stops it if this JVM is stopped
     * first.
     *
     * @return its exit status, or empty when it could not be started (the caller then runs the command itself)
     */
    static Optional<Integer> run(List<String> command) {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.environment().put(CHILD_VARIABLE, "1");
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        Thread stop = new Thread(process::destroy, "airgen-cli-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            return Optional.of(process.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            return Optional.of(130);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }
}
