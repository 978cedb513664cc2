package dev.airgen.runtime.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place where API keys are taken out of text. Every exception the runtime builds and every log
 * line it writes passes through {@link #redact(String)}; keys are registered while a client that uses
 * them is open.
 *
 * <p>Besides whole occurrences, any run of {@value #FRAGMENT} or more characters copied from a key is
 * masked too: a parser that shortens an echoed token (Jackson cuts long tokens in its messages) must not
 * leak the beginning of the key either. Text longer than {@value #MAX_TEXT} characters is cut, so a
 * server cannot make an exception message arbitrarily large.
 */
public final class Redaction {

    /** What replaces a key or a piece of one. */
    public static final String MASK = "***";
    static final int FRAGMENT = 8;
    static final int MAX_TEXT = 2_000;

    private static final Map<String, Integer> KEYS = new ConcurrentHashMap<>();
    private static volatile List<Key> snapshot = List.of();

    private Redaction() {
    }

    /** Starts masking {@code key}; calls nest, each {@link #release} undoes one. */
    public static synchronized void register(String key) {
        KEYS.merge(key, 1, Integer::sum);
        rebuild();
    }

    /** Stops masking {@code key} once every registration of it has been released. */
    public static synchronized void release(String key) {
        KEYS.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
        rebuild();
    }

    private static void rebuild() {
        snapshot = KEYS.keySet().stream().map(Key::new).toList();
    }

    /** {@code text} without any registered key or piece of one, and at most {@value #MAX_TEXT} characters; null stays null. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        // Cut before masking (bounded work), but keep enough past the limit that no piece straddles the final cut.
        String out = text.length() > MAX_TEXT + 2 * FRAGMENT ? text.substring(0, MAX_TEXT + 2 * FRAGMENT) : text;
        for (Key key : snapshot) {
            out = key.mask(out);
        }
        return text.length() > MAX_TEXT && out.length() > MAX_TEXT
                ? out.substring(0, MAX_TEXT) + "...(" + (text.length() - MAX_TEXT) + " more characters)" : out;
    }

    /** Whether {@code text} holds a registered key or a piece of one. */
    public static boolean containsSecret(String text) {
        if (text == null) {
            return false;
        }
        for (Key key : snapshot) {
            if (!key.mask(text).equals(text)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code cause} as it may be attached to an exception: itself when no text in its chain holds a key,
     * else a stand-in with the same class name, scrubbed messages and the same stack traces.
     */
    public static Throwable scrub(Throwable cause) {
        if (cause == null || !chainHoldsSecret(cause, 0)) {
            return cause;
        }
        return copy(cause, 0);
    }

    private static boolean chainHoldsSecret(Throwable t, int depth) {
        return t != null && depth < 16 && (containsSecret(t.getMessage()) || chainHoldsSecret(t.getCause(), depth + 1));
    }

    private static Throwable copy(Throwable t, int depth) {
        Throwable inner = t.getCause() == null || depth >= 16 ? null : copy(t.getCause(), depth + 1);
        ScrubbedCause out = new ScrubbedCause(t.getClass().getName() + ": " + redact(t.getMessage()), inner);
        out.setStackTrace(t.getStackTrace());
        return out;
    }

    /** Stands in for an exception whose message held a key. */
    static final class ScrubbedCause extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ScrubbedCause(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    /** One key and every piece of it that is long enough to mask. */
    private static final class Key {
        final String value;
        final Set<String> pieces = new HashSet<>();

        Key(String value) {
            this.value = value;
            if (value.length() >= FRAGMENT) {
                for (int i = 0; i + FRAGMENT <= value.length(); i++) {
                    pieces.add(value.substring(i, i + FRAGMENT));
                }
            }
        }

        String mask(String text) {
            if (value.length() < 4) {
                return text;
            }
            if (value.length() < FRAGMENT) {
                return text.replace(value, MASK);
            }
            boolean[] hidden = null;
            for (int i = 0; i + FRAGMENT <= text.length(); i++) {
                if (pieces.contains(text.substring(i, i + FRAGMENT))) {
                    if (hidden == null) {
                        hidden = new boolean[text.length()];
                    }
                    for (int j = i; j < i + FRAGMENT; j++) {
                        hidden[j] = true;
                    }
                }
            }
            if (hidden == null) {
                return text;
            }
            StringBuilder out = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                if (!hidden[i]) {
                    out.append(text.charAt(i));
                } else if (i == 0 || !hidden[i - 1]) {
                    out.append(MASK);
                }
            }
            return out.toString();
        }
    }
}
