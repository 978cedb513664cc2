package dev.airgen.generator.lang;

/** The JSON scalar kinds, with the Java type each becomes. */
public enum ScalarKind {
    STRING, INTEGER, LONG, NUMBER, BOOLEAN;

    /** The kind of a literal JSON value, or null when it is not a scalar. */
    public static ScalarKind of(tools.jackson.databind.JsonNode value) {
        if (value.isString()) {
            return STRING;
        }
        if (value.isBoolean()) {
            return BOOLEAN;
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToInt() ? INTEGER : LONG;
        }
        if (value.isNumber()) {
            return NUMBER;
        }
        return null;
    }
}
