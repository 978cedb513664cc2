package dev.airgen.maven;

import dev.airgen.schema.diff.ModelSchemas;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps a snapshot folder's {@code catalog.json} in step with a new release. A release bundle carries no
 * catalog metadata (names, capabilities, creators, release dates), so every entry keeps what it has, except
 * what the release does say: an entry's {@code slug} and {@code taskType} follow the new bundle, and the
 * entry of a model the release removed goes. Entries for models the bundle never had (community checkpoints
 * of the catalog) stay.
 */
final class CatalogUpdate {

    static final String FILE = "catalog.json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CatalogUpdate() {
    }

    /**
     * @param catalog   the catalog beside the bundle (a JSON array of entries with an {@code air})
     * @param oldBundle the bundle being replaced; null when there was none
     * @param newBundle the release replacing it
     * @return the catalog to write, or null when it stays byte for byte as it is (nothing to change, or not
     *         an array of entries: a catalog this cannot read is left to the generator to report)
     */
    static byte[] update(byte[] catalog, JsonNode oldBundle, JsonNode newBundle) {
        JsonNode entries;
        try {
            entries = JSON.readTree(catalog);
        } catch (JacksonException unreadable) {
            return null;
        }
        if (!entries.isArray()) {
            return null;
        }
        Map<String, JsonNode> released = ModelSchemas.inference(newBundle);
        Set<String> before = oldBundle == null ? Set.of() : ModelSchemas.inference(oldBundle).keySet();
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        boolean changed = false;
        for (JsonNode entry : entries) {
            String air = entry.path("air").isString() ? entry.get("air").asString() : null;
            if (!(entry instanceof ObjectNode object) || air == null) {
                kept.add(entry);
                continue;
            }
            JsonNode release = released.get(air);
            if (release == null) {
                if (before.contains(air)) {
                    changed = true; // the release removed this model
                } else {
                    kept.add(entry);
                }
                continue;
            }
            ObjectNode copy = object.deepCopy();
            changed |= follow(copy, "slug", text(release, "slug"));
            changed |= follow(copy, "taskType", text(release.path("requestSchema").path("properties").path("taskType"), "const"));
            kept.add(copy);
        }
        return changed ? json(kept) : null;
    }

    private static boolean follow(ObjectNode entry, String field, String released) {
        if (released == null || Objects.equals(text(entry, field), released)) {
            return false;
        }
        entry.put(field, released);
        return true;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : null;
    }

    /** Pretty JSON with LF line endings on every platform. */
    private static byte[] json(JsonNode node) {
        return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node).replace("\r\n", "\n") + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
