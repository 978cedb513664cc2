package dev.airgen.runtime.types;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Base of generated unions whose alternatives are told apart by the shape of the JSON value
 * ({@code true | {object}}, {@code string | string[]}, ...). Discriminated unions are generated as
 * sealed interfaces instead.
 *
 * <p>A value that matches no alternative is kept as an unknown variant holding the raw JSON, so new
 * server-side shapes never break reading and still round-trip unchanged.
 */
public abstract class UnionValue {

    /** The JSON kinds a variant can match. */
    public enum Shape { NULL, BOOLEAN, INTEGER, NUMBER, STRING, ARRAY, OBJECT }

    /**
     * One alternative: its name, the JSON kind it accepts, the Java type it is read into, and for
     * object alternatives the property names used to pick the best match when several objects fit.
     */
    public record Variant(String name, Shape shape, Type type, @Nullable Object constant,
                          Set<String> properties, Set<String> required) {

        public static Variant of(String name, Shape shape, Type type) {
            return new Variant(name, shape, type, null, Set.of(), Set.of());
        }

        public static Variant constant(String name, @Nullable Object constant) {
            Shape shape = constant instanceof Boolean ? Shape.BOOLEAN
                    : constant instanceof String ? Shape.STRING
                    : constant == null ? Shape.NULL : Shape.NUMBER;
            return new Variant(name, shape, Object.class, constant, Set.of(), Set.of());
        }

        public static Variant object(String name, Type type, Set<String> properties, Set<String> required) {
            return new Variant(name, Shape.OBJECT, type, null, properties, required);
        }
    }

    /** The variant a JSON value was matched to, and its typed value. */
    protected record Decoded(String variant, @Nullable Object value) {
    }

    private static final String UNKNOWN = "unknown";

    private final String variant;
    private final @Nullable Object value;

    protected UnionValue(String variant, @Nullable Object value) {
        this.variant = Objects.requireNonNull(variant, "variant");
        this.value = value;
    }

    protected UnionValue(Decoded decoded) {
        this(decoded.variant(), decoded.value());
    }

    /** The name of the alternative this value holds, or {@code "unknown"}. */
    public final String variant() {
        return variant;
    }

    /** True when the JSON matched none of the alternatives the schema lists. */
    public final boolean isUnknown() {
        return UNKNOWN.equals(variant);
    }

    /** The raw JSON of an unknown variant, or the value of a known one as JSON. */
    public final JsonValue asJson() {
        return value instanceof JsonValue json ? json : JsonValue.of(Json.convert(value, Object.class));
    }

    @com.fasterxml.jackson.annotation.JsonValue
    @Nullable Object jsonValue() {
        return value;
    }

    /** The held value when it is {@code expected}; otherwise a clear error naming both. */
    protected final <T> T get(String expected, Class<T> type) {
        if (!variant.equals(expected)) {
            throw new IllegalStateException(getClass().getSimpleName() + " holds '" + variant + "', not '" + expected + "'");
        }
        return type.cast(value);
    }

    protected final boolean holds(String name) {
        return variant.equals(name);
    }

    /** Picks the variant that fits a JSON value best; see the class comment for the rules. */
    protected static Decoded decode(@Nullable JsonValue json, Variant... variants) {
        Object raw = json == null ? null : json.raw();
        Shape shape = shapeOf(raw);
        Variant best = null;
        int bestScore = Integer.MIN_VALUE;
        for (Variant v : variants) {
            int score = score(v, shape, raw);
            if (score > bestScore) {
                best = v;
                bestScore = score;
            }
        }
        if (best != null && bestScore >= 0) {
            try {
                Object value = best.constant() != null ? best.constant() : raw == null ? null : Json.convert(raw, best.type());
                return new Decoded(best.name(), value);
            } catch (RuntimeException unreadable) {
                // Fall through: a value we cannot read as the chosen variant is kept verbatim.
            }
        }
        return new Decoded(UNKNOWN, JsonValue.of(raw));
    }

    private static int score(Variant v, Shape shape, Object raw) {
        boolean shapeFits = v.shape() == shape || (v.shape() == Shape.NUMBER && shape == Shape.INTEGER);
        if (!shapeFits) {
            return -1;
        }
        if (v.constant() != null) {
            return JsonValue.of(v.constant()).equals(JsonValue.of(raw)) ? 1000 : -1;
        }
        if (shape != Shape.OBJECT) {
            return v.shape() == shape ? 2 : 1;
        }
        Map<?, ?> members = (Map<?, ?>) raw;
        if (!members.keySet().containsAll(v.required())) {
            return 0;
        }
        int matched = 1;
        for (Object key : members.keySet()) {
            if (v.properties().contains(key)) {
                matched++;
            }
        }
        return matched;
    }

    private static Shape shapeOf(Object raw) {
        if (raw == null) {
            return Shape.NULL;
        }
        if (raw instanceof Boolean) {
            return Shape.BOOLEAN;
        }
        if (raw instanceof String) {
            return Shape.STRING;
        }
        if (raw instanceof List) {
            return Shape.ARRAY;
        }
        if (raw instanceof Map) {
            return Shape.OBJECT;
        }
        return raw instanceof Long || raw instanceof java.math.BigInteger ? Shape.INTEGER : Shape.NUMBER;
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass()
                && variant.equals(((UnionValue) o).variant) && Objects.equals(value, ((UnionValue) o).value);
    }

    @Override
    public final int hashCode() {
        return Objects.hash(variant, value);
    }

    @Override
    public final String toString() {
        return getClass().getSimpleName() + "." + variant + "(" + value + ")";
    }
}
