package dev.airgen.benchmarks.client;

import dev.airgen.benchmarks.Machine;
import dev.airgen.benchmarks.Stats;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed loop that keeps a fixed number of tasks in flight: each completion starts the next task until
 * the time or the task budget is used up. Every loop is bounded in both, and the wait for the last
 * answers is bounded too.
 */
final class Load {

    /**
     * One measured window; {@code cpuNanos} is the CPU time the client's JVM used during it (every thread: the
     * client, the JIT and the collector), {@code p50} and {@code p99} the latency percentiles in nanoseconds (0 when
     * nothing completed), {@code firstFailure} the first failure in words or null.
     */
    record Window(int completed, int failed, double seconds, long p50, long p99, String firstFailure, long cpuNanos) {
        double tasksPerSecond() {
            return completed / seconds;
        }

        /** The window as one line of text, {@link #parse} reads it back (a failure's line ends become spaces). */
        String toLine() {
            return completed + " " + failed + " " + seconds + " " + p50 + " " + p99 + " " + cpuNanos
                    + (firstFailure == null ? "" : " " + firstFailure.replaceAll("\\R", " "));
        }

        static Window parse(String line) {
            String[] f = line.split(" ", 7);
            if (f.length < 6) {
                throw new IllegalArgumentException("not a window: " + line);
            }
            return new Window(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]), Long.parseLong(f[3]),
                    Long.parseLong(f[4]), f.length == 7 ? f[6] : null, Long.parseLong(f[5]));
        }

        /** CPU time per task ended (answered or failed), in microseconds. */
        double cpuMicrosPerTask() {
            int ended = completed + failed;
            return ended == 0 ? Double.NaN : cpuNanos / 1e3 / ended;
        }
    }

    private Load() {
    }

    static Window run(Driver driver, int inFlight, long durationNanos, int maxTasks) throws InterruptedException {
        long[] latencies = new long[maxTasks];
        AtomicInteger started = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        AtomicLong lastEnd = new AtomicLong();
        CountDownLatch slotsDone = new CountDownLatch(inFlight);
        long cpuBegin = Machine.processCpuNanos();
        long begin = System.nanoTime();
        long end = begin + durationNanos;
        class Slot {
            void next() {
                int index = started.getAndIncrement();
                if (index >= maxTasks || System.nanoTime() >= end) {
                    slotsDone.countDown();
                    return;
                }
                long t0 = System.nanoTime();
                driver.send().whenComplete((r, failure) -> {
                    long t1 = System.nanoTime();
                    if (failure == null) {
                        latencies[completed.getAndIncrement()] = t1 - t0;
                    } else {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, String.valueOf(failure));
                    }
                    lastEnd.accumulateAndGet(t1, Math::max);
                    next();
                });
            }
        }
        for (int i = 0; i < inFlight; i++) {
            new Slot().next();
        }
        if (!slotsDone.await(durationNanos + TimeUnit.SECONDS.toNanos(60), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException(inFlight + " slots did not finish within 60 s after the window; "
                    + completed.get() + " completed, " + failed.get() + " failed");
        }
        long cpu = Machine.processCpuNanos() - cpuBegin;
        int n = completed.get();
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        double seconds = (Math.max(lastEnd.get(), begin + 1) - begin) / 1e9;
        long p50 = n == 0 ? 0 : Stats.percentile(sorted, n, 0.5);
        long p99 = n == 0 ? 0 : Stats.percentile(sorted, n, 0.99);
        return new Window(n, failed.get(), seconds, p50, p99, firstFailure.get(), cpu);
    }
}
