package dev.airgen.runtime;

import dev.airgen.runtime.internal.Failures;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A task submitted with async delivery. Results arrive through {@code getResponse} polling; this
 * handle waits for them, reports progress, and can stop the waiting.
 *
 * <p>Cancelling stops only the client's polling: Runware has no way to cancel a running task, which
 * keeps running and is billed.
 *
 * @param <R> the result type
 */
public final class TaskHandle<R> {

    private final String taskUUID;
    private final String taskType;
    private final CompletableFuture<List<R>> results;
    private final Runnable stopPolling;
    private final Duration overallTimeout;
    private final List<Consumer<Progress>> listeners = new CopyOnWriteArrayList<>();
    private volatile Progress last;

    TaskHandle(String taskUUID, String taskType, CompletableFuture<List<R>> results, Runnable stopPolling,
               Duration overallTimeout) {
        this.taskUUID = taskUUID;
        this.taskType = taskType;
        this.results = results;
        this.stopPolling = stopPolling;
        this.overallTimeout = overallTimeout;
    }

    /** Called by the poller after every poll. */
    void progress(Progress progress) {
        last = progress;
        for (Consumer<Progress> listener : listeners) {
            listener.accept(progress);
        }
    }

    public String taskUUID() {
        return taskUUID;
    }

    public String taskType() {
        return taskType;
    }

    /** Adds a listener called after every poll, on a client thread; it should return quickly. */
    public TaskHandle<R> onProgress(Consumer<Progress> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        Progress p = last;
        if (p != null) {
            listener.accept(p);
        }
        return this;
    }

    /** The latest progress, or null before the first poll. */
    public Progress progress() {
        return last;
    }

    /** The results as a future; it always completes, at the latest when the polling timeout passes. */
    public CompletableFuture<List<R>> future() {
        return results.copy();
    }

    public boolean isDone() {
        return results.isDone();
    }

    /**
     * Waits for all results, at most the client's polling timeout.
     *
     * @throws RunwareException the task's failure, a timeout, or {@code aborted} after {@link #cancel()}
     */
    public List<R> await() {
        return await(overallTimeout.plusSeconds(5));
    }

    /**
     * Waits at most {@code timeout}. When that passes first, throws a {@code timeout} exception but
     * keeps polling, so a later {@code await} can still succeed.
     */
    public List<R> await(Duration timeout) {
        try {
            return results.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw Failures.timeout("task " + taskUUID + " still running after waiting " + timeout.toMillis() + " ms",
                    taskUUID);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failures.aborted("interrupted while waiting for task " + taskUUID);
        } catch (ExecutionException e) {
            throw RunwareClient.rethrow(e.getCause());
        }
    }

    /** Stops waiting and polling; pending and later {@code await} calls fail with {@code aborted}. */
    public boolean cancel() {
        stopPolling.run();
        return results.isCompletedExceptionally();
    }

    @Override
    public String toString() {
        return "TaskHandle{" + taskType + " " + taskUUID + (results.isDone() ? ", done" : ", pending") + "}";
    }
}
