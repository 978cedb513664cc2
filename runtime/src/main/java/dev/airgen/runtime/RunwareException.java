package dev.airgen.runtime;

import dev.airgen.runtime.internal.Redaction;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Base of every failure the client reports. Carries the server's raw {@code code} and message when
 * there was one, the parameters it blamed as dotted paths, the task it belongs to, a documentation
 * link, a stable {@link ErrorCategory} and whether sending the same task again may succeed.
 *
 * <p>Texts never contain the API key: every text field, the message and the messages of the causes are
 * scrubbed when the exception is built, whatever the text came from (a server answer, a parser, the JDK).
 */
public class RunwareException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCategory category;
    private final String code;
    private final String serverMessage;
    private final List<String> parameters;
    private final String taskUUID;
    private final String taskType;
    private final String documentation;
    private final int httpStatus;
    private final boolean retryable;
    private final Duration retryAfter;

    protected RunwareException(Details details, @Nullable Throwable cause) {
        super(render(details.scrubbed()), Redaction.scrub(cause));
        Details d = details.scrubbed();
        this.category = Objects.requireNonNull(d.category, "category");
        this.code = d.code;
        this.serverMessage = d.message;
        this.parameters = d.parameters == null ? List.of() : List.copyOf(d.parameters);
        this.taskUUID = d.taskUUID;
        this.taskType = d.taskType;
        this.documentation = d.documentation;
        this.httpStatus = details.httpStatus;
        this.retryable = details.retryable != null ? details.retryable : details.category.isRetryable();
        this.retryAfter = details.retryAfter;
    }

    /** A failure with the given category, code and text. */
    public RunwareException(ErrorCategory category, @Nullable String code, @Nullable String message) {
        this(details(category, code, message), null);
    }

    /** A failure with the given category, code and text, caused by {@code cause}. */
    public RunwareException(ErrorCategory category, @Nullable String code, @Nullable String message,
                            @Nullable Throwable cause) {
        this(details(category, code, message), cause);
    }

    public static Details details(ErrorCategory category, @Nullable String code, @Nullable String message) {
        Details d = new Details();
        d.category = category;
        d.code = code;
        d.message = message;
        return d;
    }

    /** The stable grouping of this failure. */
    public ErrorCategory category() {
        return category;
    }

    /** The raw error code (from the server, or one of the client's own such as {@code connectionFailed}). */
    public @Nullable String code() {
        return code;
    }

    /** The human text without the decoration {@link #getMessage()} adds. */
    public @Nullable String serverMessage() {
        return serverMessage;
    }

    /** The first blamed parameter as a dotted path, or null. */
    public @Nullable String parameter() {
        return parameters.isEmpty() ? null : parameters.get(0);
    }

    /** Every blamed parameter as a dotted path (several for cross-field rules). */
    public List<String> parameters() {
        return parameters;
    }

    /** The task this failure belongs to, or null when it concerns the whole request or connection. */
    public @Nullable String taskUUID() {
        return taskUUID;
    }

    /** The task type this failure belongs to, when known. */
    public @Nullable String taskType() {
        return taskType;
    }

    /** A link to the documentation of the failing parameter or model, when the server sent one. */
    public @Nullable String documentation() {
        return documentation;
    }

    /** The HTTP status of the response that carried the failure, or 0 (WebSocket, network failure). */
    public int httpStatus() {
        return httpStatus;
    }

    /** Whether sending the same task again (same {@code taskUUID}) may succeed. */
    public boolean isRetryable() {
        return retryable;
    }

    /** How long the server asked to wait before sending again ({@code Retry-After}), when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    private static String render(Details d) {
        StringBuilder out = new StringBuilder();
        out.append('[').append(d.category == null ? "UNKNOWN" : d.category.name()).append(']');
        if (d.code != null) {
            out.append(' ').append(d.code).append(':');
        }
        out.append(' ').append(d.message == null ? "(no message)" : d.message);
        if (d.parameters != null && !d.parameters.isEmpty()) {
            out.append(" (parameter").append(d.parameters.size() > 1 ? "s " : " ")
                    .append(String.join(", ", d.parameters)).append(')');
        }
        if (d.taskUUID != null) {
            out.append(" [task ").append(d.taskUUID);
            if (d.taskType != null) {
                out.append(' ').append(d.taskType);
            }
            out.append(']');
        }
        if (d.httpStatus > 0) {
            out.append(" [HTTP ").append(d.httpStatus).append(']');
        }
        return out.toString();
    }

    /** Mutable bag of fields for subclasses and the transports; not part of the stable API. */
    public static final class Details {
        ErrorCategory category = ErrorCategory.UNKNOWN;
        String code;
        String message;
        List<String> parameters;
        String taskUUID;
        String taskType;
        String documentation;
        int httpStatus;
        Boolean retryable;
        Duration retryAfter;

        public Details category(ErrorCategory value) {
            category = value;
            return this;
        }

        public Details code(@Nullable String value) {
            code = value;
            return this;
        }

        public Details message(@Nullable String value) {
            message = value;
            return this;
        }

        public Details parameters(List<String> value) {
            parameters = value;
            return this;
        }

        public Details taskUUID(@Nullable String value) {
            taskUUID = value;
            return this;
        }

        public Details taskType(@Nullable String value) {
            taskType = value;
            return this;
        }

        public Details documentation(@Nullable String value) {
            documentation = value;
            return this;
        }

        public Details httpStatus(int value) {
            httpStatus = value;
            return this;
        }

        public Details retryAfter(@Nullable Duration value) {
            retryAfter = value;
            return this;
        }

        public Details retryable(boolean value) {
            retryable = value;
            return this;
        }

        public ErrorCategory category() {
            return category;
        }

        /** A copy whose texts carry no API key. */
        Details scrubbed() {
            Details d = new Details();
            d.category = category;
            d.code = Redaction.redact(code);
            d.message = Redaction.redact(message);
            d.parameters = parameters == null ? null : parameters.stream().map(Redaction::redact).toList();
            d.taskUUID = Redaction.redact(taskUUID);
            d.taskType = Redaction.redact(taskType);
            d.documentation = Redaction.redact(documentation);
            d.httpStatus = httpStatus;
            d.retryable = retryable;
            d.retryAfter = retryAfter;
            return d;
        }

        public @Nullable String taskUUID() {
            return taskUUID;
        }
    }
}
