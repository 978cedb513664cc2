package dev.airgen.runtime;

import dev.airgen.runtime.internal.Log;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The deadlines of every task and frame in flight, on one timer. A timer of its own per task wakes the timer thread
 * whenever that timer becomes the earliest, which with one task in flight is every task (a thread switch there and
 * back for each). Here a deadline joins a sorted set, and the timer is scheduled only for the earliest deadline: a
 * later one, the usual case since every task waits about as long, wakes nobody. An entry removed before its deadline
 * leaves the check it was waiting for in place; that check finds nothing due and waits for the next deadline.
 *
 * <p>Actions run on the scheduler's thread, one after another, in deadline order.
 */
final class Deadlines {

    /** A deadline that has not passed yet; {@link #cancel} forgets it. */
    final class Entry {
        private final long deadlineNanos;
        private final long order;
        private final Runnable action;

        private Entry(long deadlineNanos, long order, Runnable action) {
            this.deadlineNanos = deadlineNanos;
            this.order = order;
            this.action = action;
        }

        /** Forgets the deadline; its action will not run (unless it is running already). */
        void cancel() {
            entries.remove(this);
        }
    }

    private static final Comparator<Entry> BY_DEADLINE = Comparator.<Entry>comparingLong(e -> e.deadlineNanos)
            .thenComparingLong(e -> e.order);

    private final ScheduledExecutorService scheduler;
    private final ConcurrentSkipListSet<Entry> entries = new ConcurrentSkipListSet<>(BY_DEADLINE);
    private final AtomicLong added = new AtomicLong();
    /** The pending check and the deadline it is for; guarded by {@code this}. */
    private ScheduledFuture<?> check;
    private long checkAt;

    Deadlines(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Runs {@code action} once {@link System#nanoTime()} reaches {@code deadlineNanos}, unless the entry is cancelled
     * first.
     *
     * @throws RejectedExecutionException when the scheduler has been shut down (nothing is registered)
     */
    Entry add(long deadlineNanos, Runnable action) {
        Entry entry = new Entry(deadlineNanos, added.getAndIncrement(), action);
        entries.add(entry);
        try {
            checkBy(deadlineNanos);
        } catch (RejectedExecutionException e) {
            entries.remove(entry);
            throw e;
        }
        return entry;
    }

    /** How many deadlines are waiting (for tests). */
    int size() {
        return entries.size();
    }

    /** Makes sure a check runs no later than {@code deadlineNanos}. */
    private synchronized void checkBy(long deadlineNanos) {
        if (check != null && checkAt <= deadlineNanos) {
            return;
        }
        ScheduledFuture<?> earlier = scheduler.schedule(this::fire, Math.max(0, deadlineNanos - System.nanoTime()),
                TimeUnit.NANOSECONDS);
        if (check != null) {
            check.cancel(false);
        }
        check = earlier;
        checkAt = deadlineNanos;
    }

    private void fire() {
        synchronized (this) {
            check = null;
        }
        long now = System.nanoTime();
        List<Entry> due = new ArrayList<>();
        for (Entry first; (first = firstOrNull()) != null && first.deadlineNanos <= now; ) {
            if (entries.remove(first)) {
                due.add(first);
            }
        }
        Entry next = firstOrNull();
        if (next != null) {
            try {
                checkBy(next.deadlineNanos);
            } catch (RejectedExecutionException closing) {
                // the client is closing; it fails what is still running itself
            }
        }
        for (Entry entry : due) {
            try {
                entry.action.run();
            } catch (RuntimeException e) {
                Log.debug(() -> "a deadline action failed: " + e);
            }
        }
    }

    private Entry firstOrNull() {
        try {
            return entries.first();
        } catch (NoSuchElementException empty) {
            return null;
        }
    }
}
