package dev.airgen.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A task on its way: wait for its results, hear about each result and its progress as they come, or
 * stop waiting.
 *
 * <p>Cancelling stops only the client's sending and polling: Runware has no way to cancel a task it took,
 * which keeps running and is billed.
 *
 * @param <R> the result type
 */
public final class TaskHandle<R> {

    private final String taskUUID;
    private final String taskType;
    private final CompletableFuture<List<R>> results;
    private final Runnable cancel;
    private final Duration waitLimit;
    private final List<Consumer<Progress>> progressListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<? super R>> resultListeners = new CopyOnWriteArrayList<>();
    private final List<R> arrived = new ArrayList<>();
    private volatile @Nullable Progress last;

    TaskHandle(String taskUUID, String taskType, CompletableFuture<List<R>> results, Runnable cancel, Duration waitLimit) {
        this.taskUUID = taskUUID;
        this.taskType = taskType;
        this.results = results;
        this.cancel = cancel;
        this.waitLimit = waitLimit;
    }

    /** Called by the client after every poll or new result. */
    void progress(Progress progress) {
        last = progress;
        for (Consumer<Progress> listener : progressListeners) {
            listener.accept(progress);
        }
    }

    /** Called by the client for each new result, in arrival order. */
    void result(R result) {
        // The list's iterator is a snapshot of the listeners at this moment, taken without copying them.
        Iterator<Consumer<? super R>> listeners;
        synchronized (arrived) {
            arrived.add(result);
            listeners = resultListeners.iterator();
        }
        while (listeners.hasNext()) {
            listeners.next().accept(result);
        }
    }

    public String taskUUID() {
        return taskUUID;
    }

    public String taskType() {
        return taskType;
    }

    /** Adds a listener called after every poll and new result, on a client thread; it should return quickly. */
    public TaskHandle<R> onProgress(Consumer<Progress> listener) {
        progressListeners.add(Objects.requireNonNull(listener, "listener"));
        Progress p = last;
        if (p != null) {
            listener.accept(p);
        }
        return this;
    }

    /**
     * Adds a listener told about each result as it arrives (a task with several results delivers them one
     * by one); results that arrived before the listener was added are replayed to it first.
     */
    public TaskHandle<R> onResult(Consumer<? super R> listener) {
        Objects.requireNonNull(listener, "listener");
        List<R> replay;
        synchronized (arrived) {
            resultListeners.add(listener);
            replay = List.copyOf(arrived);
        }
        replay.forEach(listener);
        return this;
    }

    /** The latest progress, or null before the first. */
    public @Nullable Progress progress() {
        return last;
    }

    /**
     * The results as a future; it always completes, at the latest when the task's deadline passes.
     * Cancelling it cancels the task, as {@link #cancel()} does.
     */
    public CompletableFuture<List<R>> future() {
        CompletableFuture<List<R>> copy = results.copy();
        copy.whenComplete((r, t) -> {
            if (copy.isCancelled()) {
                cancel.run();
            }
        });
        return copy;
    }

    public boolean isDone() {
        return results.isDone();
    }

    /**
     * Waits for all results until the task's deadline.
     *
     * @throws RunwareException the task's failure, a timeout, or {@code cancelled} after {@link #cancel()}
     */
    public List<R> await() {
        return await(waitLimit);
    }

    /**
     * Waits at most {@code timeout}. When that passes first, throws a {@code timeout} exception but the
     * task goes on, so a later {@code await} can still succeed. An interrupt cancels the task.
     */
    public List<R> await(Duration timeout) {
        try {
            return results.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw Failures.timeout("task " + taskUUID + " still running after waiting " + timeout.toMillis() + " ms",
                    taskUUID);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw Failures.aborted("interrupted while waiting for task " + taskUUID);
        } catch (ExecutionException e) {
            throw RunwareClient.rethrow(e.getCause());
        }
    }

    /**
     * Stops sending and polling; pending and later {@code await} calls fail with {@code cancelled}.
     *
     * @return true when this call ended the wait (false when the task had already finished)
     */
    public boolean cancel() {
        boolean wasDone = results.isDone();
        cancel.run();
        return !wasDone && results.isCompletedExceptionally();
    }

    @Override
    public String toString() {
        return "TaskHandle{" + taskType + " " + taskUUID + (results.isDone() ? ", done" : ", pending") + "}";
    }
}
