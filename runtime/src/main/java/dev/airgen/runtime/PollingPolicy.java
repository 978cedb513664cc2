package dev.airgen.runtime;

import dev.airgen.runtime.internal.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * The cadence of {@code getResponse} polling for tasks sent with async delivery: the first poll after
 * {@code initialDelay}, each later wait {@code growth} times the previous one up to {@code maxInterval},
 * and a failure once {@code timeout} has passed since submission without all results.
 *
 * @param initialDelay the wait before the first poll
 * @param growth       the factor between consecutive waits, at least 1
 * @param maxInterval  the longest wait between polls
 * @param timeout      the overall budget of one task, from submission to its last result
 */
public record PollingPolicy(Duration initialDelay, double growth, Duration maxInterval, Duration timeout) {

    /** One second, growing by half each time to ten seconds; twenty minutes overall. */
    public static final PollingPolicy DEFAULT =
            new PollingPolicy(Duration.ofSeconds(1), 1.5, Duration.ofSeconds(10), Duration.ofMinutes(20));

    public PollingPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxInterval, "maxInterval");
        Objects.requireNonNull(timeout, "timeout");
        if (initialDelay.isNegative() || maxInterval.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("polling delays must not be negative and the timeout must be positive");
        }
        if (!(growth >= 1)) {
            throw new IllegalArgumentException("growth must be at least 1, was " + growth);
        }
    }

    /** The wait before poll number {@code n} (0-based). */
    public Duration delay(int n) {
        return Backoff.delay(n, initialDelay, growth, maxInterval, 0, null);
    }
}
