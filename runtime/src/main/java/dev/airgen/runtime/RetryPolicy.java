package dev.airgen.runtime;

import dev.airgen.runtime.internal.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a request is sent again. A task is sent again only when the server did not
 * take it: the connection could not be made, or the server answered HTTP 408, 429, 503 or 504 (turned the
 * request away for now), on REST or in a WebSocket answer. Any other failure may have happened after the
 * server took the task; then the client asks for the task by its {@code taskUUID} ({@code getResponse})
 * rather than sending it twice. The same waits space WebSocket reconnects.
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
        return Backoff.delay(retry, baseDelay, 2, maxDelay, jitter, retryAfter);
    }
}
