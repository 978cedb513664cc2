package dev.airgen.benchmarks.client;

import dev.airgen.benchmarks.Section;
import dev.airgen.benchmarks.Stats;
import dev.airgen.benchmarks.Target;
import dev.airgen.runtime.Transport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The AIRgen client against the emulator on loopback, next to java.net.http sending the same bytes.
 * Both run in this JVM, one after the other, for each transport and concurrency; rounds repeat the whole
 * grid with the order of the clients swapped, and each figure is the median over rounds.
 */
public final class ClientBench {

    public static final String GOAL = "Client overhead under 5% of a bare java.net.http client";

    /** How much to measure. */
    public record Settings(double jitWarmupSeconds, int[] inFlight, double warmupSeconds, double measureSeconds, int maxTasks,
                           int rounds) {
        public static Settings full() {
            return new Settings(20, new int[] {1, 16, 256}, 1.5, 3.5, 400_000, 5);
        }

        public static Settings quick() {
            return new Settings(1, new int[] {1, 16, 256}, 0.3, 0.5, 20_000, 1);
        }
    }

    /** Tasks in flight while a client's code is first compiled by the JIT. */
    private static final int JIT_WARMUP_IN_FLIGHT = 16;

    private enum Client {
        AIRGEN("AIRgen client (validation on)"),
        AIRGEN_NO_VALIDATION("AIRgen client (validation off)"),
        BARE("bare java.net.http, same bytes");

        final String label;

        Client(String label) {
            this.label = label;
        }
    }

    private record Key(Transport transport, int inFlight, Client client) {
    }

