package dev.airgen.maven.diff;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The request schema of every model in a snapshot document, keyed the way the change report names
 * models: the AIR for models, {@code architecture sdxl}, {@code modality image}, {@code operation
 * caption-image} and {@code utility imageUpload} for the rest.
 */
public final class ModelSchemas {

    private ModelSchemas() {
    }

    /** The models of a schemas-service bundle ({@code schema-map.json}). */
    public static Map<String, JsonNode> ofBundle(JsonNode bundle) {
        Map<String, JsonNode> models = new TreeMap<>();
        inference(bundle).forEach((air, entry) -> models.put(air, entry.path("requestSchema")));
        keyed(bundle, "architectures", "architecture", models);
        keyed(bundle, "modalities", "modality", models);
        keyed(bundle, "operations", "operation", models);
        int index = 0;
        for (JsonNode utility : bundle.path("utilities")) {
            JsonNode request = utility.path("requestSchema");
            String name = text(utility, "slug");
            if (name == null) {
                name = text(request.path("properties").path("taskType"), "const");
            }
            models.put("utility " + (name != null ? name : "#" + index), request);
            index++;
        }
        return models;
    }

    /**
     * The bundle's {@code inference} entries by AIR: the entry's {@code air}, else its request schema's
     * constant {@code model}, else its {@code slug}.
     */
    public static Map<String, JsonNode> inference(JsonNode bundle) {
        Map<String, JsonNode> entries = new TreeMap<>();
        int index = 0;
        for (JsonNode entry : bundle.path("inference")) {
            String air = text(entry, "air");
            if (air == null) {
                air = text(entry.path("requestSchema").path("properties").path("model"), "const");
            }
            if (air == null) {
                air = text(entry, "slug");
            }
            entries.put(air != null ? air : "inference #" + index, entry);
            index++;
        }
        return entries;
    }

    /**
     * The model of a {@code /resolve/{air}} document; the AIR comes from the schema's constant
     * {@code model}, else from the URL-encoded file name.
     */
    public static Map<String, JsonNode> ofResolved(String fileName, JsonNode document) {
        JsonNode request = document.path("requestSchema");
        String air = text(request.path("properties").path("model"), "const");
        if (air == null) {
            String name = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
            air = URLDecoder.decode(name, StandardCharsets.UTF_8);
        }
        Map<String, JsonNode> models = new TreeMap<>();
        models.put(air, request);
        return models;
    }

    private static void keyed(JsonNode bundle, String section, String label, Map<String, JsonNode> models) {
        for (Map.Entry<String, JsonNode> e : bundle.path(section).properties()) {
            JsonNode value = e.getValue();
            models.put(label + " " + e.getKey(), value.has("requestSchema") ? value.get("requestSchema") : value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : null;
    }
}
