package dev.airgen.benchmarks.client;

import dev.airgen.benchmarks.Section;
import dev.airgen.benchmarks.Stats;
import dev.airgen.benchmarks.Target;
import dev.airgen.runtime.Transport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The AIRgen client against the emulator on loopback, next to java.net.http sending the same bytes. Each client
 * runs in a JVM of its own ({@link ClientProcess}), all of them on the clients' CPU and measured one after the other,
 * for each transport and concurrency; rounds repeat the measurements with the order of the clients reversed every
 * other round, and each figure is the median over rounds.
 */
public final class ClientBench {

    public static final String GOAL = "Client overhead under 5% of a bare java.net.http client";

    /**
     * How much to measure. Each setting (transport and tasks in flight) runs at least {@code minRounds} rounds and
     * then more, up to {@code maxRounds}, until the interval of its median overhead lies on one side of the limit.
     */
    public record Settings(double jitWarmupMinSeconds, double jitWarmupMaxSeconds, int[] inFlight, double warmupSeconds, double measureSeconds, int maxTasks,
                           int minRounds, int maxRounds) {
        public static Settings full() {
            return new Settings(20, 240, new int[] {1, 16, 256}, 0.5, 2.0, 200_000, 6, 15);
        }

        public static Settings quick() {
            return new Settings(1, 3, new int[] {1, 16, 256}, 0.3, 0.5, 20_000, 1, 2);
        }
    }

    /** The limit on the overhead, as a fraction of the bare client's throughput. */
    private static final double LIMIT = 0.05;
    /** How sure the interval of a median overhead must be before the rounds stop. */
    private static final double CONFIDENCE = 0.95;

    /** Tasks in flight while a client's code is first compiled by the JIT. */
    private static final int JIT_WARMUP_IN_FLIGHT = 16;

    private record Key(Transport transport, int inFlight, ClientKind client) {
    }

    private final Settings settings;
    private final PrintStream log;
    private String cpus = "";
    /** Each client's JIT warm-up, by transport and client, in the order run. */
    private final Map<String, JitWarmUp.Outcome> warmUps = new LinkedHashMap<>();
    /** The emulator's processor: the share of each window call (warm-up and measured part) it spent working. */
    private final Map<Key, List<Double>> emulatorBusy = new LinkedHashMap<>();

