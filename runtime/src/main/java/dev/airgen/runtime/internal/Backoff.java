package dev.airgen.runtime.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one backoff formula of the runtime, used for REST retries, WebSocket reconnects and
 * {@code getResponse} polling: {@code min(base * factor^attempt, max)}, plus a random extra of up to
 * {@code jitter} times that, and never shorter than a server's {@code Retry-After}.
 */
public final class Backoff {

    private Backoff() {
    }

    /**
     * @param attempt    0 for the first wait
     * @param base       the first wait
     * @param factor     growth per attempt, at least 1
     * @param max        the longest computed wait
     * @param jitter     random extra as a fraction of the wait, 0 to 1
     * @param retryAfter the server's hint, or null
     */
    public static Duration delay(int attempt, Duration base, double factor, Duration max, double jitter,
                                 Duration retryAfter) {
        double millis = base.toMillis() * Math.pow(factor, Math.max(0, attempt));
        long capped = (long) Math.min(millis, max.toMillis());
        long withJitter = jitter <= 0 ? capped : capped + (long) (capped * jitter * ThreadLocalRandom.current().nextDouble());
        long hint = retryAfter == null ? 0 : retryAfter.toMillis();
        return Duration.ofMillis(Math.max(withJitter, hint));
    }
}
