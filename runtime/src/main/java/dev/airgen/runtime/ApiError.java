package dev.airgen.runtime;

import dev.airgen.runtime.internal.Redaction;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One error object as the server sent it, normalised: {@code parameter} is always a list (the
 * server sends a string, or an array for rules that involve several fields).
 *
 * @param code          the raw code, for example {@code invalidPositivePrompt}; may be null
 * @param message       the human text, scrubbed of the API key
 * @param parameters    the blamed parameters, never null
 * @param taskUUID      the task it belongs to, or null when it concerns the whole request
 * @param taskType      the task type, when the server named it
 * @param documentation a documentation link, when sent
 * @param retryAfter    how long the server asked to wait before sending the task again, when it said
 */
public record ApiError(@Nullable String code, @Nullable String message, List<String> parameters, @Nullable String taskUUID,
                       @Nullable String taskType, @Nullable String documentation, @Nullable Duration retryAfter) {

    /** An error without a {@code Retry-After} hint. */
    public ApiError(@Nullable String code, @Nullable String message, @Nullable List<String> parameters,
                    @Nullable String taskUUID, @Nullable String taskType, @Nullable String documentation) {
        this(code, message, parameters, taskUUID, taskType, documentation, null);
    }

    public ApiError {
        // Server texts: no API key in them, whatever the server echoed.
        code = Redaction.redact(code);
        message = Redaction.redact(message);
        parameters = parameters == null ? List.of() : parameters.stream().map(Redaction::redact).toList();
        taskType = Redaction.redact(taskType);
        documentation = Redaction.redact(documentation);
    }
}
