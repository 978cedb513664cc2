package dev.airgen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

    /** A scheduler that counts how often a check is scheduled. */
    private static final class CountingScheduler extends ScheduledThreadPoolExecutor {
        final AtomicInteger scheduled = new AtomicInteger();

        CountingScheduler() {
            super(1);
            setRemoveOnCancelPolicy(true);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            scheduled.incrementAndGet();
            return super.schedule(command, delay, unit);
        }
    }

    private final CountingScheduler scheduler = new CountingScheduler();
    private final Deadlines deadlines = new Deadlines(scheduler);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private static long in(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void actionsRunOnceTheirDeadlinePassesInDeadlineOrder() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(3);
        long start = System.nanoTime();
        long late = in(120);
        long early = in(40);
        deadlines.add(late, () -> { ran.add("late@" + (System.nanoTime() >= late)); all.countDown(); });
        deadlines.add(early, () -> { ran.add("early@" + (System.nanoTime() >= early)); all.countDown(); });
        deadlines.add(early, () -> { ran.add("early-too@" + (System.nanoTime() >= early)); all.countDown(); });
        assertTrue(all.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("early@true", "early-too@true", "late@true"), ran);
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(120));
        assertEquals(0, deadlines.size());
    }

    @Test
    void aCancelledDeadlineNeverRuns() throws Exception {
        AtomicInteger cancelledRuns = new AtomicInteger();
        CountDownLatch other = new CountDownLatch(1);
        Deadlines.Entry cancelled = deadlines.add(in(30), cancelledRuns::incrementAndGet);
        deadlines.add(in(60), other::countDown);
        cancelled.cancel();
        assertTrue(other.await(5, TimeUnit.SECONDS));
        assertEquals(0, cancelledRuns.get());
        assertEquals(0, deadlines.size());
    }

    @Test
    void aLaterDeadlineWakesNoTimer() {
        deadlines.add(in(60_000), () -> { });
        for (int i = 0; i < 1000; i++) {
            deadlines.add(in(60_000 + i), () -> { }).cancel();
        }
        assertEquals(1, scheduler.scheduled.get(), "one check for the earliest deadline, none for the later ones");
        deadlines.add(in(30_000), () -> { });
        assertEquals(2, scheduler.scheduled.get(), "an earlier deadline brings the check forward");
        assertEquals(2, deadlines.size());
    }

    @Test
    void deadlinesAddedAfterTheCheckFiredAreStillKept() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        deadlines.add(in(20), first::countDown);
        assertTrue(first.await(5, TimeUnit.SECONDS));
        CountDownLatch second = new CountDownLatch(1);
        deadlines.add(in(20), second::countDown);
        assertTrue(second.await(5, TimeUnit.SECONDS), "a deadline after an empty set gets a check of its own");
    }

    @Test
    void aThrowingActionDoesNotStopTheOthers() throws Exception {
        CountDownLatch after = new CountDownLatch(1);
        long when = in(20);
        deadlines.add(when, () -> { throw new IllegalStateException("boom"); });
        deadlines.add(when, after::countDown);
        assertTrue(after.await(5, TimeUnit.SECONDS));
    }

    @Test
    void aShutDownSchedulerRefusesAndKeepsNothing() {
        scheduler.shutdownNow();
        assertThrows(RejectedExecutionException.class, () -> deadlines.add(in(10), () -> { }));
        assertEquals(0, deadlines.size());
    }
}
