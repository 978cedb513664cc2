package dev.airgen.runtime.validation;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.format.Format;

/**
 * The {@code uuid} format, checked character by character: the same strings networknt's own check accepts (8, 4,
 * 4, 4 and 12 ASCII hexadecimal digits of either case, joined by hyphens, nothing before or after), without its
 * regular expression. Every task's {@code taskUUID} carries this format, so it runs once per request sent.
 */
final class UuidFormat implements Format {

    static final UuidFormat INSTANCE = new UuidFormat();

    /** Which ASCII characters are hexadecimal digits. */
    private static final boolean[] HEX = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            HEX[c] = true;
        }
        for (char c = 'a'; c <= 'f'; c++) {
            HEX[c] = true;
            HEX[Character.toUpperCase(c)] = true;
        }
    }

    private UuidFormat() {
    }

    @Override
    public String getName() {
        return "uuid";
    }

    @Override
    public String getMessageKey() {
        return "format.uuid";
    }

    @Override
    public boolean matches(ExecutionContext executionContext, String value) {
        return isUuid(value);
    }

    static boolean isUuid(String value) {
        if (value.length() != 36 || value.charAt(8) != '-' || value.charAt(13) != '-' || value.charAt(18) != '-'
                || value.charAt(23) != '-') {
            return false;
        }
        return hex(value, 0, 8) && hex(value, 9, 13) && hex(value, 14, 18) && hex(value, 19, 23) && hex(value, 24, 36);
    }

    private static boolean hex(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c >= HEX.length || !HEX[c]) {
                return false;
            }
        }
        return true;
    }
}
