package dev.airgen.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Options for one call of {@link RunwareClient#run(dev.airgen.runtime.types.TaskRequest, RunOptions)} and
 * its relatives: how long the task may take, and whom to tell how it goes. Per-result callbacks are on
 * {@link TaskHandle#onResult}.
 *
 * <pre>{@code
 * client.run(video, RunOptions.builder()
 *         .timeout(Duration.ofMinutes(5))
 *         .onProgress(p -> System.out.println(p.status() + " " + p.percent()))
 *         .build());
 * }</pre>
 */
public final class RunOptions {

    private static final RunOptions DEFAULTS = new RunOptions(new Builder());

    private final Duration timeout;
    private final Consumer<Progress> onProgress;

    private RunOptions(Builder b) {
        this.timeout = b.timeout;
        this.onProgress = b.onProgress;
    }

    /** The client's defaults: its timeout for the delivery the task uses, no listener. */
    public static RunOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The longest the task may take from sending to its last result, or null for the client's default. */
    Duration timeout() {
        return timeout;
    }

    Consumer<Progress> onProgress() {
        return onProgress;
    }

    @Override
    public String toString() {
        return "RunOptions{timeout=" + (timeout == null ? "client default" : timeout) + "}";
    }

    /** Builds {@link RunOptions}. */
    public static final class Builder {
        private Duration timeout;
        private Consumer<Progress> onProgress;

        private Builder() {
        }

        /**
         * The longest the task may take, from sending to its last result, polling and recovery included.
         * Default: the client's {@code timeout} for sync tasks and its polling timeout for async ones.
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** Told the task's state after every poll and every new result, on a client thread. */
        public Builder onProgress(Consumer<Progress> listener) {
            this.onProgress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public RunOptions build() {
            return new RunOptions(this);
        }
    }
}
