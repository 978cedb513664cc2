package dev.airgen.schema.resolve;

import tools.jackson.databind.JsonNode;

/**
 * Follows {@code $ref}s that stay inside one document ({@code #/$defs/x}), for tools that look at a schema as
 * written without resolving it fully (the diff, the bundle's provider keys). Anything else (another file, an
 * anchor, a pointer to nothing) is left as written; a chain longer than {@link #MAX_HOPS} stops where it is.
 */
public final class LocalRefs {

    /** The most {@code $ref}s followed in a row. */
    public static final int MAX_HOPS = 16;

    private LocalRefs() {
    }

    /** The schema {@code node} stands for inside {@code root}: its local {@code $ref}'s target, followed again. */
    public static JsonNode follow(JsonNode node, JsonNode root) {
        JsonNode current = node;
        for (int hops = 0; hops < MAX_HOPS && current.isObject() && current.path("$ref").isString(); hops++) {
            String ref = current.get("$ref").asString();
            if (!ref.startsWith("#") || ref.length() > 1 && ref.charAt(1) != '/') {
                return current;
            }
            JsonNode target = ref.length() == 1 ? root : root.at(ref.substring(1));
            if (target.isMissingNode()) {
                return current;
            }
            current = target;
        }
        return current;
    }
}
