package dev.airgen.benchmarks;

import dev.airgen.benchmarks.generation.GenerationBench;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs every benchmark suite in turn and rewrites the report. Started by
 * {@code ./mvnw -B -pl benchmarks -am verify -Pbenchmarks -DskipTests}, which passes the class path on the command
 * line so that JMH's forked JVMs see the same one.
 *
 * <p>Options: {@code --mode=full|quick}, {@code --only=generation,cli,jmh,client,coldstart,incremental},
 * {@code --report=FILE}, {@code --root=DIR} (the project root) and {@code --local-repo=DIR} (for the
 * incremental-build suite).
 */
public final class BenchmarkRunner {

    static final String COMMAND = "./mvnw -B -pl benchmarks -am verify -Pbenchmarks -DskipTests";
    static final List<String> SUITES = List.of("generation", "cli", "jmh", "client", "coldstart", "incremental");

    private BenchmarkRunner() {
    }

    public static void main(String[] args) throws Exception {
        String mode = "full";
        Set<String> only = new LinkedHashSet<>(SUITES);
        Path report = Path.of("docs/benchmarks.md");
        Path root = Path.of(".");
        Path localRepo = Path.of(System.getProperty("user.home"), ".m2", "repository");
        for (String arg : args) {
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
            if (arg.startsWith("--mode=")) {
                if (!value.equals("full") && !value.equals("quick")) {
                    throw new IllegalArgumentException("--mode must be full or quick, got '" + value + "'");
                }
                mode = value;
            } else if (arg.startsWith("--only=")) {
                if (!value.isBlank()) {
                    only = new LinkedHashSet<>(Arrays.asList(value.split("\\s*,\\s*")));
                    for (String s : only) {
                        if (!SUITES.contains(s)) {
                            throw new IllegalArgumentException("unknown suite '" + s + "'; known: " + SUITES);
                        }
                    }
                }
            } else if (arg.startsWith("--report=")) {
                report = Path.of(value);
            } else if (arg.startsWith("--local-repo=")) {
                localRepo = Path.of(value);
            } else if (arg.startsWith("--root=")) {
                root = Path.of(value);
            } else {
                throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        boolean quick = mode.equals("quick");
        PrintStream log = System.out;
        ZonedDateTime started = ZonedDateTime.now();
        long t0 = System.nanoTime();
        String loadAtStart = Machine.loadAverage();
        log.println("[bench] mode " + mode + ", suites " + only + ", load average " + loadAtStart);
        Path work = Files.createTempDirectory("airgen-bench-");
        List<Section> sections = new ArrayList<>();
        boolean failed = false;
        try {
            for (String suite : SUITES) {
                if (!only.contains(suite)) {
                    sections.add(Section.failed(title(suite), "not selected in this run (--only)", goals(suite)));
                    continue;
                }
                try {
                    sections.add(run(suite, quick, work, root, localRepo, log));
                } catch (Exception | Error e) {
                    failed = true;
                    e.printStackTrace(log);
                    sections.add(Section.failed(title(suite), "the suite failed: " + e, goals(suite)));
                }
            }
        } finally {
            GenerationBench.delete(work);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        Report.write(report, COMMAND, mode, started, took, loadAtStart, Machine.loadAverage(), sections);
        log.println("[bench] wrote " + report.toAbsolutePath().normalize() + " after " + took.toSeconds() + " s");
        if (failed) {
            System.exit(1);
        }
    }

    private static Section run(String suite, boolean quick, Path work, Path root, Path localRepo, PrintStream log) throws Exception {
        return switch (suite) {
            case "generation" -> new GenerationBench(quick ? GenerationBench.Settings.quick() : GenerationBench.Settings.full(),
                    Files.createDirectories(work.resolve("generation")), log).run();
            case "jmh" -> new dev.airgen.benchmarks.hotpath.HotPathBench(quick ? dev.airgen.benchmarks.hotpath.HotPathBench.Settings.quick()
                    : dev.airgen.benchmarks.hotpath.HotPathBench.Settings.full(), log).run();
            case "client" -> new dev.airgen.benchmarks.client.ClientBench(quick ? dev.airgen.benchmarks.client.ClientBench.Settings.quick()
                    : dev.airgen.benchmarks.client.ClientBench.Settings.full(), log).run();
            case "cli" -> new dev.airgen.benchmarks.generation.CliGenerationBench(quick
                    ? dev.airgen.benchmarks.generation.CliGenerationBench.Settings.quick()
                    : dev.airgen.benchmarks.generation.CliGenerationBench.Settings.full(), root,
                    Files.createDirectories(work.resolve("cli")), log).run();
            case "coldstart" -> new dev.airgen.benchmarks.coldstart.ColdStartBench(quick
                    ? dev.airgen.benchmarks.coldstart.ColdStartBench.Settings.quick()
                    : dev.airgen.benchmarks.coldstart.ColdStartBench.Settings.full(),
                    Files.createDirectories(work.resolve("coldstart")), log).run();
            case "incremental" -> new dev.airgen.benchmarks.incremental.IncrementalBench(quick
                    ? dev.airgen.benchmarks.incremental.IncrementalBench.Settings.quick()
                    : dev.airgen.benchmarks.incremental.IncrementalBench.Settings.full(), root, localRepo,
                    Files.createDirectories(work.resolve("incremental")), log).run();
            default -> throw new IllegalArgumentException("unknown suite " + suite);
        };
    }

    static String title(String suite) {
        return switch (suite) {
            case "generation" -> "Generation";
            case "jmh" -> "Runtime hot paths (JMH)";
            case "client" -> "Client against the emulator (loopback)";
            case "cli" -> "Generation by the command-line jar";
            case "coldstart" -> "Cold start";
            case "incremental" -> "Incremental builds";
            default -> suite;
        };
    }

    static List<String> goals(String suite) {
        return switch (suite) {
            case "generation" -> List.of(GenerationBench.GOAL);
            case "jmh" -> dev.airgen.benchmarks.hotpath.HotPathBench.goals();
            case "client" -> List.of(dev.airgen.benchmarks.client.ClientBench.GOAL);
            case "cli" -> List.of(dev.airgen.benchmarks.generation.CliGenerationBench.GOAL);
            case "coldstart" -> List.of(dev.airgen.benchmarks.coldstart.ColdStartBench.GOAL);
            case "incremental" -> List.of(dev.airgen.benchmarks.incremental.IncrementalBench.GOAL,
                    dev.airgen.benchmarks.incremental.IncrementalBench.GOAL_EDIT,
                    dev.airgen.benchmarks.incremental.IncrementalBench.GOAL_EDIT_LAYOUT);
            default -> List.of();
        };
    }
}
