package dev.airgen.emulator;

/** Carries one task-level error out of deep checks. */
final class TaskException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ErrorItem error;

    TaskException(ErrorItem error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    ErrorItem error() {
        return error;
    }
}
