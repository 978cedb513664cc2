package dev.airgen.generator.schema;

import dev.airgen.schema.resolve.Origin;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One declared property of an object type. Presence ({@code required}) and nullability are separate bits:
 * a property can be required yet nullable, or optional and never null.
 *
 * @param name         the JSON name, exactly as on the wire
 * @param type         its type
 * @param required     listed in {@code required}
 * @param nullable     {@code null} is an allowed value
 * @param description  the schema's description, if any
 * @param defaultValue the schema's {@code default}, if any
 * @param examples     the schema's {@code examples} (and {@code example})
 * @param deprecated   marked {@code deprecated: true}
 * @param constraints  validation keywords, for documentation
 * @param origin       where the property schema is
 */
public record Property(String name, TypeNode type, boolean required, boolean nullable, String description,
                       JsonNode defaultValue, List<JsonNode> examples, boolean deprecated, Constraints constraints,
                       Origin origin) {

    public Property {
        examples = List.copyOf(examples);
    }
}
