package dev.airgen.runtime.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An immutable JSON value of any kind: what a schema declares as {@code {}} (anything), and what
 * unknown fields are kept as.
 *
 * <p>It holds plain Java values (String, Boolean, Number, List, Map, or null) rather than a Jackson
 * tree, so that Jackson 2 and Jackson 3 mappers both read and write it without a module.
 */
public final class JsonValue {

    /** The JSON {@code null}. */
    public static final JsonValue NULL = new JsonValue(null);

    private final @Nullable Object raw;

    private JsonValue(Object raw) {
        this.raw = raw;
    }

    /**
     * Wraps a plain Java value. Accepts {@code null}, strings, booleans, numbers, maps with string
     * keys, lists, arrays, other {@code JsonValue}s and {@link OpenEnum} constants; copies containers
     * so the result is deeply immutable.
     *
     * @throws IllegalArgumentException for any other type, naming it
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static JsonValue of(@Nullable Object value) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof JsonValue json) {
            return json;
        }
        return new JsonValue(normalize(value));
    }

    private static Object normalize(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof JsonValue json) {
            return json.raw;
        }
        if (value instanceof OpenEnum<?> constant) {
            return normalize(constant.value());
        }
        if (value instanceof Number number) {
            return normalizeNumber(number);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), normalize(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof Iterable<?> items) {
            List<Object> copy = new ArrayList<>();
            items.forEach(item -> copy.add(normalize(item)));
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Object[] array) {
            return normalize(List.of(array));
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }

    /** Integral numbers become Long or BigInteger, others Double or BigDecimal, so equality is by value. */
    private static Number normalizeNumber(Number number) {
        if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
            return number.longValue();
        }
        if (number instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Number) big.longValue() : big;
        }
        if (number instanceof BigDecimal decimal) {
            BigDecimal stripped = decimal.stripTrailingZeros();
            if (stripped.scale() <= 0) {
                return normalizeNumber(stripped.toBigIntegerExact());
            }
            return stripped;
        }
        double d = number.doubleValue();
        if (!Double.isInfinite(d) && d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
            return (long) d;
        }
        return d;
    }

    /** The plain Java value: null, String, Boolean, Number, unmodifiable List or Map. */
    @com.fasterxml.jackson.annotation.JsonValue
    public @Nullable Object raw() {
        return raw;
    }

    public boolean isNull() {
        return raw == null;
    }

    public boolean isString() {
        return raw instanceof String;
    }

    public boolean isNumber() {
        return raw instanceof Number;
    }

    public boolean isBoolean() {
        return raw instanceof Boolean;
    }

    public boolean isArray() {
        return raw instanceof List;
    }

    public boolean isObject() {
        return raw instanceof Map;
    }

    public String asString() {
        return as(String.class, "a string");
    }

    public Number asNumber() {
        return as(Number.class, "a number");
    }

    public boolean asBoolean() {
        return as(Boolean.class, "a boolean");
    }

    /** The elements of a JSON array, each wrapped. */
    public List<JsonValue> asList() {
        List<?> list = as(List.class, "an array");
        List<JsonValue> out = new ArrayList<>(list.size());
        list.forEach(item -> out.add(new JsonValue(item)));
        return Collections.unmodifiableList(out);
    }

    /** The members of a JSON object, each wrapped, in their original order. */
    public Map<String, JsonValue> asMap() {
        Map<?, ?> map = as(Map.class, "an object");
        Map<String, JsonValue> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put((String) k, new JsonValue(v)));
        return Collections.unmodifiableMap(out);
    }

    /** The member {@code name} of a JSON object; empty when this is not an object or has no such member. */
    public Optional<JsonValue> get(String name) {
        if (!(raw instanceof Map<?, ?> map) || !map.containsKey(name)) {
            return Optional.empty();
        }
        return Optional.of(new JsonValue(map.get(name)));
    }

    /**
     * The value at a JSON Pointer ({@code /request/0/positivePrompt}, RFC 6901); empty when nothing is there.
     * The empty pointer is this value.
     */
    public Optional<JsonValue> at(String pointer) {
        if (pointer.isEmpty()) {
            return Optional.of(this);
        }
        if (!pointer.startsWith("/")) {
            throw new IllegalArgumentException("a JSON Pointer starts with '/': " + pointer);
        }
        Object current = raw;
        for (String token : pointer.substring(1).split("/", -1)) {
            String name = token.replace("~1", "/").replace("~0", "~");
            if (current instanceof Map<?, ?> map && map.containsKey(name)) {
                current = map.get(name);
            } else if (current instanceof List<?> list && name.matches("0|[1-9][0-9]{0,8}")
                    && Integer.parseInt(name) < list.size()) {
                current = list.get(Integer.parseInt(name));
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new JsonValue(current));
    }

    /**
     * Reads JSON text.
     *
     * @throws IllegalArgumentException when it is not one JSON value
     */
    public static JsonValue parse(String json) {
        try {
            return of(Json.mapper().readValue(json, Object.class));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private <T> T as(Class<T> type, String what) {
        if (!type.isInstance(raw)) {
            throw new IllegalStateException("JSON value is not " + what + ": " + this);
        }
        return type.cast(raw);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonValue other && Objects.equals(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(raw);
    }

    /** Compact JSON text. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        write(raw, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value instanceof String s) {
            quote(s, out);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                quote((String) e.getKey(), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            out.append(value);
        }
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
