package dev.airgen.benchmarks.client;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import javax.management.ObjectName;

/**
 * Runs a client until the JIT has stopped compiling for it, so that the rounds that follow compare compiled
 * code with compiled code. A fixed warm-up is not enough on a small machine: with the clients on one processor,
 * the compiler threads share it with the load, and the AIRgen client, whose hot path holds more code (the
 * validator, Jackson's databinding, the task runner), kept compiling for more than a minute while its throughput
 * climbed. The rule: windows of {@link #WINDOW_SECONDS} at a fixed load, at least {@code minSeconds}, then until
 * {@link #QUIET_WINDOWS} windows in a row were quiet, or {@code maxSeconds} have passed (then the warm-up says so).
 * A window is quiet when the compilations finished during it took less than {@link #QUIET_SHARE} of its time and,
 * at its end, the JIT neither compiles nor has anything queued: the compiler's clock counts a compilation only
 * once it ends, and on a busy processor one large compilation can run through several windows unseen.
 */
final class JitWarmUp {

    /** The length of one warm-up window. */
    static final double WINDOW_SECONDS = 2.0;
    /** How many quiet windows in a row end the warm-up. */
    static final int QUIET_WINDOWS = 3;
    /** The share of a window's time the compiler may spend in a quiet window. */
    static final double QUIET_SHARE = 0.02;

    /** What a warm-up did: how long it ran, its last window's throughput, and whether the compiler went quiet. */
    record Outcome(double seconds, double lastTasksPerSecond, boolean quiet) {
        /** How the warm-up ended, in words. */
        String ending() {
            return quiet ? "compiler quiet" : "compiler still busy at the limit";
        }

        /** The outcome as one line of text, {@link #parse} reads it back. */
        String toLine() {
            return seconds + " " + lastTasksPerSecond + " " + quiet;
        }

        static Outcome parse(String line) {
            String[] f = line.split(" ");
            if (f.length != 3 || !(f[2].equals("true") || f[2].equals("false"))) {
                throw new IllegalArgumentException("not a warm-up outcome: " + line);
            }
            return new Outcome(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Boolean.parseBoolean(f[2]));
        }
    }

    /** One window of load; returns its throughput in tasks per second. */
    interface Window {
        double run(double seconds) throws InterruptedException;
    }

    private final double minSeconds;
    private final double maxSeconds;
    private final LongSupplier compileMillis;
    private final BooleanSupplier compilerIdle;

    /**
     * @param compileMillis the compiler's total time so far, in ms, or a negative number when unknown
     * @param compilerIdle  whether the JIT neither compiles nor has a compilation queued right now (true when unknown)
     */
    JitWarmUp(double minSeconds, double maxSeconds, LongSupplier compileMillis, BooleanSupplier compilerIdle) {
        if (minSeconds < 0 || maxSeconds < minSeconds) {
            throw new IllegalArgumentException("warm-up bounds must satisfy 0 <= min <= max, got " + minSeconds + " and " + maxSeconds);
        }
        this.minSeconds = minSeconds;
        this.maxSeconds = maxSeconds;
        this.compileMillis = compileMillis;
        this.compilerIdle = compilerIdle;
    }

    /** A warm-up that reads this JVM's compiler; without its clock it runs the longest warm-up. */
    static JitWarmUp ofThisJvm(double minSeconds, double maxSeconds) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean measurable = jit != null && jit.isCompilationTimeMonitoringSupported();
        return new JitWarmUp(minSeconds, maxSeconds, measurable ? jit::getTotalCompilationTime : () -> -1, JitWarmUp::hotSpotIdle);
    }

    /**
     * Whether HotSpot's compiler queue (its {@code Compiler.queue} diagnostic command) shows no compilation running
     * or waiting; true where the command is not there.
     */
    static boolean hotSpotIdle() {
        String queue;
        try {
            queue = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerQueue",
                    new Object[] {null}, new String[] {String[].class.getName()});
        } catch (javax.management.JMException | RuntimeException e) {
            return true;
        }
        return queueIsIdle(queue);
    }

    /**
     * Reads the text of {@code Compiler.queue}: a "Current compiles:" block with a line per running compilation,
     * then a block per compiler queue that says "Empty" or lists what waits.
     */
    static boolean queueIsIdle(String queue) {
        if (queue == null) {
            return true;
        }
        return queue.lines().map(String::strip).allMatch(t -> t.isEmpty() || t.equals("Empty")
                || t.startsWith("Current compiles") || t.endsWith("compile queue:"));
    }

    Outcome run(Window window) throws InterruptedException {
        double elapsed = 0;
        double last = Double.NaN;
        int quietInARow = 0;
        long before = compileMillis.getAsLong();
        // Bounded: every pass adds one window to elapsed, and the loop ends at maxSeconds.
        while (elapsed < maxSeconds) {
            double length = Math.min(WINDOW_SECONDS, maxSeconds - elapsed);
            last = window.run(length);
            elapsed += length;
            long after = compileMillis.getAsLong();
            boolean quiet = before >= 0 && after >= 0 && (after - before) < QUIET_SHARE * length * 1000
                    && compilerIdle.getAsBoolean();
            quietInARow = quiet ? quietInARow + 1 : 0;
            before = after;
            if (elapsed >= minSeconds && quietInARow >= QUIET_WINDOWS) {
                return new Outcome(elapsed, last, true);
            }
        }
        return new Outcome(elapsed, last, false);
    }
}
