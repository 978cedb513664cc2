package dev.airgen.benchmarks.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One core for the emulator and another for the clients, when the machine has two or more and Linux's
 * {@code taskset} is there. Sharing cores, every cycle a client spends is a cycle the emulator loses, and
 * the emulator's garbage collection and JIT land in whichever client happens to be measured; split, the
 * comparison asks what a client and a server on different machines would: does the client keep up.
 * Without {@code taskset} the two share the cores and {@link #describe()} says so.
 */
final class CpuSplit implements AutoCloseable {

    private final String clientCpu;
    private final String emulatorCpu;
    private final String original;

    private CpuSplit(String clientCpu, String emulatorCpu, String original) {
        this.clientCpu = clientCpu;
        this.emulatorCpu = emulatorCpu;
        this.original = original;
    }

    /** Reads this JVM's CPUs; splits only when there are at least two and taskset works. */
    static CpuSplit plan() {
        String list = run("taskset", "-c", "-p", String.valueOf(ProcessHandle.current().pid()));
        if (list == null || !list.contains(":")) {
            return new CpuSplit(null, null, null);
        }
        String cpus = list.substring(list.lastIndexOf(':') + 1).trim();
        List<String> each = expand(cpus);
        if (each.size() < 2) {
            return new CpuSplit(null, null, cpus);
        }
        return new CpuSplit(each.get(0), each.get(1), cpus);
    }

    boolean active() {
        return clientCpu != null;
    }

    /** The command prefix that starts the emulator on its own core (empty when not split). */
    List<String> emulatorPrefix() {
        return active() ? List.of("taskset", "-c", emulatorCpu) : List.of();
    }

    /** The command prefix that starts a client's JVM on the clients' core (empty when not split). */
    List<String> clientPrefix() {
        return active() ? List.of("taskset", "-c", clientCpu) : List.of();
    }

    /** Moves every thread of this JVM (which starts the clients and waits for them) onto the clients' core. */
    void pinClients() {
        if (active() && run("taskset", "-a", "-c", "-p", clientCpu, String.valueOf(ProcessHandle.current().pid())) == null) {
            throw new IllegalStateException("taskset could not pin this JVM to CPU " + clientCpu);
        }
    }

    String describe() {
        return active() ? "the emulator runs on CPU " + emulatorCpu + " and the clients on CPU " + clientCpu
                + " (pinned with taskset), so neither side's work is taken from the other"
                : "the emulator and the clients share the machine's cores (taskset is not available or there is one core), "
                + "so CPU a client spends is CPU the emulator lacks";
    }

    /** Gives this JVM its original cores back. */
    @Override
    public void close() {
        if (active() && original != null) {
            run("taskset", "-a", "-c", "-p", original, String.valueOf(ProcessHandle.current().pid()));
        }
    }

    /** "0-2,5" → [0, 1, 2, 5]. */
    static List<String> expand(String cpus) {
        List<String> out = new ArrayList<>();
        for (String part : cpus.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int dash = p.indexOf('-');
            if (dash < 0) {
                out.add(p);
            } else {
                int from = Integer.parseInt(p.substring(0, dash));
                int to = Integer.parseInt(p.substring(dash + 1));
                for (int c = from; c <= to; c++) {
                    out.add(String.valueOf(c));
                }
            }
        }
        return out;
    }

    /** The command's output, or null when it cannot run or fails. */
    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out.trim();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
