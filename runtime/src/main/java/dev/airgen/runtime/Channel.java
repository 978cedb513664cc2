package dev.airgen.runtime;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A way of getting tasks to the server and their answers back: one HTTP request, or one WebSocket
 * frame, per call of {@link #send}.
 */
interface Channel extends AutoCloseable {

    /**
     * Sends the tasks together and returns, in the same order, one future per task. A future
     * completes with the task's reply, or exceptionally with a {@code RunwareException} when the
     * exchange failed; it always completes by {@code deadlineNanos} ({@link System#nanoTime()} based).
     * A channel never sends a task twice by itself: whether to send again is the caller's decision.
     */
    List<CompletableFuture<TaskReply>> send(List<TaskSpec> tasks, long deadlineNanos);

    /** Fails whatever is still waiting and releases the connection. */
    @Override
    void close();
}
