package dev.airgen.runtime;

import org.jspecify.annotations.Nullable;

/** The server answered with an error object for a task or for the whole request. */
public class RunwareApiException extends RunwareException {

    private static final long serialVersionUID = 1L;

    private final transient ApiError error;

    public RunwareApiException(ApiError error, int httpStatus, ErrorCategory category, @Nullable Boolean retryable) {
        super(detailsOf(error, httpStatus, category, retryable), null);
        this.error = error;
    }

    /** Classifies the error from its code, falling back to the HTTP status. */
    public static RunwareApiException of(ApiError error, int httpStatus) {
        return new RunwareApiException(error, httpStatus, ErrorCategory.classify(error.code(), httpStatus), null);
    }

    private static Details detailsOf(ApiError e, int status, ErrorCategory category, Boolean retryable) {
        Details d = details(category, e.code(), e.message())
                .parameters(e.parameters())
                .taskUUID(e.taskUUID())
                .taskType(e.taskType())
                .documentation(e.documentation())
                .httpStatus(status)
                .retryAfter(e.retryAfter());
        if (retryable != null) {
            d.retryable(retryable);
        }
        return d;
    }

    /** The error object as received. */
    public ApiError error() {
        return error;
    }
}
