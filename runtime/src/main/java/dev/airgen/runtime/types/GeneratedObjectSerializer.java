package dev.airgen.runtime.types;

import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a generated object as the annotations on its class describe it (declared properties that are set, in
 * declaration order, then the additional ones in the order they were added), from the pairs the object lists
 * itself. Registered on the runtime's mapper only: Jackson then never builds a bean serializer for a
 * generated class, which takes tens of milliseconds per class in a fresh JVM.
 */
final class GeneratedObjectSerializer extends StdSerializer<GeneratedObject> {

    GeneratedObjectSerializer() {
        super(GeneratedObject.class);
    }

    @Override
    public void serialize(GeneratedObject value, JsonGenerator g, SerializationContext context) {
        g.writeStartObject(value);
        Object[] properties = value.jsonProperties();
        for (int i = 0; i + 1 < properties.length; i += 2) {
            Object property = properties[i + 1];
            if (property != null) {
                g.writeName((String) properties[i]);
                write(property, g, context);
            }
        }
        for (Map.Entry<String, JsonValue> extra : value.additionalProperties().entrySet()) {
            g.writeName(extra.getKey());
            if (extra.getValue() == null) {
                g.writeNull();
            } else {
                context.writeValue(g, extra.getValue());
            }
        }
        g.writeEndObject();
    }

    /** The scalar types of generated properties directly, as Jackson's own serializers for them write them; the rest through Jackson. */
    private static void write(Object value, JsonGenerator g, SerializationContext context) {
        if (value instanceof String text) {
            g.writeString(text);
        } else if (value instanceof Integer number) {
            g.writeNumber(number.intValue());
        } else if (value instanceof Long number) {
            g.writeNumber(number.longValue());
        } else if (value instanceof Double number) {
            g.writeNumber(number.doubleValue());
        } else if (value instanceof Boolean flag) {
            g.writeBoolean(flag);
        } else {
            context.writeValue(g, value);
        }
    }
}
