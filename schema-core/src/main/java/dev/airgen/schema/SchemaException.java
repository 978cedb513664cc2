package dev.airgen.schema;

/**
 * A problem in the input snapshot. The message always has the form {@code file#/json/pointer: reason},
 * so a build log points straight at the offending schema node. Names and values quoted from a schema may
 * hold anything; control and bidirectional-formatting characters are shown as {@code \\uXXXX} escapes so
 * that they cannot rewrite a terminal or a log line.
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
        super(printable(file) + "#" + printable(pointer) + ": " + printable(reason), cause);
        this.file = printable(file);
        this.pointer = printable(pointer);
        this.reason = printable(reason);
    }

    /** {@code text} with C0/C1 controls, line and paragraph separators and bidi controls escaped. */
    static String printable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean hidden = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
                    || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c;
            if (hidden && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (hidden) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
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
