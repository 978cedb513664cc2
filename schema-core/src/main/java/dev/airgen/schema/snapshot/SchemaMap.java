package dev.airgen.schema.snapshot;

import dev.airgen.schema.resolve.LocalRefs;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The layout of the schemas service's bundle ({@code schema-map.json}) and of its {@code /resolve/{air}}
 * documents, read from parsed JSON without judging it: {@link SnapshotReader} builds the checked snapshot
 * model from these answers, and tools that only look at a bundle (the emulator, the change report) use them
 * directly. Every method accepts missing or odd members and answers null or empty.
 */
public final class SchemaMap {

    /** The keyed sections of a bundle, in reading order, with what each entry describes. */
    public static final Map<String, EntryKind> KEYED_SECTIONS;

    static {
        Map<String, EntryKind> sections = new LinkedHashMap<>();
        sections.put("architectures", EntryKind.ARCHITECTURE);
        sections.put("modalities", EntryKind.MODALITY);
        sections.put("operations", EntryKind.OPERATION);
        KEYED_SECTIONS = java.util.Collections.unmodifiableMap(sections);
    }

    private SchemaMap() {
    }

    /** Whether a parsed document is a bundle: an object with an {@code inference} array. */
    public static boolean isBundle(JsonNode document) {
        return document != null && document.isObject() && document.path("inference").isArray();
    }

    /** The AIR of an {@code inference[]} entry: its {@code air}, else its request schema's constant {@code model}. */
    public static String air(JsonNode inferenceEntry) {
        String air = text(inferenceEntry, "air");
        return air != null ? air : modelConst(requestOf(inferenceEntry));
    }

    /** The constant {@code model} of a request schema (the AIR a one-model schema pins), or null. */
    public static String modelConst(JsonNode requestSchema) {
        return requestSchema == null ? null : text(requestSchema.path("properties").path("model"), "const");
    }

    /** The request schema of a section value: its {@code requestSchema}, else the value itself (both forms occur). */
    public static JsonNode requestOf(JsonNode entry) {
        if (entry == null) {
            return null;
        }
        return entry.has("requestSchema") ? entry.get("requestSchema") : entry;
    }

    /** The response schema of a section value, or null when it has none. */
    public static JsonNode responseOf(JsonNode entry) {
        JsonNode response = entry == null ? null : entry.get("responseSchema");
        return response == null || response.isNull() ? null : response;
    }

    /**
     * The one task type a schema pins: a constant {@code taskType}, or an enumeration of exactly one value;
     * null when it pins none.
     */
    public static String taskType(JsonNode schema) {
        JsonNode taskType = schema == null ? null : schema.path("properties").path("taskType");
        if (taskType == null) {
            return null;
        }
        String value = text(taskType, "const");
        if (value == null && taskType.path("enum").size() == 1 && taskType.get("enum").get(0).isString()) {
            value = taskType.get("enum").get(0).asString();
        }
        return value;
    }

    /**
     * Every task type a schema accepts, in the order it lists them: its constant, or the string values of
     * its enumeration; when it lists none, its {@code default}. Empty when the schema says nothing.
     */
    public static Set<String> taskTypes(JsonNode schema) {
        Set<String> out = new LinkedHashSet<>();
        JsonNode taskType = schema == null ? null : schema.path("properties").path("taskType");
        if (taskType == null) {
            return out;
        }
        if (text(taskType, "const") != null) {
            out.add(text(taskType, "const"));
        }
        taskType.path("enum").forEach(v -> {
            if (v.isString()) {
                out.add(v.asString());
            }
        });
        if (out.isEmpty() && text(taskType, "default") != null) {
            out.add(text(taskType, "default"));
        }
        return out;
    }

    /** The key of a {@code utilities[]} entry: the task type its request pins, else its {@code slug}. */
    public static String utilityKey(JsonNode utility) {
        String taskType = taskType(requestOf(utility));
        return taskType != null ? taskType : text(utility, "slug");
    }

    /** {@code civitai%3A38784%4044716.json} (a saved {@code /resolve/{air}} document) back to its AIR. */
    public static String airFromFileName(String relative) {
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        if (name.endsWith(".json")) {
            name = name.substring(0, name.length() - ".json".length());
        }
        return URLDecoder.decode(name, StandardCharsets.UTF_8);
    }

    /** The provider part of an AIR ({@code klingai} of {@code klingai:5@3}), or null when it has none. */
    public static String creatorOf(String air) {
        int colon = air == null ? -1 : air.indexOf(':');
        return colon > 0 ? air.substring(0, colon) : null;
    }

    /**
     * The request schemas of a bundle: every inference entry, keyed section value and utility, in bundle
     * order.
     */
    public static List<JsonNode> requestSchemas(JsonNode bundle) {
        List<JsonNode> out = new ArrayList<>();
        bundle.path("inference").forEach(e -> add(out, requestOf(e)));
        for (String section : KEYED_SECTIONS.keySet()) {
            bundle.path(section).forEach(v -> add(out, requestOf(v)));
        }
        bundle.path("utilities").forEach(u -> add(out, requestOf(u)));
        return out;
    }

    private static void add(List<JsonNode> out, JsonNode schema) {
        if (schema != null && schema.isObject()) {
            out.add(schema);
        }
    }

    /**
     * The provider keys of {@code providerSettings} across a bundle: the property names of each request
     * schema's {@code providerSettings} object (following a {@code $ref} inside the same schema), sorted.
     */
    public static Set<String> providerKeys(JsonNode bundle) {
        return providerKeys(requestSchemas(bundle));
    }

    /** The provider keys of {@code providerSettings} across some request schemas, as {@link #providerKeys(JsonNode)}. */
    public static Set<String> providerKeys(List<JsonNode> requestSchemas) {
        Set<String> keys = new TreeSet<>();
        for (JsonNode request : requestSchemas) {
            JsonNode settings = LocalRefs.follow(request.path("properties").path("providerSettings"), request);
            settings.path("properties").propertyNames().forEach(keys::add);
        }
        return keys;
    }

    /** The text of a string member, or null when it is absent or not a string. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }
}