    private final Settings settings;
    private final PrintStream log;
    private String cpus = "";

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
                Map<Client, Driver> drivers = new LinkedHashMap<>();
                try {
                    drivers.put(Client.AIRGEN, Driver.airgen(transport, emulator.rest(), emulator.webSocket(), true));
                    drivers.put(Client.AIRGEN_NO_VALIDATION, Driver.airgen(transport, emulator.rest(), emulator.webSocket(), false));
                    drivers.put(Client.BARE, transport == Transport.REST ? Driver.bareRest(emulator.rest())
                            : Driver.bareWebSocket(emulator.webSocket()));
                    // Each client first runs long enough for the JIT to compile its hot paths: the AIRgen client has
                    // more code on them (serialization, validation, typed results) and needs tens of seconds for it.
                    for (Map.Entry<Client, Driver> e : drivers.entrySet()) {
                        Load.Window w = Load.run(e.getValue(), JIT_WARMUP_IN_FLIGHT, nanos(settings.jitWarmupSeconds()),
                                settings.maxTasks());
                        log.printf(Locale.ROOT, "[client]   JIT warm-up %s %s: %.0f tasks/s%n", transport, e.getKey().label,
                                w.tasksPerSecond());
                    }
                    for (int round = 0; round < settings.rounds(); round++) {
                        for (int inFlight : settings.inFlight()) {
                            List<Client> order = new ArrayList<>(List.of(Client.values()));
                            if (round % 2 == 1) {
                                java.util.Collections.reverse(order);
                            }
                            for (Client client : order) {
                                Driver d = drivers.get(client);
                                Load.run(d, inFlight, nanos(settings.warmupSeconds()), settings.maxTasks());
                                Load.Window w = Load.run(d, inFlight, nanos(settings.measureSeconds()), settings.maxTasks());
                                windows.computeIfAbsent(new Key(transport, inFlight, client), k -> new ArrayList<>()).add(w);
                                log.printf(Locale.ROOT, "[client]   round %d %s %d in flight %s: %.0f tasks/s, p50 %.2f ms, p99 %.2f ms%s%n",
                                        round + 1, transport, inFlight, client.label, w.tasksPerSecond(),
                                        w.completed() == 0 ? Double.NaN : w.percentile(0.5) / 1e6,
                                        w.completed() == 0 ? Double.NaN : w.percentile(0.99) / 1e6,
                                        w.failed() == 0 ? "" : ", " + w.failed() + " failed: " + w.firstFailure());
                            }
                        }
                    }
                } finally {
                    for (Driver d : drivers.values()) {
                        d.close();
                    }
                }
            }
        }
        return section(windows);
    }

    private static long nanos(double seconds) {
        return (long) (seconds * TimeUnit.SECONDS.toNanos(1));
    }

    private Section section(Map<Key, List<Load.Window>> windows) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "The emulator runs in its own JVM on 127.0.0.1 with a task duration of 0 ms "
                        + "(2 GB heap, 1.5 GB of it young generation, so that its collector does not set the pace), "
                        + "so every answer is immediate and the figures show the cost of the two ends and the loopback. "
                        + "Task: the typical FLUX request from the hot-path section, `deliveryMethod` sync, one image per "
                        + "task. Closed loop with a fixed number of tasks in flight. Each client first runs %.0f s at %d in flight so "
                        + "that the JIT has compiled its hot paths (the AIRgen client, with more code on them, needs tens of "
                        + "seconds; shorter warm-ups measured the compiler more than the client); then per client and setting "
                        + "%.1f s warm-up then %.1f s measured (at most %d tasks), %d round(s) with the client order reversed every other "
                        + "round; figures are medians over rounds (min–max of tasks/s in brackets). The bare client sends "
                        + "byte for byte what the AIRgen client serializes (only the taskUUID differs) and checks that the "
                        + "answer names its task; it neither validates nor parses. The bare REST client uses `sendAsync`, which on "
                        + "machines with fewer than three processors hands every answer to a thread started for it "
                        + "(CompletableFuture's default executor); the AIRgen client waits for its answers on threads of its "
                        + "own pool instead. CPU per task is the CPU time the clients' JVM used during a measured window "
                        + "(every thread, the JIT and the collector included; the other clients are idle meanwhile) divided "
                        + "by the tasks it ended: it shows what each client costs, and other load on the machine moves it "
                        + "far less than throughput. On this machine %s.%n%n",
                settings.jitWarmupSeconds(), JIT_WARMUP_IN_FLIGHT, settings.warmupSeconds(), settings.measureSeconds(),
                settings.maxTasks(), settings.rounds(), cpus));
        md.append("| transport | in flight | client | tasks/s | p50 latency | p99 latency | failed | throughput vs bare | p50 vs bare | CPU per task |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        List<Target> targets = new ArrayList<>();
        for (Transport transport : new Transport[] {Transport.REST, Transport.WEBSOCKET}) {
            for (int inFlight : settings.inFlight()) {
                Stats bareTps = tps(windows.get(new Key(transport, inFlight, Client.BARE)));
                double bareP50 = pct(windows.get(new Key(transport, inFlight, Client.BARE)), 0.5);
                for (Client client : Client.values()) {
                    List<Load.Window> ws = windows.get(new Key(transport, inFlight, client));
                    Stats t = tps(ws);
                    double p50 = pct(ws, 0.5);
                    double p99 = pct(ws, 0.99);
                    int failed = ws.stream().mapToInt(Load.Window::failed).sum();
                    md.append("| ").append(transport == Transport.REST ? "REST" : "WebSocket").append(" | ").append(inFlight)
                            .append(" | ").append(client.label)
                            .append(" | ").append(Stats.num(t.median())).append(" (").append(Stats.num(t.min())).append("–")
                            .append(Stats.num(t.max())).append(")")
                            .append(" | ").append(Stats.num(p50 / 1e6)).append(" ms")
                            .append(" | ").append(Stats.num(p99 / 1e6)).append(" ms")
                            .append(" | ").append(failed)
                            .append(" | ").append(client == Client.BARE ? "–" : String.format(Locale.ROOT, "%.2f×", t.median() / bareTps.median()))
                            .append(" | ").append(client == Client.BARE ? "–" : String.format(Locale.ROOT, "%.2f×", p50 / bareP50))
                            .append(" | ").append(Stats.num(cpu(ws).median())).append(" µs")
                            .append(" |\n");
                }
                targets.add(overheadTarget(transport, inFlight, windows));
            }
        }
        md.append("\nThe overhead target compares the two clients round by round: each round gives `1 − AIRgen tasks/s ÷ "
                + "bare tasks/s`, measured back to back at the same setting, and the verdict takes the median of those "
                + "per-round overheads, so drift between rounds (the emulator's JIT, other load) cancels out. A negative "
                + "value means the AIRgen client was faster in that round (noise).\n");
        if (targets.isEmpty()) {
            targets.add(Target.notMeasured(GOAL, "no setting was part of this run"));
        }
        return new Section("Client against the emulator (loopback)", md.toString(), targets);
    }

    /** The overhead at one setting: the median over rounds of each round's paired comparison. */
    private Target overheadTarget(Transport transport, int inFlight, Map<Key, List<Load.Window>> windows) {
        String name = (transport == Transport.REST ? "REST" : "WebSocket") + ", " + inFlight + " in flight";
        double[] overheads = paired(windows, transport, inFlight, Client.AIRGEN);
        double[] withoutValidation = paired(windows, transport, inFlight, Client.AIRGEN_NO_VALIDATION);
        Stats o = Stats.of(overheads);
        double overhead = o.median();
        double overheadNoValidation = Stats.of(withoutValidation).median();
        String spread = "per round " + percents(overheads);
        String noise = o.min() < 0.05 && o.max() >= 0.05 ? " Caution: the rounds fall on both sides of the limit, so this "
                + "run cannot settle the target firmly." : "";
        double[] cpuOverheads = pairedCpu(windows, transport, inFlight, Client.AIRGEN);
        Stats c = Stats.of(cpuOverheads);
        String measured = String.format(Locale.ROOT, "overhead %+.1f%% (median of %d rounds; %s); with validation off %+.1f%%; "
                        + "CPU per task %+.1f%% (per round %s), with validation off %+.1f%%",
                overhead * 100, overheads.length, spread, overheadNoValidation * 100, c.median() * 100, percents(cpuOverheads),
                Stats.of(pairedCpu(windows, transport, inFlight, Client.AIRGEN_NO_VALIDATION)).median() * 100);
        if (!noise.isEmpty() && (c.min() >= 0.05 || c.max() < 0.05)) {
            noise += String.format(Locale.ROOT, " The CPU per task, %s 5%% more than the bare client's in every round, points %s.",
                    c.min() >= 0.05 ? "at least" : "less than", c.min() >= 0.05 ? "to a miss" : "to the limit being met");
        }
        String why = overhead < 0.05
                ? (overhead < 0 ? "within the limit (the AIRgen client was faster than the bare one in most rounds)." : "within the limit.") + noise
                : String.format(Locale.ROOT, "%.1f points over the 5%% limit. With validation off the overhead is %+.1f%%, so %s. "
                        + "The client builds, validates and parses every task; %s.", (overhead - 0.05) * 100,
                        overheadNoValidation * 100, overheadNoValidation < 0.05 ? "validation is what crosses the limit"
                                : "the rest of the client's per-task work crosses it even without validation", cpus) + noise;
        return Target.judged(GOAL + " — " + name, overhead < 0.05, measured, why);
    }

    /** {@code 1 − client ÷ bare} tasks/s for each round, the two measured back to back. */
    private static double[] paired(Map<Key, List<Load.Window>> windows, Transport transport, int inFlight, Client client) {
        double[] ratios = ratios(windows, transport, inFlight, client, Load.Window::tasksPerSecond);
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = 1 - ratios[i];
        }
        return ratios;
    }

    /** {@code client CPU per task ÷ bare CPU per task − 1} for each round. */
    private static double[] pairedCpu(Map<Key, List<Load.Window>> windows, Transport transport, int inFlight, Client client) {
        double[] ratios = ratios(windows, transport, inFlight, client, Load.Window::cpuMicrosPerTask);
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = ratios[i] - 1;
        }
        return ratios;
    }

    /** {@code client ÷ bare} of one figure for each round, the two measured back to back. */
    private static double[] ratios(Map<Key, List<Load.Window>> windows, Transport transport, int inFlight, Client client,
                                   java.util.function.ToDoubleFunction<Load.Window> figure) {
        List<Load.Window> mine = windows.get(new Key(transport, inFlight, client));
        List<Load.Window> bare = windows.get(new Key(transport, inFlight, Client.BARE));
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

    private static Stats cpu(List<Load.Window> ws) {
        return Stats.of(ws.stream().mapToDouble(Load.Window::cpuMicrosPerTask).toArray());
    }

    private static Stats tps(List<Load.Window> ws) {
        return Stats.of(ws.stream().mapToDouble(Load.Window::tasksPerSecond).toArray());
    }

    private static double pct(List<Load.Window> ws, double q) {
        double[] v = ws.stream().filter(w -> w.completed() > 0).mapToDouble(w -> w.percentile(q)).toArray();
        return v.length == 0 ? Double.NaN : Stats.of(v).median();
    }
}