    public ClientBench(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    public Section run() throws Exception {
        Map<Key, List<Load.Window>> windows = new LinkedHashMap<>();
        try (CpuSplit split = CpuSplit.plan(); EmulatorProcess emulator = EmulatorProcess.start(split.emulatorPrefix())) {
            split.pinClients();
            cpus = split.describe();
            log.println("[client] emulator at " + emulator.rest() + " and " + emulator.webSocket() + "; " + cpus);
            for (Transport transport : new Transport[] {Transport.REST, Transport.WEBSOCKET}) {
                Map<ClientKind, ClientProcess> clients = new EnumMap<>(ClientKind.class);
                try {
                    for (ClientKind kind : ClientKind.values()) {
                        clients.put(kind, ClientProcess.start(kind, transport, emulator.rest(), emulator.webSocket(),
                                split.clientPrefix(), log));
                    }
                    // Each client first runs until the JIT has stopped compiling for it (see JitWarmUp), one at a time.
                    for (Map.Entry<ClientKind, ClientProcess> e : clients.entrySet()) {
                        JitWarmUp.Outcome o = e.getValue().warmUp(JIT_WARMUP_IN_FLIGHT, settings.jitWarmupMinSeconds(),
                                settings.jitWarmupMaxSeconds(), settings.maxTasks());
                        warmUps.put(name(transport) + " " + e.getKey().label, o);
                        log.printf(Locale.ROOT, "[client]   JIT warm-up %s %s: %.0f s, %s, last window %.0f tasks/s%n", name(transport),
                                e.getKey().label, o.seconds(), o.ending(), o.lastTasksPerSecond());
                    }
                    for (int inFlight : settings.inFlight()) {
                        for (int round = 0; round < settings.maxRounds(); round++) {
                            if (round >= settings.minRounds() && settled(windows, transport, inFlight)) {
                                break;
                            }
                            List<ClientKind> order = new ArrayList<>(List.of(ClientKind.values()));
                            if (round % 2 == 1) {
                                java.util.Collections.reverse(order);
                            }
                            for (ClientKind client : order) {
                                long emulatorBefore = emulator.cpuNanos();
                                long wallBefore = System.nanoTime();
                                Load.Window w = clients.get(client).window(inFlight, settings.warmupSeconds(), settings.measureSeconds(),
                                        settings.maxTasks());
                                long wall = System.nanoTime() - wallBefore;
                                long emulatorAfter = emulator.cpuNanos();
                                Key key = new Key(transport, inFlight, client);
                                windows.computeIfAbsent(key, k -> new ArrayList<>()).add(w);
                                if (emulatorBefore >= 0 && emulatorAfter >= 0 && wall > 0) {
                                    emulatorBusy.computeIfAbsent(key, k -> new ArrayList<>())
                                            .add((double) (emulatorAfter - emulatorBefore) / wall);
                                }
                                log.printf(Locale.ROOT, "[client]   round %d %s %d in flight %s: %.0f tasks/s, p50 %.2f ms, p99 %.2f ms%s%n",
                                        round + 1, name(transport), inFlight, client.label, w.tasksPerSecond(),
                                        w.completed() == 0 ? Double.NaN : w.p50() / 1e6,
                                        w.completed() == 0 ? Double.NaN : w.p99() / 1e6,
                                        w.failed() == 0 ? "" : ", " + w.failed() + " failed: " + w.firstFailure());
                            }
                        }
                    }
                } finally {
                    for (ClientProcess c : clients.values()) {
                        c.close();
                    }
                }
            }
        }
        return section(windows);
    }

    /** Whether the rounds so far (validation on) settle the verdict. */
    private static boolean settled(Map<Key, List<Load.Window>> windows, Transport transport, int inFlight) {
        return settles(Stats.medianInterval(paired(windows, transport, inFlight, ClientKind.AIRGEN), CONFIDENCE));
    }

    /** An interval settles the verdict when it is as sure as asked and lies on one side of the limit. */
    private static boolean settles(Stats.Interval interval) {
        return interval.coverage() >= CONFIDENCE && interval.excludes(LIMIT);
    }

    private static String name(Transport transport) {
        return transport == Transport.REST ? "REST" : "WebSocket";
    }

    private Section section(Map<Key, List<Load.Window>> windows) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "The emulator runs in its own JVM on 127.0.0.1 with a task duration of 0 ms "
                        + "(2 GB heap, 1.5 GB of it young generation, so that its collector does not set the pace), "
                        + "so every answer is immediate and the figures show the cost of the two ends and the loopback. "
                        + "Task: the typical FLUX request from the hot-path section, `deliveryMethod` sync, one image per "
                        + "task. Closed loop with a fixed number of tasks in flight. Each client runs in a JVM of its own, "
                        + "started on the clients' processor (so it sees one processor and picks its collector and compiler "
                        + "threads for one) with the options `%s`, and only one client has work at a time. In one shared "
                        + "JVM, as earlier runs had it, the clients shared the JIT's profiles of the JDK's HTTP code and of "
                        + "Jackson, and its compiler threads, and each client's figures carried part of the others' cost. "
                        + "Each client first runs at %d in flight until the "
                        + "JIT has stopped compiling for it: windows of %.0f s, at least %.0f s, then until %d windows in a row "
                        + "each spent less than %.0f%% of their time compiling and ended with no compilation running or queued, at "
                        + "most %.0f s (the warm-ups are listed below the "
                        + "table). A fixed warm-up of 20 s measured the compiler more than the client: with the clients on one "
                        + "processor the compiler threads share it with the load, and the AIRgen client, whose hot path holds "
                        + "more code, kept compiling and gaining throughput for more than a minute. Then each setting runs in "
                        + "rounds: in a round every client has %.1f s of warm-up and %.1f s measured (at most %d tasks), one "
                        + "after the other, the order reversed every other round. A setting runs at least %d rounds and then "
                        + "more, up to %d, until the %.0f%% interval of its median overhead lies on one side of the 5%% limit "
                        + "(see below); figures are medians over its rounds (min–max of tasks/s in brackets). The bare "
                        + "clients send byte for byte what the AIRgen client serializes (only the taskUUID differs) and check "
                        + "that the answer names its task; they neither validate nor parse. Both REST clients wait for each "
                        + "answer the same way, a thread of their own pool blocked in `HttpClient.send`: `sendAsync` would hand "
                        + "every answer to CompletableFuture's default executor, which starts a thread per answer on machines "
                        + "with fewer than three processors, and a bare client slowed down by that would flatter the AIRgen "
                        + "client. For the same reason both give their HTTP client an executor that runs java.net.http's own "
                        + "steps on the thread that reaches them, as the AIRgen client does over REST (handing each step to a "
                        + "pool thread cost the bare client about 5 more thread switches per task and 1.6 times the CPU at "
                        + "16 in flight). CPU per task is the CPU time the client's own JVM used during a measured window "
                        + "(every thread, the JIT and the collector included) divided "
                        + "by the tasks it ended: it shows what each client costs, and other load on the machine moves it "
                        + "far less than throughput. Client busy is that CPU time over the measured window's wall time "
                        + "(the share of the clients' processor the client used), emulator busy the emulator JVM's CPU time over "
                        + "the wall time of the whole window (warm-up and measured part) while that client ran: a setting whose "
                        + "emulator is near 100%% busy is paced by the emulator, and a client's extra CPU per task then shows in "
                        + "throughput only in part (what it costs is in its latency and in the emulator's work per task, which "
                        + "depends on how the client's frames and requests arrive); where the client is near 100%% busy, "
                        + "throughput follows CPU per task. On this machine %s.%n%n",
                String.join(" ", ClientProcess.JVM_OPTIONS), JIT_WARMUP_IN_FLIGHT, JitWarmUp.WINDOW_SECONDS, settings.jitWarmupMinSeconds(), JitWarmUp.QUIET_WINDOWS,
                JitWarmUp.QUIET_SHARE * 100, settings.jitWarmupMaxSeconds(), settings.warmupSeconds(), settings.measureSeconds(),
                settings.maxTasks(), settings.minRounds(), settings.maxRounds(), CONFIDENCE * 100, cpus));
        md.append("| transport | in flight | client | tasks/s | p50 latency | p99 latency | failed | throughput vs bare | p50 vs bare | CPU per task | client busy | emulator busy |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        List<Target> targets = new ArrayList<>();
        for (Transport transport : new Transport[] {Transport.REST, Transport.WEBSOCKET}) {
            for (int inFlight : settings.inFlight()) {
                Stats bareTps = tps(windows.get(new Key(transport, inFlight, ClientKind.BARE)));
                double bareP50 = pct(windows.get(new Key(transport, inFlight, ClientKind.BARE)), Load.Window::p50);
                for (ClientKind client : ClientKind.values()) {
                    List<Load.Window> ws = windows.get(new Key(transport, inFlight, client));
                    Stats t = tps(ws);
                    double p50 = pct(ws, Load.Window::p50);
                    double p99 = pct(ws, Load.Window::p99);
                    int failed = ws.stream().mapToInt(Load.Window::failed).sum();
                    md.append("| ").append(name(transport)).append(" | ").append(inFlight)
                            .append(" | ").append(client.label)
                            .append(" | ").append(Stats.num(t.median())).append(" (").append(Stats.num(t.min())).append("–")
                            .append(Stats.num(t.max())).append(")")
                            .append(" | ").append(Stats.num(p50 / 1e6)).append(" ms")
                            .append(" | ").append(Stats.num(p99 / 1e6)).append(" ms")
                            .append(" | ").append(failed)
                            .append(" | ").append(client == ClientKind.BARE ? "–" : String.format(Locale.ROOT, "%.2f×", t.median() / bareTps.median()))
                            .append(" | ").append(client == ClientKind.BARE ? "–" : String.format(Locale.ROOT, "%.2f×", p50 / bareP50))
                            .append(" | ").append(Stats.num(cpu(ws).median())).append(" µs")
                            .append(" | ").append(percent(clientBusy(ws)))
                            .append(" | ").append(percent(busy(emulatorBusy.get(new Key(transport, inFlight, client)))))
                            .append(" |\n");
                }
                targets.add(overheadTarget(transport, inFlight, windows));
            }
        }
        md.append("\nJIT warm-ups: ");
        md.append(warmUps.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.0f s (%s, %s tasks/s in its last window)",
                e.getKey(), e.getValue().seconds(), e.getValue().ending(),
                Stats.num(e.getValue().lastTasksPerSecond()))).collect(java.util.stream.Collectors.joining("; ")));
        md.append(".\n");
        md.append("\nThe overhead target compares the two clients round by round: each round gives `1 − AIRgen tasks/s ÷ "
                + "bare tasks/s`, measured back to back at the same setting, and the verdict takes the median of those "
                + "per-round overheads, so drift between rounds (the emulator's JIT, other load) cancels out. A negative "
                + "value means the AIRgen client was faster in that round. Beside the median stands a range that holds the "
                + "true median overhead with the probability given (from the rounds alone, without assuming how they are "
                + "distributed: the k-th smallest and k-th largest round, k as large as the binomial tail allows); the verdict "
                + "is settled when that range lies wholly below or wholly above the limit.\n");
        if (targets.isEmpty()) {
            targets.add(Target.notMeasured(GOAL, "no setting was part of this run"));
        }
        return new Section("Client against the emulator (loopback)", md.toString(), targets);
    }

    /** The overhead at one setting: the median over rounds of each round's paired comparison. */
    private Target overheadTarget(Transport transport, int inFlight, Map<Key, List<Load.Window>> windows) {
        String name = name(transport) + ", " + inFlight + " in flight";
        double[] overheads = paired(windows, transport, inFlight, ClientKind.AIRGEN);
        double[] withoutValidation = paired(windows, transport, inFlight, ClientKind.AIRGEN_NO_VALIDATION);
        double overhead = Stats.of(overheads).median();
        Stats.Interval interval = Stats.medianInterval(overheads, CONFIDENCE);
        double overheadNoValidation = Stats.of(withoutValidation).median();
        double[] cpuOverheads = pairedCpu(windows, transport, inFlight, ClientKind.AIRGEN);
        String measured = String.format(Locale.ROOT, "overhead %+.1f%% (median of %d rounds, %.0f%% interval %+.1f%% to %+.1f%%; "
                        + "per round %s); with validation off %+.1f%%; CPU per task %+.1f%% (per round %s), with validation off %+.1f%%",
                overhead * 100, overheads.length, interval.coverage() * 100, interval.low() * 100, interval.high() * 100,
                percents(overheads), overheadNoValidation * 100, Stats.of(cpuOverheads).median() * 100, percents(cpuOverheads),
                Stats.of(pairedCpu(windows, transport, inFlight, ClientKind.AIRGEN_NO_VALIDATION)).median() * 100);
        String settled = settles(interval)
                ? String.format(Locale.ROOT, " Settled: the interval lies wholly %s the limit.", interval.high() < LIMIT ? "below" : "above")
                : String.format(Locale.ROOT, " Not settled after %d rounds: %s, so the verdict rests on the median alone.",
                        overheads.length, interval.coverage() < CONFIDENCE ? "too few rounds for a " + Math.round(CONFIDENCE * 100)
                                + "% interval" : "the interval reaches across the limit");
        String why = overhead < LIMIT
                ? (overhead < 0 ? "within the limit (the AIRgen client was faster than the bare one in most rounds)." : "within the limit.")
                : String.format(Locale.ROOT, "%.1f points over the 5%% limit. With validation off the overhead is %+.1f%%, so %s. "
                        + "The client builds, validates and parses every task; %s.", (overhead - LIMIT) * 100,
                        overheadNoValidation * 100, overheadNoValidation < LIMIT ? "validation is what crosses the limit"
                                : "the rest of the client's per-task work crosses it even without validation", cpus);
        return Target.judged(GOAL + " — " + name, overhead < LIMIT, measured, why + settled + pace(transport, inFlight, windows));
    }

    /** How busy each side's processor was while the AIRgen and the bare client ran (medians over the rounds), as one sentence. */
    private String pace(Transport transport, int inFlight, Map<Key, List<Load.Window>> windows) {
        StringBuilder out = new StringBuilder(" Busy (client / emulator processor):");
        for (ClientKind client : new ClientKind[] {ClientKind.AIRGEN, ClientKind.BARE}) {
            Key key = new Key(transport, inFlight, client);
            out.append(client == ClientKind.AIRGEN ? " AIRgen " : ", bare ")
                    .append(percent(clientBusy(windows.get(key))))
                    .append(" / ").append(percent(busy(emulatorBusy.get(key))));
        }
        return out.append('.').toString();
    }

    /** {@code 1 − client ÷ bare} tasks/s for each round, the two measured back to back. */
    private static double[] paired(Map<Key, List<Load.Window>> windows, Transport transport, int inFlight, ClientKind client) {
        double[] ratios = ratios(windows, transport, inFlight, client, Load.Window::tasksPerSecond);
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = 1 - ratios[i];
        }
        return ratios;
    }

    /** {@code client CPU per task ÷ bare CPU per task − 1} for each round. */
    private static double[] pairedCpu(Map<Key, List<Load.Window>> windows, Transport transport, int inFlight, ClientKind client) {
        double[] ratios = ratios(windows, transport, inFlight, client, Load.Window::cpuMicrosPerTask);
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = ratios[i] - 1;
        }
        return ratios;
    }

    /** {@code client ÷ bare} of one figure for each round, the two measured back to back. */
    private static double[] ratios(Map<Key, List<Load.Window>> windows, Transport transport, int inFlight, ClientKind client,
                                   java.util.function.ToDoubleFunction<Load.Window> figure) {
        List<Load.Window> mine = windows.get(new Key(transport, inFlight, client));
        List<Load.Window> bare = windows.get(new Key(transport, inFlight, ClientKind.BARE));
        double[] out = new double[Math.min(mine.size(), bare.size())];
        for (int i = 0; i < out.length; i++) {
            out[i] = figure.applyAsDouble(mine.get(i)) / figure.applyAsDouble(bare.get(i));
        }
        return out;
    }

    private static String percents(double[] fractions) {
        return java.util.Arrays.stream(fractions).mapToObj(v -> String.format(Locale.ROOT, "%+.1f%%", v * 100))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** For each window, the share of its measured wall time the client's JVM spent on its processor. */
    private static Stats clientBusy(List<Load.Window> ws) {
        return Stats.of(ws.stream().mapToDouble(w -> w.seconds() <= 0 ? Double.NaN : w.cpuNanos() / (w.seconds() * 1e9)).toArray());
    }

    private static Stats busy(List<Double> shares) {
        return shares == null || shares.isEmpty() ? null : Stats.of(shares);
    }

    /** A median share as a whole percentage, "n/a" when it was not measured. */
    static String percent(Stats shares) {
        return shares == null || Double.isNaN(shares.median()) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", shares.median() * 100);
    }

    private static Stats cpu(List<Load.Window> ws) {
        return Stats.of(ws.stream().mapToDouble(Load.Window::cpuMicrosPerTask).toArray());
    }

    private static Stats tps(List<Load.Window> ws) {
        return Stats.of(ws.stream().mapToDouble(Load.Window::tasksPerSecond).toArray());
    }

    /** The median over windows of one latency percentile, windows where nothing completed left out. */
    private static double pct(List<Load.Window> ws, java.util.function.ToLongFunction<Load.Window> percentile) {
        double[] v = ws.stream().filter(w -> w.completed() > 0).mapToDouble(percentile::applyAsLong).toArray();
        return v.length == 0 ? Double.NaN : Stats.of(v).median();
    }
}
