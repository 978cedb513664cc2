package dev.airgen.benchmarks.generation;

import dev.airgen.benchmarks.Heap;
import dev.airgen.benchmarks.Section;
import dev.airgen.benchmarks.Stats;
import dev.airgen.benchmarks.Target;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * AIRgen against jsonschema2pojo on the same inputs, in this JVM: warm-up rounds, then measured rounds
 * in which the tools take turns (the order rotates each round, so drift in machine load hits all of
 * them alike). Each measured run starts from an empty output folder after a full GC.
 */
public final class GenerationBench {

    public static final String GOAL = "Generation faster than jsonschema2pojo on the same inputs, while producing more types";

    /** How much to measure. */
    public record Settings(int warmups, int runs, int javacWarmups, int javacRuns, int syntheticModels) {
        public static Settings full() {
            return new Settings(2, 5, 1, 3, 400);
        }

        public static Settings quick() {
            return new Settings(1, 2, 0, 1, 400);
        }
    }

    private record Run(long nanos, long peakHeap, long allocated) {
    }

    private record Output(int sourceFiles, int types, int distinctTypes, long lines, long bytes, String summary) {
    }

    private record Result(Tool tool, List<Run> runs, Output output, List<Long> javacNanos) {
        Stats time() {
            return Stats.of(runs.stream().mapToDouble(Run::nanos).toArray());
        }

        Stats heap() {
            return Stats.of(runs.stream().mapToDouble(Run::peakHeap).toArray());
        }

        Stats allocated() {
            return Stats.of(runs.stream().mapToDouble(Run::allocated).toArray());
        }

        Stats javac() {
            return Stats.of(javacNanos.stream().mapToDouble(Long::doubleValue).toArray());
        }
    }

    private final Settings settings;
    private final Path work;
    private final PrintStream log;

    public GenerationBench(Settings settings, Path work, PrintStream log) {
        this.settings = settings;
        this.work = work;
        this.log = log;
    }

    public Section run() throws IOException, InterruptedException {
        List<Inputs> inputs = List.of(Inputs.synthetic(work, settings.syntheticModels()), Inputs.bundled(work));
        StringBuilder md = new StringBuilder();
        md.append("Each tool runs in this JVM: ").append(settings.warmups()).append(" warm-up round(s), then ")
                .append(settings.runs()).append(" measured rounds with the tools taking turns (rotating order). "
                        + "Time covers reading the input, generating and writing every file. javac compiles each tool's "
                        + "output in this JVM (`--release 17 -proc:none`), ").append(settings.javacWarmups())
                .append(" warm-up + ").append(settings.javacRuns()).append(" measured compile(s). Peak heap is the "
                        + "sum of the heap pools' peak use during a run, above the idle heap; garbage counts, and with this "
                        + "runner's large heap G1 lets young garbage pile up to the young generation's size before it "
                        + "collects, so similar peaks for all tools say little about their live data. Allocated (bytes all "
                        + "threads allocated during the run: what the collections freed plus the heap's growth) compares the "
                        + "tools' memory work better. Types are class files "
                        + "other than builders and anonymous classes (so jsonschema2pojo's nested enums count). Distinct types count "
                        + "a declaration once when another declaration of the same output has the same code after removing "
                        + "comments, `@JsonPropertyDescription` texts, `__N` name suffixes (jsonschema2pojo's way of naming "
                        + "the second `Inputs`, the third, ...) and, for a nested type, the name of its enclosing class "
                        + "(jsonschema2pojo writes the same `OutputFormat` enum into every request class that has one); a "
                        + "top-level class keeps its own name, so every per-model request class counts. The target is judged "
                        + "on distinct types: a class written again for each model that uses it is one type.\n\n");
        List<Target> targets = new ArrayList<>();
        for (Inputs input : inputs) {
            log.println("[generation] " + input.name() + ": " + input.models() + " models");
            Map<Tool, Result> results = measure(input);
            md.append(table(input, results));
            targets.add(verdict(input, results));
        }
        return new Section("Generation", md.toString(), targets);
    }

