package dev.airgen.runtime.internal;

/** Thrown while reading an answer whose shape is not one the protocol allows. */
public final class MalformedResponseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedResponseException(String message) {
        super(message);
    }

    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
