package dev.airgen.benchmarks.client;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Runs a client until the JIT has stopped compiling for it, so that the rounds that follow compare compiled
 * code with compiled code. A fixed warm-up is not enough on a small machine: with the clients on one processor,
 * the compiler threads share it with the load, and the AIRgen client, whose hot path holds more code (the
 * validator, Jackson's databinding, the task runner), kept compiling for more than a minute while its throughput
 * climbed. The rule: windows of {@link #WINDOW_SECONDS} at a fixed load, at least {@code minSeconds}, then until
 * {@link #QUIET_WINDOWS} windows in a row each spent less than {@link #QUIET_SHARE} of their time compiling, or
 * {@code maxSeconds} have passed (then the warm-up says so).
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
    }

    /** One window of load; returns its throughput in tasks per second. */
    interface Window {
        double run(double seconds) throws InterruptedException;
    }

    private final double minSeconds;
    private final double maxSeconds;
    private final LongSupplier compileMillis;

    JitWarmUp(double minSeconds, double maxSeconds, LongSupplier compileMillis) {
        if (minSeconds < 0 || maxSeconds < minSeconds) {
            throw new IllegalArgumentException("warm-up bounds must satisfy 0 <= min <= max, got " + minSeconds + " and " + maxSeconds);
        }
        this.minSeconds = minSeconds;
        this.maxSeconds = maxSeconds;
        this.compileMillis = compileMillis;
    }

    /** A warm-up that reads this JVM's compiler time; without one it runs the longest warm-up. */
    static JitWarmUp ofThisJvm(double minSeconds, double maxSeconds) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean measurable = jit != null && jit.isCompilationTimeMonitoringSupported();
        return new JitWarmUp(minSeconds, maxSeconds, measurable ? jit::getTotalCompilationTime : () -> -1);
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
            boolean quiet = before >= 0 && after >= 0 && (after - before) < QUIET_SHARE * length * 1000;
            quietInARow = quiet ? quietInARow + 1 : 0;
            before = after;
            if (elapsed >= minSeconds && quietInARow >= QUIET_WINDOWS) {
                return new Outcome(elapsed, last, true);
            }
        }
        return new Outcome(elapsed, last, false);
    }
}
