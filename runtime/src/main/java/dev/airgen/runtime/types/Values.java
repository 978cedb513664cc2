package dev.airgen.runtime.types;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/** Small helpers that generated builders and constructors share instead of inlining. */
public final class Values {

    private Values() {
    }

    /** An unmodifiable copy, or null when absent (absent and empty differ on the wire). */
    public static <T> @Nullable List<T> list(@Nullable List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** An unmodifiable copy keeping insertion order, or null when absent. */
    public static <V> @Nullable Map<String, V> map(@Nullable Map<String, V> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** Appends to a builder's list, creating it on first use. */
    public static <T> List<T> add(@Nullable List<T> list, T item) {
        List<T> out = list == null ? new ArrayList<>() : list;
        out.add(item);
        return out;
    }

    /** Puts into a builder's map, creating it on first use. */
    public static <V> Map<String, V> put(@Nullable Map<String, V> map, String key, V value) {
        Map<String, V> out = map == null ? new LinkedHashMap<>() : map;
        out.put(key, value);
        return out;
    }

    /**
     * Fails with every missing required field named at once, rather than one per attempt.
     *
     * @param namesAndValues alternating JSON property names and the values a builder holds
     * @throws IllegalStateException naming the type and each missing property
     */
    public static void requireAll(String typeName, @Nullable Object... namesAndValues) {
        StringJoiner missing = new StringJoiner(", ");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] == null) {
                missing.add((String) namesAndValues[i]);
            }
        }
        if (missing.length() > 0) {
            throw new IllegalStateException(typeName + " is missing required properties: " + missing);
        }
    }

    /**
     * The value of a required property. Builders never leave one unset; an object read from JSON that lacked
     * the property holds none, and asking for it then fails here, naming the type and the property, rather
     * than handing out a {@code null} that the accessor's type promises is not there.
     *
     * @throws IllegalStateException when {@code value} is absent
     */
    public static <T> T required(@Nullable T value, String typeName, String property) {
        if (value == null) {
            throw new IllegalStateException(typeName + ": the required property " + property
                    + " is absent (the JSON this object was read from did not have it)");
        }
        return value;
    }
}
