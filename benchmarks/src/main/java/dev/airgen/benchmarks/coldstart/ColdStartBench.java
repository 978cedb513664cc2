package dev.airgen.benchmarks.coldstart;

import dev.airgen.benchmarks.Machine;
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
 * Time from a fresh JVM's start to its first request sent (the target, as the performance issue defines it)
 * and to its answer, AIRgen client against java.net.http and Jackson alone sending the same bytes, both
 * against the emulator in its own JVM. The two programs take turns; each figure is a median over fresh JVMs.
 */
public final class ColdStartBench {

    public static final String GOAL = "Cold start: JVM start to the first validated request sent, at most 100 ms more than bare java.net.http + Jackson";
    static final double LIMIT_MS = 100;

    /** How many JVMs to start. */
    public record Settings(int warmups, int rounds) {
        public static Settings full() {
            return new Settings(2, 25);
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
        Figures airgen = new Figures();
        Figures bare = new Figures();
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
                        (airgenTurn ? airgen : bare).add(ms);
                    }
                    log.printf(Locale.ROOT, "[cold start] %s%s: %.0f ms to the request sent, %.0f ms to the answer, %.0f ms until "
                            + "the process ended%n", measured ? "" : "warm-up ", airgenTurn ? "AIRgen" : "bare", ms[0], ms[1], ms[2]);
                }
            }
        }
        return section(airgen, bare);
    }

    /** What each fresh JVM of one program measured, in milliseconds: to the request sent, to the answer, to the process's end. */
    private static final class Figures {
        final List<Double> sent = new ArrayList<>();
        final List<Double> answered = new ArrayList<>();
        final List<Double> process = new ArrayList<>();

        void add(double[] ms) {
            sent.add(ms[0]);
            answered.add(ms[1]);
            process.add(ms[2]);
        }
    }

    /**
     * Runs {@link FirstRequest} in a fresh JVM: its own figures (to the request sent, to the answer) and the
     * parent's wall time to the process's end.
     */
    private static double[] child(String... args) throws IOException, InterruptedException {
        List<String> command = Machine.javaCommand(List.of(), List.of(), FirstRequest.class.getName());
        command.addAll(List.of(args));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(args[0] + " run failed: " + out);
        }
        double wall = (System.nanoTime() - t0) / 1e6;
        double sent = Double.NaN;
        double answered = Double.NaN;
        for (String line : out.split("\\R")) {
            if (line.startsWith(FirstRequest.SENT_PREFIX)) {
                sent = Double.parseDouble(line.substring(FirstRequest.SENT_PREFIX.length()));
            } else if (line.startsWith(FirstRequest.PREFIX)) {
                answered = Double.parseDouble(line.substring(FirstRequest.PREFIX.length()));
            }
        }
        if (Double.isNaN(sent) || Double.isNaN(answered)) {
            throw new IOException(args[0] + " did not print both figures: " + out);
        }
        return new double[] {sent, answered, wall};
    }

    /** AIRgen minus bare, pair by pair (the pairs ran back to back). */
    private static Stats differences(List<Double> airgen, List<Double> bare) {
        double[] diffs = new double[Math.min(airgen.size(), bare.size())];
        for (int i = 0; i < diffs.length; i++) {
            diffs[i] = airgen.get(i) - bare.get(i);
        }
        return Stats.of(diffs);
    }

    private Section section(Figures airgen, Figures bare) {
        Stats sentDiff = differences(airgen.sent, bare.sent);
        Stats answerDiff = differences(airgen.answered, bare.answered);
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Each program runs in a fresh JVM (default options, the benchmark class path) and "
                + "sends one FLUX task (the hot-path request) to the emulator over REST, then exits. The AIRgen program builds "
                + "the generated request, and its client validates it against the model's schema, sends it and reads the typed "
                + "result; the bare program reads the bytes the AIRgen client writes for that request, sets a fresh taskUUID "
                + "with Jackson, posts them with java.net.http and parses the answer with Jackson. \"Sent\" is the moment the "
                + "program hands the request to java.net.http, noted by a proxy selector that both programs give their HTTP "
                + "client (it chooses a direct connection; java.net.http asks it for a route as a request is handed over), so "
                + "that the AIRgen client builds its own HTTP client as an application's would; \"answer\" the moment it has read the "
                + "result; both are measured inside the child from the JVM's start time, which the operating system reports "
                + "with an offset common to both programs, so compare the differences rather than the absolute figures. "
                + "\"Process\" is the parent's wall time from starting the child to its exit. %d warm-up pair(s), then %d pairs "
                + "taking turns (the first of each pair alternates); medians (min–max).%n%n", settings.warmups(), settings.rounds()));
        md.append("| program | JVM start to the request sent | JVM start to the answer | process start to exit |\n|---|---|---|---|\n");
        md.append("| AIRgen client (validation on) | ").append(Stats.of(airgen.sent).format(1, "ms")).append(" | ")
                .append(Stats.of(airgen.answered).format(1, "ms")).append(" | ").append(Stats.of(airgen.process).format(1, "ms")).append(" |\n");
        md.append("| bare java.net.http + Jackson, same bytes | ").append(Stats.of(bare.sent).format(1, "ms")).append(" | ")
                .append(Stats.of(bare.answered).format(1, "ms")).append(" | ").append(Stats.of(bare.process).format(1, "ms")).append(" |\n");
        md.append("| difference, pair by pair | ").append(sentDiff.format(1, "ms")).append(" | ").append(answerDiff.format(1, "ms"))
                .append(" | – |\n");
        boolean met = sentDiff.median() <= LIMIT_MS;
        String measured = String.format(Locale.ROOT, "+%s ms median per pair to the request sent (AIRgen %s ms vs bare %s ms); "
                + "to the answer +%s ms", Stats.num(sentDiff.median()), Stats.num(Stats.of(airgen.sent).median()),
                Stats.num(Stats.of(bare.sent).median()), Stats.num(answerDiff.median()));
        String note = met ? String.format(Locale.ROOT, "%s ms under the limit", Stats.num(LIMIT_MS - sentDiff.median()))
                : String.format(Locale.ROOT, "%s ms over the limit", Stats.num(sentDiff.median() - LIMIT_MS));
        return new Section("Cold start", md.toString(), List.of(Target.judged(GOAL, met, measured, note)));
    }
}
