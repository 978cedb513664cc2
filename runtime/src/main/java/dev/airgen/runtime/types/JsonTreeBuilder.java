package dev.airgen.runtime.types;

import dev.airgen.runtime.internal.access.TypesAccess;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * Builds the JSON tree of a value of generated code by walking it: generated objects through
 * {@link GeneratedObject#jsonProperties()} and their additional properties, the runtime's value types
 * (open enumerations, media, unions, {@link JsonValue}) through what they send, lists, maps and the scalar
 * types directly. The tree is the one Jackson's {@code valueToTree} gives for the same value, without Jackson's
 * serializer lookup, which inspects every class it meets the first time; a type none of these covers goes to
 * the runtime's mapper. The rest of the runtime reaches it through {@link TypesAccess}.
 */
final class JsonTreeBuilder {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static {
        TypesAccess.installTrees(JsonTreeBuilder::of);
    }

    private JsonTreeBuilder() {
    }

    static JsonNode of(@Nullable Object value) {
        if (value == null) {
            return NODES.nullNode();
        } else if (value instanceof String text) {
            return NODES.stringNode(text);
        } else if (value instanceof Integer number) {
            return NODES.numberNode(number.intValue());
        } else if (value instanceof Long number) {
            return NODES.numberNode(number.longValue());
        } else if (value instanceof Double number) {
            return NODES.numberNode(number.doubleValue());
        } else if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        } else if (value instanceof GeneratedObject object) {
            return object(object);
        } else if (value instanceof OpenEnum<?> constant) {
            return of(constant.value());
        } else if (value instanceof MediaInput media) {
            return NODES.stringNode(media.value());
        } else if (value instanceof UnionValue union) {
            return of(union.jsonValue());
        } else if (value instanceof JsonValue json) {
            return of(json.raw());
        } else if (value instanceof Map<?, ?> map) {
            ObjectNode out = NODES.objectNode();
            map.forEach((k, v) -> out.set(String.valueOf(k), of(v)));
            return out;
        } else if (value instanceof Iterable<?> items) {
            ArrayNode out = NODES.arrayNode();
            items.forEach(item -> out.add(of(item)));
            return out;
        } else if (value instanceof BigDecimal number) {
            return NODES.numberNode(number);
        } else if (value instanceof BigInteger number) {
            return NODES.numberNode(number);
        }
        return Json.mapper().valueToTree(value);
    }

    private static ObjectNode object(GeneratedObject value) {
        @Nullable Object[] properties = value.jsonProperties();
        Map<String, JsonValue> extras = value.additionalProperties();
        int members = extras.size();
        for (int i = 1; i < properties.length; i += 2) {
            if (properties[i] != null) {
                members++;
            }
        }
        // Sized for its members up front: a request of a dozen fields would otherwise rehash its map once.
        ObjectNode out = new ObjectNode(NODES, new LinkedHashMap<>(capacity(members)));
        for (int i = 0; i + 1 < properties.length; i += 2) {
            if (properties[i + 1] != null) {
                out.set((String) properties[i], of(properties[i + 1]));
            }
        }
        for (Map.Entry<String, JsonValue> extra : extras.entrySet()) {
            out.set(extra.getKey(), of(extra.getValue()));
        }
        return out;
    }

    /** The initial capacity at which a hash map holds {@code members} entries without growing. */
    private static int capacity(int members) {
        return Math.max(4, (int) Math.ceil(members / 0.75));
    }
}
