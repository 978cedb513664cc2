package dev.airgen.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a failed call is repeated. Only failures that may go away are retried:
 * per-call timeouts, HTTP 408, 429 and 5xx, and network errors. A retry sends the same tasks with the
 * same {@code taskUUID}s, so the server can tell a repeat from a new task.
 *
 * <p>The wait before retry {@code n} (0-based) is {@code min(baseDelay * 2^n, maxDelay)} plus up to
 * {@code jitter} of that as random extra, or the server's {@code Retry-After} when that is longer.
 *
 * @param maxRetries how many times to retry after the first attempt; 0 disables retries
 * @param baseDelay  the wait before the first retry
 * @param maxDelay   the longest computed wait
 * @param jitter     the random extra as a fraction of the wait, 0 to 1
 */
public record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay, double jitter) {

    /** Three retries, starting at one second, never more than 30 seconds apart, 30 % jitter. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30), 0.3);

    /** No retries at all. */
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 0);

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (baseDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
        if (jitter < 0 || jitter > 1 || Double.isNaN(jitter)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
        }
    }

    /** The wait before retry number {@code retry} (0-based), honouring a server hint when it is longer. */
    public Duration delay(int retry, Duration retryAfter) {
        long base = baseDelay.toMillis();
        long exp = retry >= 62 ? Long.MAX_VALUE : base << Math.min(retry, 30);
        long capped = Math.min(exp < 0 ? Long.MAX_VALUE : exp, maxDelay.toMillis());
        long withJitter = capped + (long) (capped * jitter * ThreadLocalRandom.current().nextDouble());
        long hint = retryAfter == null ? 0 : retryAfter.toMillis();
        return Duration.ofMillis(Math.max(withJitter, hint));
    }
}
