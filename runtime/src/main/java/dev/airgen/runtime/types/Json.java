package dev.airgen.runtime.types;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import org.jspecify.annotations.Nullable;

/**
 * The runtime's own mapper, used where generated code must turn a raw JSON value into a typed one
 * (union variants). A single configured instance: Jackson mappers are thread-safe once built.
 */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("airgen-generated-objects") {
                @Override
                public void setupModule(SetupContext context) {
                    super.setupModule(context);
                    context.addValueInstantiators(new CreatorInstantiators());
                }
            }.addSerializer(GeneratedObject.class, new GeneratedObjectSerializer()))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // Jackson's own writer of doubles: the same shortest text that reads back to the same value, without
            // the JDK's slower conversion (every request with a fractional parameter writes one or more).
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private Json() {
    }

    /** The shared mapper; configure a copy with {@code rebuild()} rather than changing it. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** Converts a plain JSON value into {@code type}. */
    public static <T> @Nullable T convert(@Nullable Object raw, Type type) {
        return MAPPER.convertValue(raw instanceof JsonValue json ? json.raw() : raw,
                MAPPER.getTypeFactory().constructType(type));
    }

    /** The type {@code List<element>}. */
    public static Type listOf(Type element) {
        return parameterized(List.class, element);
    }

    /** The type {@code Map<String, value>}. */
    public static Type mapOf(Type value) {
        return parameterized(Map.class, String.class, value);
    }

    private static Type parameterized(Class<?> raw, Type... arguments) {
        return new ParameterizedType() {
            @Override
            public Type[] getActualTypeArguments() {
                return arguments.clone();
            }

            @Override
            public Type getRawType() {
                return raw;
            }

            @Override
            public Type getOwnerType() {
                return null;
            }

            @Override
            public String toString() {
                return raw.getName() + Arrays.toString(arguments);
            }
        };
    }
}
