package dev.airgen.runtime.types;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Base class of every generated object type. It keeps the fields the schema did not declare, so
 * nothing the server sends is lost and a read-modify-write round trip preserves it, and it holds the
 * few helpers that would otherwise be repeated in every generated class.
 *
 * <p>Jackson sees only the members that generated code annotates: accessor names such as
 * {@code isFavorite()} must not turn into extra properties. The runtime's own mapper ({@link Json#mapper()})
 * writes these objects from {@link #jsonProperties()} instead of inspecting their classes, which spares a
 * client's first request the set-up of a bean serializer for each class; any other Jackson mapper writes the
 * same JSON from the annotations.
 */
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE,
        setterVisibility = JsonAutoDetect.Visibility.NONE,
        creatorVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class GeneratedObject {

    private final Map<String, JsonValue> additionalProperties;

    protected GeneratedObject(@Nullable Map<String, JsonValue> additionalProperties) {
        this.additionalProperties = additionalProperties == null || additionalProperties.isEmpty()
                ? new LinkedHashMap<>(0)
                : new LinkedHashMap<>(additionalProperties);
    }

    /** Fields present in the JSON that the schema does not declare, in the order they were read. */
    @JsonAnyGetter
    public final Map<String, JsonValue> additionalProperties() {
        return Collections.unmodifiableMap(additionalProperties);
    }

    /** Called by Jackson while reading; never after the object has been handed out. */
    @JsonAnySetter
    private void readAdditionalProperty(String name, JsonValue value) {
        additionalProperties.put(name, value == null ? JsonValue.NULL : value);
    }

    /**
     * The properties the schema declares, as pairs of JSON name and value in declaration order ({@code null}
     * for a property that is not set): {@code name1, value1, name2, value2, ...}. A new array on every call.
     */
    protected abstract @Nullable Object[] jsonProperties();

    /** A readable form listing the fields that are set, in declaration order. */
    protected final String describe(String typeName, @Nullable Object... namesAndValues) {
        StringBuilder out = new StringBuilder(typeName).append('{');
        boolean first = true;
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            if (value == null) {
                continue;
            }
            if (!first) {
                out.append(", ");
            }
            first = false;
            out.append(namesAndValues[i]).append('=').append(value);
        }
        if (!additionalProperties.isEmpty()) {
            out.append(first ? "" : ", ").append("additionalProperties=").append(additionalProperties);
        }
        return out.append('}').toString();
    }
}
