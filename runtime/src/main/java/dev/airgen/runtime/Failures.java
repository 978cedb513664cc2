package dev.airgen.runtime;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Builds the client's own exceptions, so that every transport words the same failure the same way, and
 * says what a failure means for the task that was being sent ({@link #fate}).
 */
final class Failures {

    /** Codes of the client's own failures. */
    public static final String CONNECT_FAILED = "connectFailed";
    public static final String CONNECTION_LOST = "connectionLost";
    public static final String MALFORMED = "malformedResponse";
    public static final String TIMEOUT = "timeout";
    public static final String RECONNECTION_FAILED = "reconnectionFailed";
    public static final String SERVER_FAILED = "serverFailed";
    public static final String ABORTED = "aborted";
    public static final String CANCELLED = "cancelled";
    public static final String SUPERSEDED = "superseded";

    /** What a failed exchange means for a task that was in it. */
    public enum Fate {
        /** The server did not take the task (it never arrived, or the server refused it for now): send it again. */
        NOT_TAKEN,
        /** The server may have the task: ask it ({@code getResponse}) before anything else. */
        MAYBE_TAKEN,
        /** Final for the task: report it. */
        FINAL
    }

    /** Error codes with which the server turns a task away for now, without taking it. */
    private static final Set<String> REFUSAL_CODES = Set.of("ratelimitexceeded", "toomanyrequests",
            "serviceunavailable", "queuetimeout", "serverbusy", "capacityexceeded");

    private Failures() {
    }

    public static RunwareTransportException timeout(String what, String taskUUID) {
        return new RunwareTransportException(RunwareException.details(ErrorCategory.TIMEOUT, TIMEOUT, what)
                .taskUUID(taskUUID), null);
    }

    /** An answer the client cannot read; the server may well have done the work. */
    public static RunwareTransportException malformed(String what, int status, Throwable cause) {
        return new RunwareTransportException(RunwareException.details(ErrorCategory.SERVER_ERROR, MALFORMED,
                "server sent an unreadable answer: " + what).httpStatus(status), cause);
    }

    public static RunwareTransportException connection(String code, String what, Throwable cause) {
        return new RunwareTransportException(ErrorCategory.CONNECTION, code, what, cause);
    }

    public static RunwareTransportException aborted(String what) {
        return new RunwareTransportException(RunwareException.details(ErrorCategory.ABORTED, ABORTED, what)
                .retryable(false), null);
    }

    public static RunwareTransportException cancelled(String taskUUID) {
        return new RunwareTransportException(RunwareException.details(ErrorCategory.ABORTED, CANCELLED,
                "cancelled: stopped waiting for task " + taskUUID + " (a task the server took keeps running and is billed)")
                .taskUUID(taskUUID).retryable(false), null);
    }

    /** The exception for a task whose reply carries errors: the first error, classified. */
    public static RunwareException fromErrors(List<ApiError> errors, int status) {
        return RunwareApiException.of(errors.get(0), status);
    }

    /** Whether an error answer means "not now": the server did not take the task and asks to send it later. */
    public static boolean isRefusal(ApiError error, int status) {
        if (status == 408 || status == 429 || status == 503 || status == 504) {
            return true;
        }
        String code = error.code() == null ? "" : error.code().toLowerCase(Locale.ROOT);
        return REFUSAL_CODES.contains(code) || code.contains("ratelimit");
    }

    /** What a failure of an exchange means for a task in it. */
    public static Fate fate(RunwareException e) {
        String code = e.code() == null ? "" : e.code();
        if (e.category() == ErrorCategory.ABORTED) {
            return Fate.FINAL;
        }
        if (code.equals(CONNECT_FAILED)) {
            return Fate.NOT_TAKEN;
        }
        if (e instanceof RunwareApiException api) {
            if (isRefusal(api.error(), api.httpStatus())) {
                return Fate.NOT_TAKEN;
            }
            return api.httpStatus() >= 500 && api.httpStatus() < 600 && api.taskUUID() == null ? Fate.MAYBE_TAKEN
                    : Fate.FINAL;
        }
        return switch (code) {
            case CONNECTION_LOST, MALFORMED, TIMEOUT, RECONNECTION_FAILED, SERVER_FAILED, "streamInterrupted" ->
                    Fate.MAYBE_TAKEN;
            default -> e.isRetryable() ? Fate.MAYBE_TAKEN : Fate.FINAL;
        };
    }

    /** Whatever went wrong, as a {@link RunwareException}. */
    public static RunwareException wrap(Throwable t) {
        return wrap(t, null);
    }

    /**
     * Whatever went wrong, as a {@link RunwareException}; network failures name the host and port of
     * {@code target} and the cause.
     */
    public static RunwareException wrap(Throwable t, URI target) {
        Throwable cause = unwrap(t);
        if (cause instanceof RunwareException re) {
            return re;
        }
        if (cause instanceof java.io.IOException && cause.getCause() instanceof RunwareException re) {
            // HttpClient.send rethrows how an answer's body ended (too large, broken off) wrapped in an IOException
            return re;
        }
        String where = target == null ? "" : " " + hostAndPort(target);
        String text = describe(cause);
        if (cause instanceof HttpConnectTimeoutException) {
            return connection(CONNECT_FAILED, "could not connect to" + where + " in time (" + text + ")", cause);
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return new RunwareTransportException(ErrorCategory.TIMEOUT, TIMEOUT, "no answer in time from" + where
                    + " (" + text + ")", cause);
        }
        if (cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException || cause instanceof UnresolvedAddressException
                || cause.getCause() instanceof ConnectException || cause.getCause() instanceof UnresolvedAddressException) {
            return connection(CONNECT_FAILED, "could not connect to" + where + " (" + text + ")", cause);
        }
        if (cause instanceof java.io.IOException) {
            return connection(CONNECTION_LOST, "connection to" + where + " failed (" + text + ")", cause);
        }
        if (cause instanceof CancellationException) {
            return aborted("the wait was cancelled");
        }
        if (cause instanceof RejectedExecutionException) {
            // The client's executors refuse work only once it is closing.
            return aborted("the client was closed");
        }
        if (cause instanceof MalformedResponseException) {
            return malformed(text, 0, cause);
        }
        return new RunwareTransportException(ErrorCategory.UNKNOWN, "clientError", text, cause);
    }

    /** {@code host:port} of a URL, with the scheme's default port when it names none. */
    public static String hostAndPort(URI uri) {
        int port = uri.getPort();
        if (port < 0) {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            port = scheme.equals("https") || scheme.equals("wss") ? 443 : 80;
        }
        return uri.getHost() + ":" + port;
    }

    /** The exception's class and message, and those of its causes, since the JDK often leaves the message empty. */
    static String describe(Throwable t) {
        StringBuilder out = new StringBuilder();
        Throwable c = t;
        for (int depth = 0; c != null && depth < 4; depth++, c = c.getCause()) {
            if (depth > 0) {
                out.append(": ");
            }
            out.append(c.getClass().getSimpleName());
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                out.append(' ').append(c.getMessage());
            }
        }
        return out.toString();
    }

    /** A server hint as a duration: seconds (possibly fractional) or null. */
    public static Duration seconds(String value) {
        if (value == null) {
            return null;
        }
        try {
            double s = Double.parseDouble(value.trim());
            return s < 0 || Double.isNaN(s) || s > 86_400 ? null : Duration.ofMillis((long) (s * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
