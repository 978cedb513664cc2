package dev.airgen.runtime.types;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Base of generated enumerations. Unlike a Java {@code enum}, a value the schema did not list still
 * reads, round-trips unchanged and reports {@link #isKnown()} as false, so a new value on the server
 * never breaks deserialization.
 *
 * @param <V> the wire type: {@code String}, {@code Integer} or {@code Double}
 */
public abstract class OpenEnum<V> {

    private final V value;
    private final boolean known;

    protected OpenEnum(V value, boolean known) {
        this.value = Objects.requireNonNull(value, "value");
        this.known = known;
    }

    /** The exact value sent on the wire. */
    @com.fasterxml.jackson.annotation.JsonValue
    public final V value() {
        return value;
    }

    /** Whether this value was listed by the schema the class was generated from. */
    public final boolean isKnown() {
        return known;
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && value.equals(((OpenEnum<?>) o).value);
    }

    @Override
    public final int hashCode() {
        return value.hashCode();
    }

    @Override
    public final String toString() {
        return String.valueOf(value);
    }

    /** Indexes the known constants of a generated enumeration by wire value, keeping declaration order. */
    @SafeVarargs
    protected static <V, E extends OpenEnum<V>> Map<V, E> index(E... constants) {
        Map<V, E> known = new LinkedHashMap<>();
        for (E constant : constants) {
            known.put(constant.value(), constant);
        }
        return Collections.unmodifiableMap(known);
    }

    /** The known constant for {@code value}, or a new unknown one. */
    protected static <V, E extends OpenEnum<V>> E resolve(Map<V, E> known, V value, Function<V, E> unknown) {
        E constant = known.get(Objects.requireNonNull(value, "value"));
        return constant != null ? constant : unknown.apply(value);
    }
}
