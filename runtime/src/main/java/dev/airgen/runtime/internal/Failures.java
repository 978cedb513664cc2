package dev.airgen.runtime.internal;

import dev.airgen.runtime.ApiError;
import dev.airgen.runtime.ErrorCategory;
import dev.airgen.runtime.RunwareApiException;
import dev.airgen.runtime.RunwareException;
import dev.airgen.runtime.RunwareTransportException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Builds the client's own exceptions, so every transport words the same failure the same way. */
public final class Failures {

    private Failures() {
    }

    public static RunwareTransportException timeout(String what, String taskUUID) {
        return new RunwareTransportException(RunwareException.details(ErrorCategory.TIMEOUT, "timeout", what)
                .taskUUID(taskUUID), null);
    }

    public static RunwareTransportException malformed(String what, int status, Throwable cause) {
        return new RunwareTransportException(RunwareException.details(ErrorCategory.SERVER_ERROR,
                "malformedResponse", "server sent an unreadable answer: " + what)
                .httpStatus(status).retryable(false), cause);
    }

    public static RunwareTransportException connection(String code, String what, Throwable cause) {
        return new RunwareTransportException(ErrorCategory.CONNECTION, code, what, cause);
    }

    public static RunwareTransportException aborted(String what) {
        return new RunwareTransportException(RunwareException.details(ErrorCategory.ABORTED, "aborted", what)
                .retryable(false), null);
    }

    /** The exception for a task whose reply carries errors: the first error, classified. */
    public static RunwareException fromErrors(List<ApiError> errors, int status) {
        return RunwareApiException.of(errors.get(0), status);
    }

    /** Whatever went wrong, as a {@link RunwareException}; secrets are not in JDK exception texts. */
    public static RunwareException wrap(Throwable t, Secret secret) {
        Throwable cause = unwrap(t);
        if (cause instanceof RunwareException re) {
            return re;
        }
        String text = secret == null ? String.valueOf(cause.getMessage()) : secret.redact(String.valueOf(cause.getMessage()));
        if (cause instanceof HttpConnectTimeoutException) {
            return new RunwareTransportException(ErrorCategory.CONNECTION, "connectTimeout",
                    "could not connect in time: " + text, cause);
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return new RunwareTransportException(ErrorCategory.TIMEOUT, "timeout", "no answer in time: " + text, cause);
        }
        if (cause instanceof ConnectException) {
            return connection("connectionFailed", "could not connect: " + text, cause);
        }
        if (cause instanceof java.io.IOException) {
            return connection("connectionFailed", "network failure: " + cause.getClass().getSimpleName() + ": " + text,
                    cause);
        }
        if (cause instanceof CancellationException) {
            return aborted("the wait was cancelled");
        }
        if (cause instanceof java.util.concurrent.RejectedExecutionException) {
            // The client's executors refuse work only once it is closing.
            return aborted("the client was closed");
        }
        if (cause instanceof MalformedResponseException) {
            return malformed(text, 0, cause);
        }
        return new RunwareTransportException(ErrorCategory.UNKNOWN, "clientError",
                cause.getClass().getSimpleName() + ": " + text, cause);
    }

    public static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
