package dev.airgen.runtime;

import org.jspecify.annotations.Nullable;

/**
 * The exchange itself failed: the network, a deadline, an unreadable answer from the server, or a
 * WebSocket that could not be kept alive. {@link #code()} is one of the client's own codes, such as
 * {@code connectionFailed}, {@code timeout}, {@code malformedResponse}, {@code reconnectionFailed}.
 */
public class RunwareTransportException extends RunwareException {

    private static final long serialVersionUID = 1L;

    public RunwareTransportException(ErrorCategory category, @Nullable String code, @Nullable String message,
                                     @Nullable Throwable cause) {
        super(details(category, code, message), cause);
    }

    public RunwareTransportException(Details details, @Nullable Throwable cause) {
        super(details, cause);
    }
}
