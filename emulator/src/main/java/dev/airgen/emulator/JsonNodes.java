package dev.airgen.emulator;

import dev.airgen.schema.snapshot.SchemaMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** One shared, thread-safe mapper and a few node helpers. */
final class JsonNodes {
    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonNodes() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    static JsonNode parse(String text) {
        return MAPPER.readTree(text);
    }

    static JsonNode parse(byte[] bytes) {
        return MAPPER.readTree(bytes);
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }

    /** Text of a string node, or null when the node is absent or not a string. */
    static String text(JsonNode node, String field) {
        return SchemaMap.text(node, field);
    }

    static int intOr(JsonNode node, String field, int fallback) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isNumber() ? v.intValue() : fallback;
    }

    static boolean bool(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isBoolean() && v.booleanValue();
    }
}
