package dev.airgen.runtime;

/** Thrown while reading an answer whose shape is not one the protocol allows. */
final class MalformedResponseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedResponseException(String message) {
        super(message);
    }

    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
