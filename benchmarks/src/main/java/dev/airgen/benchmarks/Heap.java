package dev.airgen.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Heap probes for one measured run: peak use above the idle heap (from the memory pools' own peak
 * counters, so no sampling thread competes for a core) and bytes allocated by the calling thread.
 */
public final class Heap {

    private static final List<MemoryPoolMXBean> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();

    private final long idle;
    private final long allocatedBefore;

    private Heap(long idle, long allocatedBefore) {
        this.idle = idle;
        this.allocatedBefore = allocatedBefore;
    }

    /** Collects garbage, then starts watching from the idle heap. */
    public static Heap start() {
        System.gc();
        System.gc();
        long used = 0;
        for (MemoryPoolMXBean pool : HEAP_POOLS) {
            pool.resetPeakUsage();
            used += pool.getUsage().getUsed();
        }
        return new Heap(used, allocated());
    }

    /**
     * The highest heap use since {@link #start()}, above the idle heap. Pools peak at different moments,
     * so the sum of their peaks can overstate the true peak a little; it never understates it. Garbage
     * not yet collected counts: with a large heap this is close to the bytes allocated.
     */
    public long peakAboveIdle() {
        long peak = 0;
        for (MemoryPoolMXBean pool : HEAP_POOLS) {
            peak += pool.getPeakUsage().getUsed();
        }
        return Math.max(0, peak - idle);
    }

    /** Bytes the calling thread allocated since {@link #start()}, or -1 when the JVM does not count them. */
    public long allocatedSinceStart() {
        long now = allocated();
        return now < 0 || allocatedBefore < 0 ? -1 : now - allocatedBefore;
    }

    private static long allocated() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported()) {
            return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }
}
