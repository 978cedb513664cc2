package dev.airgen.runtime.internal;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The API key of one client. {@link #toString()} shows a mask; while the secret is open its value is
 * registered with {@link Redaction}, so no exception text or log line can carry it.
 */
public final class Secret implements AutoCloseable {

    private final String value;
    private final AtomicBoolean open = new AtomicBoolean(true);

    public Secret(String value) {
        Objects.requireNonNull(value, "apiKey");
        if (value.isBlank()) {
            throw new IllegalArgumentException("API key is blank");
        }
        this.value = value;
        Redaction.register(value);
    }

    /** The key itself; only for the Authorization header and the WebSocket authentication frame. */
    public String reveal() {
        return value;
    }

    /** Stops registering the key for redaction (texts built afterwards no longer need it). */
    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            Redaction.release(value);
        }
    }

    @Override
    public String toString() {
        return Redaction.MASK;
    }
}
