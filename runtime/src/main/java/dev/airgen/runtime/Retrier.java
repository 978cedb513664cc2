package dev.airgen.runtime;

import dev.airgen.runtime.internal.Log;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * The runtime's one retry loop (REST requests and the start of a stream): runs an attempt, and when it
 * fails in a way {@code worthRetrying} accepts, runs it again after {@link RetryPolicy#delay}, as long
 * as the policy allows more attempts and the deadline leaves time for the wait.
 */
final class Retrier {

    private final RetryPolicy policy;
    private final ScheduledExecutorService scheduler;

    public Retrier(RetryPolicy policy, ScheduledExecutorService scheduler) {
        this.policy = policy;
        this.scheduler = scheduler;
    }

    /**
     * @param what          names the exchange in log lines
     * @param deadlineNanos no retry is scheduled past this ({@link System#nanoTime()} based)
     * @param attempt       runs attempt {@code n} (0 first); its future fails with a {@link RunwareException}
     * @param worthRetrying which failures may be retried
     */
    public <T> CompletableFuture<T> run(String what, long deadlineNanos, IntFunction<CompletableFuture<T>> attempt,
                                        Predicate<RunwareException> worthRetrying) {
        CompletableFuture<T> result = new CompletableFuture<>();
        step(what, deadlineNanos, attempt, worthRetrying, 0, result);
        return result;
    }

    private <T> void step(String what, long deadlineNanos, IntFunction<CompletableFuture<T>> attempt,
                          Predicate<RunwareException> worthRetrying, int n, CompletableFuture<T> result) {
        if (result.isDone()) {
            return;
        }
        CompletableFuture<T> tried;
        try {
            tried = attempt.apply(n);
        } catch (RuntimeException e) {
            tried = CompletableFuture.failedFuture(e);
        }
        tried.whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
                return;
            }
            RunwareException e = Failures.wrap(failure);
            if (n < policy.maxRetries() && worthRetrying.test(e)) {
                Duration delay = policy.delay(n, e.retryAfter().orElse(null));
                if (System.nanoTime() + delay.toNanos() < deadlineNanos) {
                    Log.debug(() -> "retrying " + what + " in " + delay.toMillis() + " ms (retry " + (n + 1) + " of "
                            + policy.maxRetries() + "): " + e.getMessage());
                    try {
                        scheduler.schedule(() -> step(what, deadlineNanos, attempt, worthRetrying, n + 1, result),
                                delay.toNanos(), TimeUnit.NANOSECONDS);
                        return;
                    } catch (java.util.concurrent.RejectedExecutionException closing) {
                        result.completeExceptionally(Failures.aborted("the client was closed"));
                        return;
                    }
                }
            }
            result.completeExceptionally(e);
        });
    }
}
