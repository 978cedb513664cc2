package dev.airgen.runtime.internal;

import java.util.function.Supplier;

/**
 * The runtime's only logger: the JDK's {@code System.Logger} named {@value #NAME}. It writes at
 * {@code DEBUG} and {@code TRACE} only, which no default configuration prints, so an application sees
 * nothing it did not turn on; failures reach the application as exceptions instead. Every line passes
 * through {@link Redaction}.
 */
public final class Log {

    /** The logger name, also the prefix to configure in java.util.logging or an SLF4J bridge. */
    public static final String NAME = "dev.airgen.runtime";

    private static final System.Logger LOGGER = System.getLogger(NAME);

    private Log() {
    }

    /** Something a developer tracing a problem wants to see: retries, reconnects, recoveries. */
    public static void debug(Supplier<String> message) {
        if (LOGGER.isLoggable(System.Logger.Level.DEBUG)) {
            LOGGER.log(System.Logger.Level.DEBUG, Redaction.redact(message.get()));
        }
    }

    /** Per-frame and per-poll detail. */
    public static void trace(Supplier<String> message) {
        if (LOGGER.isLoggable(System.Logger.Level.TRACE)) {
            LOGGER.log(System.Logger.Level.TRACE, Redaction.redact(message.get()));
        }
    }
}