    private Map<Tool, Result> measure(Inputs input) throws IOException, InterruptedException {
        Tool[] tools = Tool.values();
        Map<Tool, List<Run>> runs = new EnumMap<>(Tool.class);
        Map<Tool, Path> lastOut = new EnumMap<>(Tool.class);
        Map<Tool, String> summaries = new EnumMap<>(Tool.class);
        int rounds = settings.warmups() + settings.runs();
        for (int round = 0; round < rounds; round++) {
            boolean measured = round >= settings.warmups();
            for (int i = 0; i < tools.length; i++) {
                Tool tool = tools[(i + round) % tools.length];
                Path out = fresh(input, tool, "gen");
                long took;
                long peak;
                long allocated;
                String summary;
                try (Heap heap = Heap.start()) {
                    long start = System.nanoTime();
                    summary = tool.run(input, out);
                    took = System.nanoTime() - start;
                    peak = heap.peakAboveIdle();
                    allocated = heap.allocatedSinceStart();
                }
                if (measured) {
                    runs.computeIfAbsent(tool, t -> new ArrayList<>()).add(new Run(took, peak, allocated));
                }
                lastOut.put(tool, out);
                summaries.put(tool, summary);
                log.printf(Locale.ROOT, "[generation]   %s %s: %.0f ms%n", measured ? "run" : "warm-up", tool.label(), took / 1e6);
            }
        }
        Map<Tool, Result> results = new EnumMap<>(Tool.class);
        Map<Tool, List<Long>> javac = new EnumMap<>(Tool.class);
        Map<Tool, Integer> types = new EnumMap<>(Tool.class);
        int compiles = settings.javacWarmups() + settings.javacRuns();
        for (int round = 0; round < compiles; round++) {
            for (int i = 0; i < tools.length; i++) {
                Tool tool = tools[(i + round) % tools.length];
                Path classes = fresh(input, tool, "classes");
                long took = Javac.compile(lastOut.get(tool).resolve("java"), classes);
                if (round >= settings.javacWarmups()) {
                    javac.computeIfAbsent(tool, t -> new ArrayList<>()).add(took);
                }
                types.put(tool, Javac.countTypes(classes));
                log.printf(Locale.ROOT, "[generation]   javac %s: %.0f ms%n", tool.label(), took / 1e6);
            }
        }
        for (Tool tool : tools) {
            Output output = output(lastOut.get(tool).resolve("java"), types.get(tool), summaries.get(tool));
            results.put(tool, new Result(tool, runs.get(tool), output, javac.get(tool)));
        }
        return results;
    }

    private Path fresh(Inputs input, Tool tool, String kind) throws IOException {
        Path dir = work.resolve("out").resolve(Integer.toHexString(input.name().hashCode())).resolve(tool.name() + "-" + kind);
        delete(dir);
        return Files.createDirectories(dir);
    }

    private static Output output(Path sources, int types, String summary) throws IOException {
        List<Path> files = Javac.javaFiles(sources);
        long lines = 0;
        long bytes = 0;
        for (Path f : files) {
            byte[] content = Files.readAllBytes(f);
            bytes += content.length;
            for (byte b : content) {
                if (b == '\n') {
                    lines++;
                }
            }
        }
        return new Output(files.size(), types, DistinctTypes.count(sources), lines, bytes, summary);
    }

