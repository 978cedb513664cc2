package dev.airgen.runtime.internal;

import dev.airgen.runtime.types.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/** Schema documents read from the class path, each once per class loader. */
public final class SchemaDocuments {

    private static final Map<ResourceKey, JsonNode> CACHE = new ConcurrentHashMap<>();
    /** {@link #defaultsToAsync} of each document, asked for every task sent without a delivery. */
    private static final Map<ResourceKey, Boolean> ASYNC_BY_DEFAULT = new ConcurrentHashMap<>();

    private SchemaDocuments() {
    }

    /**
     * The parsed document of classpath resource {@code resource} (with or without a leading {@code /}).
     *
     * @throws IllegalArgumentException when it is missing or not JSON
     */
    public static JsonNode read(ClassLoader loader, String resource) {
        return document(key(loader, resource));
    }

    /** {@link #defaultsToAsync} of the document {@link #read} gives, worked out once per name it is asked by. */
    public static boolean asyncByDefault(ClassLoader loader, String resource) {
        // Keyed by the name as given: asked for every request, and a normalized name is a new string to hash each time.
        return ASYNC_BY_DEFAULT.computeIfAbsent(new ResourceKey(loader, resource),
                given -> defaultsToAsync(document(key(loader, resource))));
    }

    private static JsonNode document(ResourceKey key) {
        return CACHE.computeIfAbsent(key, SchemaDocuments::load);
    }

    private static ResourceKey key(ClassLoader loader, String resource) {
        return new ResourceKey(loader, resource.startsWith("/") ? resource.substring(1) : resource);
    }

    private static JsonNode load(ResourceKey key) {
        try (InputStream in = key.loader().getResourceAsStream(key.resource())) {
            if (in == null) {
                throw new IllegalArgumentException("schema resource /" + key.resource() + " is not on the classpath");
            }
            return Json.mapper().readTree(in);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("schema resource /" + key.resource() + " is not readable JSON: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Whether a request schema makes {@code async} the delivery of a task that names none: its
     * {@code deliveryMethod} defaults to {@code async} or allows nothing else.
     */
    private static boolean defaultsToAsync(JsonNode schema) {
        JsonNode delivery = resolve(schema, schema.path("properties").path("deliveryMethod"), 0);
        if (delivery == null || !delivery.isObject()) {
            return false;
        }
        if (delivery.has("default")) {
            return "async".equals(delivery.get("default").asString(""));
        }
        if (delivery.has("const")) {
            return "async".equals(delivery.get("const").asString(""));
        }
        JsonNode values = delivery.path("enum");
        return values.isArray() && values.size() == 1 && "async".equals(values.get(0).asString(""));
    }

    private static JsonNode resolve(JsonNode root, JsonNode node, int depth) {
        if (node == null || node.isMissingNode() || depth > 8) {
            return null;
        }
        JsonNode ref = node.get("$ref");
        if (ref != null && ref.isString() && ref.asString().startsWith("#/")) {
            return resolve(root, root.at(ref.asString().substring(1)), depth + 1);
        }
        return node;
    }
}
