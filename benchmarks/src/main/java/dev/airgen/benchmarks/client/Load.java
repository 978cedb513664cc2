package dev.airgen.benchmarks.client;

import dev.airgen.benchmarks.Machine;
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
     * One measured window; {@code cpuNanos} is the CPU time this whole JVM used during it (every thread: the
     * client under test, the JIT and the collector; the other clients are idle meanwhile).
     */
    record Window(int completed, int failed, double seconds, long[] latencies, String firstFailure, long cpuNanos) {
        double tasksPerSecond() {
            return completed / seconds;
        }

        /** CPU time per task ended (answered or failed), in microseconds. */
        double cpuMicrosPerTask() {
            int ended = completed + failed;
            return ended == 0 ? Double.NaN : cpuNanos / 1e3 / ended;
        }

        long percentile(double q) {
            return dev.airgen.benchmarks.Stats.percentile(latencies, latencies.length, q);
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
        return new Window(n, failed.get(), seconds, sorted, firstFailure.get(), cpu);
    }
}