    private String table(Inputs input, Map<Tool, Result> results) {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(input.name()).append(" — ").append(input.models()).append(" per-model request schemas\n\n");
        md.append("| tool | what it reads and writes | generation time, median (min–max) | peak heap above idle, median (min–max) | allocated, median | javac time, median (min–max) | source files | types | distinct types | lines / model | bytes / model |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results.values()) {
            Output o = r.output();
            md.append("| ").append(r.tool().label())
                    .append(" | ").append(r.tool().what())
                    .append(" | ").append(r.time().format(1e6, "ms"))
                    .append(" | ").append(r.heap().format(1 << 20, "MiB"))
                    .append(" | ").append(r.allocated().median() < 0 ? "n/a" : Stats.num(r.allocated().median() / (1 << 20)) + " MiB")
                    .append(" | ").append(r.javac().format(1e6, "ms"))
                    .append(" | ").append(o.sourceFiles())
                    .append(" | ").append(o.types())
                    .append(" | ").append(o.distinctTypes())
                    .append(" | ").append(Stats.num((double) o.lines() / input.models()))
                    .append(" | ").append(Stats.num((double) o.bytes() / input.models()))
                    .append(" |\n");
        }
        Result same = results.get(Tool.AIRGEN_REQUESTS);
        Result whole = results.get(Tool.AIRGEN_BUNDLE);
        Result js2p = results.get(Tool.JSONSCHEMA2POJO);
        md.append("\nRatios from this run (medians): AIRgen on the same request schemas takes ")
                .append(ratio(same.time().median(), js2p.time().median())).append(" of jsonschema2pojo's time; on the whole bundle ")
                .append(ratio(whole.time().median(), js2p.time().median())).append(". javac on AIRgen's request-schema output takes ")
                .append(ratio(same.javac().median(), js2p.javac().median())).append(" of the time javac needs for jsonschema2pojo's.\n\n");
        md.append("AIRgen's own summary: whole bundle — ").append(whole.output().summary())
                .append("; request schemas only — ").append(same.output().summary())
                .append(". jsonschema2pojo: ").append(js2p.output().summary()).append(".\n\n");
        return md.toString();
    }

    private Target verdict(Inputs input, Map<Tool, Result> results) {
        Result airgen = results.get(Tool.AIRGEN_REQUESTS);
        Result js2p = results.get(Tool.JSONSCHEMA2POJO);
        double a = airgen.time().median();
        double j = js2p.time().median();
        boolean faster = a < j;
        boolean moreTypes = airgen.output().distinctTypes() > js2p.output().distinctTypes();
        String measured = String.format(Locale.ROOT, "%s: AIRgen %s ms vs jsonschema2pojo %s ms (%s); distinct types %d vs %d "
                + "(class files %d vs %d)", input.name(), Stats.num(a / 1e6), Stats.num(j / 1e6), ratio(a, j),
                airgen.output().distinctTypes(), js2p.output().distinctTypes(), airgen.output().types(), js2p.output().types());
        List<String> why = new ArrayList<>();
        if (!faster) {
            why.add(String.format(Locale.ROOT, "slower by %.0f%%", (a / j - 1) * 100));
        } else {
            why.add(String.format(Locale.ROOT, "%.0f%% less time", (1 - a / j) * 100));
        }
        Output a2 = airgen.output();
        Output j2 = js2p.output();
        String copies = String.format(Locale.ROOT, "%d of jsonschema2pojo's %d class files are copies of another one, "
                + "written again for each model that uses it; AIRgen writes each shape once (%d class files, %d distinct)",
                j2.types() - j2.distinctTypes(), j2.types(), a2.types(), a2.distinctTypes());
        if (moreTypes) {
            why.add(String.format(Locale.ROOT, "%d more distinct types (%.2f×). %s", a2.distinctTypes() - j2.distinctTypes(),
                    (double) a2.distinctTypes() / j2.distinctTypes(), copies));
        } else {
            why.add(String.format(Locale.ROOT, "%d fewer distinct types. %s", j2.distinctTypes() - a2.distinctTypes(), copies));
        }
        return Target.judged(GOAL + " — " + input.name(), faster && moreTypes, measured, String.join("; ", why));
    }

    private static String ratio(double a, double b) {
        return String.format(Locale.ROOT, "%.2f×", a / b);
    }

    /** Deletes a folder and everything in it; nothing when it does not exist. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
