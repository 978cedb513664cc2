package dev.airgen.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Heap probes for one measured run: peak use above the idle heap (from the memory pools' own peak
 * counters, so no sampling thread competes for a core) and the bytes every thread allocated.
 *
 * <p>Allocation is counted from the heap itself, not per thread, since a tool may work on threads that are
 * gone by the end of the run: the bytes each collection freed during the run, plus what the heap grew by.
 */
public final class Heap implements AutoCloseable {

    private static final List<MemoryPoolMXBean> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();
    private static final List<GarbageCollectorMXBean> COLLECTORS = ManagementFactory.getGarbageCollectorMXBeans();

    private final long idle;
    /** Each collector's count at the start: reports of earlier collections (they arrive late) are not this run's. */
    private final java.util.Map<String, Long> countsBefore = new java.util.HashMap<>();
    private final AtomicLong freed = new AtomicLong();
    private final AtomicLong collectionsSeen = new AtomicLong();
    private final NotificationListener listener = this::collected;

    private Heap(long idle) {
        this.idle = idle;
        for (GarbageCollectorMXBean collector : COLLECTORS) {
            countsBefore.put(collector.getName(), collector.getCollectionCount());
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
            }
        }
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
        return new Heap(used);
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

    /**
     * Bytes all threads allocated since {@link #start()}: freed by the collections since then plus the heap's
     * growth. Waits (a little) for the collectors' reports; -1 when they do not all arrive.
     */
    public long allocatedSinceStart() throws InterruptedException {
        long expected = 0;
        for (GarbageCollectorMXBean collector : COLLECTORS) {
            expected += Math.max(0, collector.getCollectionCount()) - Math.max(0, countsBefore.get(collector.getName()));
        }
        for (int i = 0; i < 200 && collectionsSeen.get() < expected; i++) {
            Thread.sleep(5);
        }
        if (collectionsSeen.get() < expected) {
            return -1;
        }
        long used = 0;
        for (MemoryPoolMXBean pool : HEAP_POOLS) {
            used += pool.getUsage().getUsed();
        }
        return freed.get() + used - idle;
    }

    /** Stops listening to the collectors. */
    @Override
    public void close() {
        for (GarbageCollectorMXBean collector : COLLECTORS) {
            if (collector instanceof NotificationEmitter emitter) {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (javax.management.ListenerNotFoundException ignored) {
                    // not registered on this one
                }
            }
        }
    }

    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo report = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        var info = report.getGcInfo();
        if (info.getId() <= countsBefore.getOrDefault(report.getGcName(), Long.MAX_VALUE)) {
            return;
        }
        long before = 0;
        long after = 0;
        for (MemoryPoolMXBean pool : HEAP_POOLS) {
            MemoryUsage b = info.getMemoryUsageBeforeGc().get(pool.getName());
            MemoryUsage a = info.getMemoryUsageAfterGc().get(pool.getName());
            before += b == null ? 0 : b.getUsed();
            after += a == null ? 0 : a.getUsed();
        }
        freed.addAndGet(before - after);
        collectionsSeen.incrementAndGet();
    }
}
