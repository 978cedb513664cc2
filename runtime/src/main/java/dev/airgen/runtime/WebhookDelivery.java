package dev.airgen.runtime;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One webhook POST from Runware, checked and read: the task it is about, and either its results or
 * the error the task ended with.
 *
 * @param taskUUID the task the delivery is about, when the body names one
 * @param results  the results it carries (empty when it carries an error)
 * @param error    the task's failure, or null
 * @param <R>      the result type
 */
public record WebhookDelivery<R>(@Nullable String taskUUID, List<R> results, @Nullable RunwareException error) {

    public WebhookDelivery {
        results = List.copyOf(results);
    }

    /** Whether the delivery reports a failure instead of results. */
    public boolean failed() {
        return error != null;
    }

    /** The failure, if the delivery reports one. */
    public Optional<RunwareException> failure() {
        return Optional.ofNullable(error);
    }
}
