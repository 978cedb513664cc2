package dev.airgen.schema.keyword;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The part of a schema that decides what is valid. A validator builds a check for every keyword it meets,
 * annotations included (a description is kept for output, even when no output asks for it); task schemas
 * carry a description on nearly every subschema, so leaving the annotations out makes compiling a schema
 * and checking a request with it cheaper without changing any verdict.
 */
public final class ValidationCopy {

    private ValidationCopy() {
    }

    /**
     * A copy of {@code schema} without {@link Keywords#ANNOTATIONS} wherever a schema can stand: the schema
     * itself and every subschema reached through the keywords that hold schemas ({@link Keywords#SUBSCHEMA},
     * {@link Keywords#SUBSCHEMA_LIST}, {@link Keywords#SUBSCHEMA_MAP}, {@link Keywords#SUBSCHEMA_OR_NAMES_MAP}).
     * Everything else is kept as it is: names of properties and definitions (a property may be called
     * {@code description}), values of data keywords such as {@code enum}, and keywords the table does not
     * know. Nothing is moved, so every node that is kept has the JSON pointer it had; kept values that are
     * not schemas are shared with {@code schema}, not copied. {@code schema} is not changed.
     */
    public static JsonNode withoutAnnotations(JsonNode schema) {
        if (!schema.isObject()) {
            return schema;  // true, false, or not a schema at all: nothing to leave out
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> member : schema.properties()) {
            String keyword = member.getKey();
            JsonNode value = member.getValue();
            if (Keywords.ANNOTATIONS.contains(keyword)) {
                continue;
            }
            out.set(keyword, copy(keyword, value));
        }
        return out;
    }

    private static JsonNode copy(String keyword, JsonNode value) {
        if (Keywords.SUBSCHEMA.contains(keyword)) {
            // items of older drafts may hold a list of schemas, one per position
            return value.isArray() ? eachElement(value) : withoutAnnotations(value);
        }
        if (Keywords.SUBSCHEMA_LIST.contains(keyword) && value.isArray()) {
            return eachElement(value);
        }
        if ((Keywords.SUBSCHEMA_MAP.contains(keyword) || Keywords.SUBSCHEMA_OR_NAMES_MAP.contains(keyword))
                && value.isObject()) {
            // names stay; a list of property names (dependencies) is not a schema and stays as well
            ObjectNode map = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                map.set(entry.getKey(), withoutAnnotations(entry.getValue()));
            }
            return map;
        }
        return value;
    }

    private static ArrayNode eachElement(JsonNode list) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode(list.size());
        for (JsonNode element : list) {
            out.add(withoutAnnotations(element));
        }
        return out;
    }
}
