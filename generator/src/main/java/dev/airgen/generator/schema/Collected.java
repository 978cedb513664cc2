package dev.airgen.generator.schema;

import dev.airgen.schema.resolve.Origin;
import dev.airgen.schema.resolve.SchemaRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The keywords of one schema after {@code $ref} siblings and {@code allOf} parts are folded in: one flat
 * view, each keyword remembering which schema stated it, so that conflicts name both places.
 */
final class Collected {

    /** A keyword value and the schema that stated it. */
    record Located(JsonNode value, SchemaRef owner) {
        Origin origin(String keyword) {
            return owner.origin().child(keyword);
        }
    }

    final SchemaRef primary;
    final Map<String, Located> keywords = new LinkedHashMap<>();
    final Map<String, SchemaRef> properties = new LinkedHashMap<>();
    final Set<String> required = new LinkedHashSet<>();
    /** Cross-field rules: whole rule-only {@code allOf} parts, and rule keywords of object schemas. */
    final List<Located> rules = new ArrayList<>();

    Collected(SchemaRef primary) {
        this.primary = primary;
    }

    JsonNode get(String keyword) {
        Located located = keywords.get(keyword);
        return located == null ? null : located.value();
    }

    boolean has(String keyword) {
        return keywords.containsKey(keyword);
    }

    String text(String keyword) {
        JsonNode value = get(keyword);
        return value != null && value.isString() ? value.asString() : null;
    }

    Origin origin() {
        return primary.origin();
    }

    Map<String, JsonNode> plainKeywords() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        keywords.forEach((k, v) -> out.put(k, v.value()));
        return out;
    }
}
