package dev.airgen.schema;

/**
 * A problem in the input snapshot. The message always has the form {@code file#/json/pointer: reason},
 * so a build log points straight at the offending schema node.
 */
public final class SchemaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String pointer;
    private final String reason;

    public SchemaException(String file, String pointer, String reason) {
        this(file, pointer, reason, null);
    }

    public SchemaException(String file, String pointer, String reason, Throwable cause) {
        super(file + "#" + pointer + ": " + reason, cause);
        this.file = file;
        this.pointer = pointer;
        this.reason = reason;
    }

    /** The snapshot-relative file name. */
    public String file() {
        return file;
    }

    /** The JSON pointer of the offending node inside {@link #file()}; empty for the whole file. */
    public String pointer() {
        return pointer;
    }

    /** What is wrong, without the location. */
    public String reason() {
        return reason;
    }
}
