package dev.airgen.benchmarks.coldstart;

import dev.airgen.benchmarks.Section;
import dev.airgen.benchmarks.Stats;
import dev.airgen.benchmarks.Target;
import dev.airgen.benchmarks.client.Driver;
import dev.airgen.benchmarks.client.EmulatorProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Time from a fresh JVM's start to the answer of its first request, AIRgen client against java.net.http and
 * Jackson alone sending the same bytes, both against the emulator in its own JVM. The two programs take
 * turns; each figure is a median over fresh JVMs.
 */
public final class ColdStartBench {

    public static final String GOAL = "Cold start: JVM start to the first validated request answered, at most 100 ms more than bare java.net.http + Jackson";
    static final double LIMIT_MS = 100;

    /** How many JVMs to start. */
    public record Settings(int warmups, int rounds) {
        public static Settings full() {
            return new Settings(2, 15);
        }

        public static Settings quick() {
            return new Settings(1, 2);
        }
    }

    private final Settings settings;
    private final Path work;
    private final PrintStream log;

    public ColdStartBench(Settings settings, Path work, PrintStream log) {
        this.settings = settings;
        this.work = work;
        this.log = log;
    }

    public Section run() throws Exception {
        List<Double> airgen = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        List<Double> airgenWall = new ArrayList<>();
        List<Double> bareWall = new ArrayList<>();
        Path request = work.resolve("first-request.json");
        String[] template = Driver.template();
        Files.writeString(request, template[0] + UUID.randomUUID() + template[1], StandardCharsets.UTF_8);
        try (EmulatorProcess emulator = EmulatorProcess.start(List.of())) {
            String url = emulator.rest().toString();
            for (int i = 0; i < settings.warmups() + settings.rounds(); i++) {
                boolean measured = i >= settings.warmups();
                for (int turn = 0; turn < 2; turn++) {
                    boolean airgenTurn = (turn == 0) == (i % 2 == 0);
                    double[] ms = airgenTurn ? child("airgen", url) : child("bare", url, request.toString());
                    if (measured) {
                        (airgenTurn ? airgen : bare).add(ms[0]);
                        (airgenTurn ? airgenWall : bareWall).add(ms[1]);
                    }
                    log.printf(Locale.ROOT, "[cold start] %s%s: %.0f ms to the answer, %.0f ms until the process ended%n",
                            measured ? "" : "warm-up ", airgenTurn ? "AIRgen" : "bare", ms[0], ms[1]);
                }
            }
        }
        return section(airgen, bare, airgenWall, bareWall);
    }

    /** Runs {@link FirstRequest} in a fresh JVM: its own figure, and the parent's wall time to the process's end. */
    private static double[] child(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FirstRequest.class.getName()));
        command.addAll(List.of(args));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(args[0] + " run failed: " + out);
        }
        double wall = (System.nanoTime() - t0) / 1e6;
        for (String line : out.split("\\R")) {
            if (line.startsWith(FirstRequest.PREFIX)) {
                return new double[] {Double.parseDouble(line.substring(FirstRequest.PREFIX.length())), wall};
            }
        }
        throw new IOException(args[0] + " printed no figure: " + out);
    }

    private Section section(List<Double> airgen, List<Double> bare, List<Double> airgenWall, List<Double> bareWall) {
        Stats a = Stats.of(airgen.stream().mapToDouble(Double::doubleValue).toArray());
        Stats b = Stats.of(bare.stream().mapToDouble(Double::doubleValue).toArray());
        Stats aw = Stats.of(airgenWall.stream().mapToDouble(Double::doubleValue).toArray());
        Stats bw = Stats.of(bareWall.stream().mapToDouble(Double::doubleValue).toArray());
        double[] diffs = new double[airgen.size()];
        for (int i = 0; i < diffs.length; i++) {
            diffs[i] = airgen.get(i) - bare.get(i);
        }
        Stats d = Stats.of(diffs);
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Each program runs in a fresh JVM (default options, the benchmark class path) and "
                + "sends one FLUX task (the hot-path request) to the emulator over REST, then exits. The AIRgen program builds "
                + "the generated request, and its client validates it against the model's schema, sends it and reads the typed "
                + "result; the bare program reads the bytes the AIRgen client writes for that request, sets a fresh taskUUID "
                + "with Jackson, posts them with java.net.http and parses the answer with Jackson. \"To the answer\" is "
                + "measured inside the child from the JVM's start time; \"process\" is the parent's wall time from starting "
                + "the child to its exit. %d warm-up pair(s), then %d pairs taking turns (the first of each pair alternates); "
                + "medians (min–max).%n%n", settings.warmups(), settings.rounds()));
        md.append("| program | JVM start to the answer | process start to exit |\n|---|---|---|\n");
        md.append("| AIRgen client (validation on) | ").append(a.format(1, "ms")).append(" | ").append(aw.format(1, "ms")).append(" |\n");
        md.append("| bare java.net.http + Jackson, same bytes | ").append(b.format(1, "ms")).append(" | ").append(bw.format(1, "ms")).append(" |\n");
        md.append("| difference, pair by pair | ").append(d.format(1, "ms")).append(" | – |\n");
        boolean met = d.median() <= LIMIT_MS;
        String measured = String.format(Locale.ROOT, "+%s ms median per pair (AIRgen %s ms vs bare %s ms)",
                Stats.num(d.median()), Stats.num(a.median()), Stats.num(b.median()));
        String note = met ? String.format(Locale.ROOT, "%s ms under the limit", Stats.num(LIMIT_MS - d.median()))
                : String.format(Locale.ROOT, "%s ms over the limit", Stats.num(d.median() - LIMIT_MS));
        return new Section("Cold start", md.toString(), List.of(Target.judged(GOAL, met, measured, note)));
    }
}
