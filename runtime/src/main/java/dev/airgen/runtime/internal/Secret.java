package dev.airgen.runtime.internal;

import java.util.Objects;

/**
 * The API key, kept out of every text the runtime produces. {@link #toString()} shows a mask, and
 * {@link #redact(String)} removes the key from text that came from elsewhere (server messages echo
 * requests sometimes) before it reaches an exception or a log line.
 */
public final class Secret {

    private static final String MASK = "***";

    private final String value;

    public Secret(String value) {
        Objects.requireNonNull(value, "apiKey");
        if (value.isBlank()) {
            throw new IllegalArgumentException("API key is blank");
        }
        this.value = value;
    }

    /** The key itself; only for the Authorization header and the WebSocket authentication frame. */
    public String reveal() {
        return value;
    }

    /** {@code text} with every occurrence of the key replaced by a mask; null stays null. */
    public String redact(String text) {
        if (text == null || value.length() < 4) {
            return text;
        }
        return text.replace(value, MASK);
    }

    @Override
    public String toString() {
        return MASK;
    }
}
