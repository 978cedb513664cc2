package dev.airgen.schema.keyword;

import java.util.Iterator;
import java.util.Map;
import java.util.function.BiFunction;
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
     * {@code schema} without {@link Keywords#ANNOTATIONS} wherever a schema can stand: the schema itself and
     * every subschema reached through the keywords that hold schemas ({@link Keywords#SUBSCHEMA},
     * {@link Keywords#SUBSCHEMA_LIST}, {@link Keywords#SUBSCHEMA_MAP}, {@link Keywords#SUBSCHEMA_OR_NAMES_MAP}).
     * Everything else is kept as it is: names of properties and definitions (a property may be called
     * {@code description}), values of data keywords such as {@code enum}, and keywords the table does not
     * know. Nothing is moved, so every node that is kept has the JSON pointer it had. What has no annotation
     * anywhere inside it is shared with {@code schema}, not copied; {@code schema} itself is never changed.
     */
    public static JsonNode withoutAnnotations(JsonNode schema) {
        if (!schema.isObject()) {
            return schema;  // true, false, or not a schema at all: nothing to leave out
        }
        return edited(schema, (keyword, value) -> Keywords.ANNOTATIONS.contains(keyword) ? null : inside(keyword, value));
    }

    /** The value of {@code keyword} with the annotations of the schemas it holds left out. */
    private static JsonNode inside(String keyword, JsonNode value) {
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
            return edited(value, (name, schema) -> withoutAnnotations(schema));
        }
        return value;
    }

    /**
     * {@code object} with each member's value replaced by what {@code edit} gives for it (null leaves the member
     * out), in the same order; {@code object} itself when every value comes back as it was.
     */
    private static JsonNode edited(JsonNode object, BiFunction<String, JsonNode, JsonNode> edit) {
        ObjectNode out = null;
        int index = 0;
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            JsonNode kept = edit.apply(member.getKey(), member.getValue());
            if (out == null && kept != member.getValue()) {
                out = JsonNodeFactory.instance.objectNode();
                Iterator<Map.Entry<String, JsonNode>> earlier = object.properties().iterator();
                for (int i = 0; i < index; i++) {
                    Map.Entry<String, JsonNode> unchanged = earlier.next();
                    out.set(unchanged.getKey(), unchanged.getValue());
                }
            }
            if (out != null && kept != null) {
                out.set(member.getKey(), kept);
            }
            index++;
        }
        return out != null ? out : object;
    }

    private static JsonNode eachElement(JsonNode list) {
        ArrayNode out = null;
        for (int i = 0; i < list.size(); i++) {
            JsonNode element = list.get(i);
            JsonNode kept = withoutAnnotations(element);
            if (out == null && kept != element) {
                out = JsonNodeFactory.instance.arrayNode(list.size());
                for (int j = 0; j < i; j++) {
                    out.add(list.get(j));
                }
            }
            if (out != null) {
                out.add(kept);
            }
        }
        return out != null ? out : list;
    }
}
