package dev.airgen.runtime.internal;

import dev.airgen.runtime.internal.access.TypesAccess;
import dev.airgen.runtime.types.Json;
import dev.airgen.runtime.types.JsonValue;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Moves between the public {@link JsonValue} and the Jackson trees the transports work with. */
public final class JsonTrees {

    private JsonTrees() {
    }

    public static JsonNode toNode(JsonValue value) {
        return TypesAccess.tree(value);
    }

    public static JsonValue toValue(JsonNode node) {
        return node == null || node.isMissingNode() ? JsonValue.NULL : JsonValue.of(Json.mapper().treeToValue(node, Object.class));
    }

    public static List<JsonValue> toValues(List<JsonNode> nodes) {
        return nodes.stream().map(JsonTrees::toValue).toList();
    }
}
