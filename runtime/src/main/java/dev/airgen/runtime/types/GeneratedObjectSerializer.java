package dev.airgen.runtime.types;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a generated object as the annotations on its class describe it (declared properties that are set, in
 * declaration order, then the additional ones in the order they were added): the tree {@link JsonTreeBuilder} builds
 * from the pairs the object lists itself. Registered on the runtime's mapper only: Jackson then never builds a
 * bean serializer for a generated class, which takes tens of milliseconds per class in a fresh JVM.
 */
final class GeneratedObjectSerializer extends StdSerializer<GeneratedObject> {

    GeneratedObjectSerializer() {
        super(GeneratedObject.class);
    }

    @Override
    public void serialize(GeneratedObject value, JsonGenerator g, SerializationContext context) {
        context.writeValue(g, JsonTreeBuilder.of(value));
    }
}
