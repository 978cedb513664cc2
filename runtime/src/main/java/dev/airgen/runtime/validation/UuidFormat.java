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
        if (value.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = value.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-'
                    : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
